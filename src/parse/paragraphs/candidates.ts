import { isLayoutLine, isRuleLine } from "../layout-lines.js";
import { isHeadingLike, lastSentenceTail } from "./headings.js";
import { readMarking } from "./marking.js";

/**
 * Places where a numbered paragraph may start. Every `N.` at a line start is a candidate (also
 * `N (C)` without the period); inside a line only `N. (mark)` after a sentence end, a rule or a
 * glued heading is, because SMART copies run paragraphs together on one line. Each candidate is
 * weighted by how sure its look makes it; the sequence of numbers decides (see chain.ts).
 */
export interface Candidate {
  number: number;
  /** Where the paragraph begins (its number, or the line's indentation). */
  start: number;
  /** Where its text begins, after the number and the mark. */
  bodyStart: number;
  marking: string | null;
  inline: boolean;
  weight: number;
}

/**
 * Highest paragraph number read: marked paragraphs of the corpus stop at 40, while a figure at a line
 * start (`250. ...`) is common. Past it nothing is cut: the text stays in the last paragraph and
 * the cable says so (parseParagraphs).
 */
export const MAX_NUMBER = 199;
const LINE_START = /[ \t]*¶?[ \t]*(\d{1,3})(?!\d)(\.?)/y;
const AFTER_NUMBER = /[\s("“'‘A-Za-z¶-]/;
const SENTENCE_OR_CLOSE = /[.!?:;"'”’)\]]$/;
const SENTENCE_END = /[.!?]["'”’)\]]*$/;
const END_MARKER = /\bEND\s+(?:OF\s+)?(?:SUMMARY|COMMENT|NOTE|TEXT)\W*$/i;
const RULE_OR_REDACTION_END = /(?:[-=_\u2010-\u2015]{3}[\s-]*|[Xx]{4})$/;
/** A previous line this long that stops mid-sentence was hard-wrapped: the number continues it. */
const WRAP_WIDTH = 60;
const AFTER_MARK = /[ \t]*(?:[.:](?=[ \t]|$)[ \t]*)?/my;

export function findCandidates(text: string, end: number): Candidate[] {
  const atStart: Candidate[] = [];
  // Line starts, kept for the inline scan: one walk over the lines instead of two.
  const starts: number[] = [];
  let prevStart = -1;
  for (let pos = 0; pos < end; ) {
    starts.push(pos);
    let nl = text.indexOf("\n", pos);
    if (nl < 0 || nl > end) nl = end;
    if (mayStartParagraph(text, pos, nl)) {
      const prev = prevStart < 0 ? null : text.slice(prevStart, pos - 1);
      const c = lineStartCandidate(text, pos, nl, prev);
      if (c) atStart.push(c);
    }
    prevStart = pos;
    pos = nl + 1;
  }
  return merge(atStart, inlineCandidates(text, end, starts));
}

function merge(a: Candidate[], b: Candidate[]): Candidate[] {
  if (b.length === 0) return a;
  const out: Candidate[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.start < b[j]!.start)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

/** Cheap test before the regex: the line's first visible character is a digit or `¶`. */
function mayStartParagraph(text: string, from: number, to: number): boolean {
  let i = from;
  let c = text.charCodeAt(i);
  while (i < to && (c === 32 || c === 9)) c = text.charCodeAt(++i);
  return i < to && (isDigit(c) || c === 0xb6);
}

function lineStartCandidate(
  text: string,
  lineStart: number,
  lineEnd: number,
  prevLine: string | null,
): Candidate | null {
  LINE_START.lastIndex = lineStart;
  const m = LINE_START.exec(text);
  if (!m || m.index !== lineStart) return null;
  const number = Number(m[1]);
  if (number < 1 || number > MAX_NUMBER) return null;
  let p = lineStart + m[0].length;
  const hasPeriod = m[2] === ".";
  if (hasPeriod && p < lineEnd && !AFTER_NUMBER.test(text[p]!)) return null;
  while (p < lineEnd && (text[p] === " " || text[p] === "\t")) p++;
  const mark = p < lineEnd ? readMarking(text, p) : null;
  if (!hasPeriod && !mark) return null;
  const bodyStart = mark ? skipAfterMark(text, mark.end, lineEnd) : p;
  return {
    number,
    start: lineStart,
    bodyStart,
    marking: mark?.marking ?? null,
    inline: false,
    weight: mark ? 4 : unmarkedWeight(prevLine),
  };
}

/** Unmarked numbers are believed by what stands above them. */
function unmarkedWeight(prevLine: string | null): number {
  if (prevLine === null) return 3;
  const p = prevLine.trim();
  if (p === "" || p === "¶" || isRuleLine(p) || isLayoutLine(p)) return 3;
  if (SENTENCE_OR_CLOSE.test(p) || p.length <= WRAP_WIDTH) return 2;
  return 0.5;
}

/** An unmarked number inside a line is weak evidence: the chain takes it only in sequence. */
const INLINE_UNMARKED_WEIGHT = 1.5;

/** What may separate an inline number from the text before it: ` \t\u2028\u2029\u00a0-`. */
function isInlineSeparator(c: number): boolean {
  return c === 32 || c === 9 || c === 0x2028 || c === 0x2029 || c === 0xa0 || c === 45;
}

/** `["“A-Z]`: what an unmarked inline paragraph's text opens with. */
function opensInlineText(c: number): boolean {
  return c === 34 || c === 0x201c || (c >= 65 && c <= 90);
}
/** Only the end of the text before an inline number decides; headings are short. */
const CONTEXT_CHARS = 160;

/**
 * `... End summary. 2.(C) Citing ...`, `... to 15-17. 7. In this new setting ...`: a number
 * inside a line, after a sentence end, a rule, an end marker or a heading. Found from each `.`
 * (a few hundred per cable) rather than by a regex over every position: digits before it, a
 * separator before them, and a mark or a capital after it.
 */
function inlineCandidates(text: string, end: number, starts: readonly number[]): Candidate[] {
  const out: Candidate[] = [];
  // The line around a dot comes from the line starts, tracked forward only for dots that pass
  // the cheap tests: searching back and forth from every dot would be quadratic on a 60 KB line.
  let line = 0;
  for (let dot = text.indexOf("."); dot >= 0 && dot < end; dot = text.indexOf(".", dot + 1)) {
    let d = dot;
    while (d > 0 && dot - d < 3 && isDigit(text.charCodeAt(d - 1))) d--;
    if (d === dot || (d > 0 && isDigit(text.charCodeAt(d - 1)))) continue;
    const numAt = d > 0 && text.charCodeAt(d - 1) === 0xb6 ? d - 1 : d;
    if (numAt === 0 || !isInlineSeparator(text.charCodeAt(numAt - 1))) continue;
    let after = dot + 1;
    while (after < text.length && after - dot <= 3) {
      const c = text.charCodeAt(after);
      if (c !== 32 && c !== 9) break;
      after++;
    }
    if (after >= text.length) continue;
    const next = text.charCodeAt(after);
    const paren = next === 40;
    if (!paren && (after === dot + 1 || after - dot > 3 || !opensInlineText(next))) continue;
    while (line + 1 < starts.length && starts[line + 1]! <= dot) line++;
    const lineStart = starts[line]!;
    const lineEnd = line + 1 < starts.length ? starts[line + 1]! - 1 : lineEndFrom(text, lineStart);
    if (numAt < lineStart) continue;
    const before = text.slice(Math.max(lineStart, numAt - CONTEXT_CHARS), numAt).trimEnd();
    // At a line start (after indentation or `¶`) the line-start scan has it already.
    if (before === "" || (before === "¶" && numAt - lineStart < 3)) continue;
    const number = Number(text.slice(d, dot));
    if (number < 1 || number > MAX_NUMBER) continue;
    const mark = paren ? readMarking(text, after) : null;
    if (paren && !mark) continue;
    if (!inlineContextOk(before, mark !== null)) continue;
    out.push({
      number,
      start: numAt,
      bodyStart: mark ? skipAfterMark(text, mark.end, lineEnd) : after,
      marking: mark?.marking ?? null,
      inline: true,
      weight: mark ? 3 : INLINE_UNMARKED_WEIGHT,
    });
  }
  return out;
}

/**
 * What precedes an inline paragraph start: a sentence end, a rule, a redaction, an end marker
 * (`END SUMMARY 2. (C)`), or, for a marked one, a heading (`LONG TERM SOLUTION NEEDED 8. (SBU)`).
 */
function inlineContextOk(before: string, marked: boolean): boolean {
  if (SENTENCE_END.test(before) || RULE_OR_REDACTION_END.test(before)) return true;
  if (END_MARKER.test(before)) return true;
  if (!marked) return false;
  if (/[:;"'”’)\]]$/.test(before)) return true;
  const tail = lastSentenceTail(before);
  return isHeadingLike(tail ? tail.text : before);
}

/** `1. (C - ENTIRE TEXT). TEXT`: skip the blanks, and a stray `.` or `:`, after the mark. */
function skipAfterMark(text: string, p: number, lineEnd: number): number {
  AFTER_MARK.lastIndex = p;
  const m = AFTER_MARK.exec(text);
  return m ? Math.min(p + m[0].length, lineEnd) : p;
}

function lineEndFrom(text: string, from: number): number {
  const nl = text.indexOf("\n", from);
  return nl < 0 ? text.length : nl;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
