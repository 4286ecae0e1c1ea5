import type { Paragraph, Protect } from "../model/cable.js";
import type { BodyDoc } from "./doc.js";
import { docSegments, type Segment } from "./paragraphs/segment.js";
import { sentenceAround } from "./paragraphs/sentence.js";

/**
 * Source-protection markers: the drafter's note that the person just named must not be exposed,
 * `(PROTECT)`, `(STRICTLY PROTECT)`, `(STRICT PROTECT)`, `XXXXXXXXXXXX (protect)`,
 * `xxxxxxxxxxxx(strictly protect)`, `(please protect)`, `(Amcit, strictly protect)`,
 * `-- PROTECT --`, and the bare forms: `(S//NF) STRICTLY PROTECT. The source ...`, `PROTECT: ...`,
 * `(Note: Please protect. ...)`, `XXXXXXXXXXXX protect`, in any case.
 *
 * Recall first, because a missed marker puts a person at risk: every `strictly protect`, every
 * `protect` standing as its own sentence or label, glued to a redaction, or typed in capitals
 * inside mixed-case prose is a marker. What is refused is what is certainly not one: the verb with
 * its object (`to protect civilians`, `-- PROTECT the UK by ...`), a law's name (`the U.S. PROTECT
 * Act`) and the handling sentence `PLEASE PROTECT ACCORDINGLY`.
 */

const MAX_INSIDE = 90;
/** What may precede `protect` inside the parentheses. */
const BEFORE =
  /^(?:[^()[\]]{0,40}[,;:\u2013-]\s*)?(?:(?:please|again|urgently|also|strictly|strict|and)[\s,]*)*$/i;
/** What may follow it: `strictly`, `throughout`, `source`, a redaction, or a clause after a comma/dash. */
const AFTER =
  /^(?:\s*(?:strictly|throughout|source|sources|identity|identities|both|all|this\s+reference|on\s+this|him|her|them|[Xx]{4,}))*\s*(?:[,;:.\u2013-].{0,80}|for\s.{0,80})?$/i;
const STRICTLY = /\bstrict(?:ly)?\b/i;
const DASH_BEFORE = /--\s*(?:strict(?:ly)?\s+)?$/i;
const DASH_AFTER = /^\s*(?:--|[),.;:]|$)/;

export function parseProtect(doc: BodyDoc, paragraphs: Paragraph[]): Protect[] {
  const text = doc.text;
  const words = protectWords(text);
  if (words.length === 0) return [];
  const segments = docSegments(doc);
  // The caller's paragraphs give the numbers when they are the ones cut from this text.
  const numbers =
    paragraphs.length === segments.length
      ? paragraphs.map((p) => p.number)
      : segments.map((s) => s.number);
  const found: Found[] = [];
  for (const at of words) {
    const m = parenthesised(text, at) ?? dashed(text, at) ?? bare(text, at);
    // `(XXXXXXXXXXXX -- strictly protect)` is one marker, not a parenthesised and a dashed one.
    if (m && !found.some((f) => f.at === m.at)) found.push(m);
  }
  return found.map((m) => {
    const where = locate(segments, m.at, text.length);
    return {
      marker: m.marker,
      paragraph: where.index >= 0 ? numbers[where.index]! : null,
      text: sentenceAround(text, m.at, m.end, where.lo, where.hi),
    };
  });
}

interface Found {
  marker: Protect["marker"];
  /** Offset of the opening parenthesis (or dashes). */
  at: number;
  end: number;
}

/**
 * The three spellings, each found from its first five letters then checked: V8 finds a needle of
 * five characters opening with a rare letter at memchr speed, a seven-letter one several times
 * slower (and most cables never use the word, so this is a scan of the whole body).
 */
const SPELLINGS: readonly [string, string][] = [
  ["prote", "ct"],
  ["Prote", "ct"],
  ["PROTE", "CT"],
];

/**
 * Offsets of the whole word `protect` as drafters type it (three spellings), in text order.
 */
function protectWords(text: string): number[] {
  const out: number[] = [];
  for (const [head, tail] of SPELLINGS) {
    for (let i = text.indexOf(head); i >= 0; i = text.indexOf(head, i + WORD)) {
      if (!text.startsWith(tail, i + 5)) {
        i -= WORD - 1;
        continue;
      }
      if (isLetter(text.charCodeAt(i - 1)) || isLetter(text.charCodeAt(i + WORD))) continue;
      out.push(i);
    }
  }
  return out.length > 1 ? out.sort((a, b) => a - b) : out;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

const WORD = "protect".length;

function parenthesised(text: string, at: number): Found | null {
  const open = enclosingOpen(text, at);
  if (open < 0) return null;
  const close = text.indexOf(text[open] === "(" ? ")" : "]", at);
  if (close < 0 || close - open > MAX_INSIDE) return null;
  const before = text.slice(open + 1, at);
  const after = text.slice(at + WORD, close);
  if (before.includes("\n\n") || after.includes("\n\n")) return null;
  if (!BEFORE.test(before.trim()) || !AFTER.test(after.trim())) return null;
  const strictly = STRICTLY.test(before) || STRICTLY.test(after);
  return { marker: strictly ? "STRICTLY PROTECT" : "PROTECT", at: open, end: close + 1 };
}

/** `-- PROTECT --`, `xxxxxxxxxxxx -- strictly protect.`: between dashes, not a verb. */
function dashed(text: string, at: number): Found | null {
  const lead = DASH_BEFORE.exec(text.slice(Math.max(0, at - 24), at));
  if (!lead || !DASH_AFTER.test(text.slice(at + WORD, at + WORD + 8))) return null;
  const strictly = STRICTLY.test(lead[0]);
  return {
    marker: strictly ? "STRICTLY PROTECT" : "PROTECT",
    at: at - lead[0].length,
    end: at + WORD,
  };
}

/** The handling sentence (`PLEASE PROTECT ACCORDINGLY`) and a law's name (`PROTECT Act`). */
const NOT_A_MARKER_AFTER = /^\s*(?:acc[a-z]*\b|ACC[A-Z]*\b|Act\b|ACT\b)/;
/** The verb with its object: `protect the pipeline`, `PROTECT the UK`, `protect them from`. */
const OBJECT_AFTER =
  /^\s+(?:the|a|an|their|his|her|its|our|your|my|them|him|it|us|me|you|themselves|himself|herself|itself|ourselves|against|from|and|or|both|all|this|these|those|that|such|any|every|each|one|local|national|foreign|american|u\.s\.|us)\b/i;
/** What may follow a bare marker: the end of its sentence or label, or the words drafters add. */
const BARE_AFTER =
  /^(?:\s*(?:strictly|throughout|source|sources|identity|identities|please))*\s*(?:[.:;!,)\]\u2013\u2014-]|\n|$)/i;
/**
 * What may precede a bare marker: the start of a line, sentence, clause or group (`(S//NF)`,
 * `Note:`, `--`), then the words drafters add (`please`, `strictly`, `source`).
 */
const BARE_BEFORE =
  /(?:\n|[.!?:;([\]\u2013\u2014]|--|\))[ \t"'“‘]*(?:(?:note|nb|source|please|strictly|strict|again|also|and)\b[\s:,.-]*)*$/i;
/** A redaction right before: `XXXXXXXXXXXX protect`, `xxxxxxxxxxxx, strictly protect,`. */
const AFTER_REDACTION = /[Xx]{4,}[\s,;:\u2013-]*(?:(?:please|strictly|strict)\s+)*$/;
const STRICTLY_BEFORE = /\bstrict(?:ly)?\s+$/i;
const NAME_LIKE_BEFORE = /\b(?:the|a|an|please)\s+$/i;
const LOOK_BACK = 60;

/**
 * The bare forms: `protect` with no brackets or dashes around it. A marker when it stands as its
 * own sentence or label (`(S//NF) STRICTLY PROTECT. The source`, `PROTECT: ...`, `(Note: Please
 * protect. ...)`), follows a redaction, follows `strictly` (`... strictly protect ...` is never the
 * plain verb in a cable), or is typed in capitals inside mixed-case prose (`Ali Hassan, PROTECT,
 * told us`) — unless it is the handling sentence, a law's name, or a verb with its object.
 */
function bare(text: string, at: number): Found | null {
  const afterText = text.slice(at + WORD, at + WORD + 40);
  if (NOT_A_MARKER_AFTER.test(afterText)) return null;
  const from = Math.max(0, at - LOOK_BACK);
  // A group starting at the text's start or a line start counts as opening a sentence.
  const lead = (from === 0 ? "\n" : "") + text.slice(from, at);
  const object = OBJECT_AFTER.test(afterText);
  const strictly = STRICTLY_BEFORE.test(lead);
  let start = -1;
  const open = BARE_BEFORE.exec(lead);
  if (open && BARE_AFTER.test(afterText)) start = at - (lead.length - open.index - 1);
  else if (AFTER_REDACTION.test(lead) && !object)
    start = at - AFTER_REDACTION.exec(lead)![0].length;
  else if (strictly) start = at - STRICTLY_BEFORE.exec(lead)![0].length;
  else if (capitalsInProse(text, at) && !object && !NAME_LIKE_BEFORE.test(lead)) start = at;
  if (start < 0) return null;
  return {
    marker: strictly || /strict/i.test(text.slice(start, at)) ? "STRICTLY PROTECT" : "PROTECT",
    at: Math.max(0, Math.min(start, at)),
    end: at + WORD,
  };
}

/** `PROTECT` in capitals on a line of mixed-case prose (not an all-capitals cable or heading). */
function capitalsInProse(text: string, at: number): boolean {
  if (!text.startsWith("PROTECT", at)) return false;
  const lineStart = text.lastIndexOf("\n", at) + 1;
  let lineEnd = text.indexOf("\n", at);
  if (lineEnd < 0) lineEnd = text.length;
  const around = text.slice(Math.max(lineStart, at - 40), Math.min(lineEnd, at + 47));
  let lower = 0;
  for (let i = 0; i < around.length; i++) {
    const c = around.charCodeAt(i);
    if (c >= 97 && c <= 122) lower++;
  }
  // Not inside a phrase in capitals (`TREASURIES: PROTECT CHINA'S INVESTMENTS`, a heading).
  return lower >= 8 && !/^\s+[A-Z][A-Z'’-]+\b/.test(text.slice(at + WORD, at + WORD + 20));
}

/** The `(` or `[` opening the group around `at`, if one is open within reach. */
function enclosingOpen(text: string, at: number): number {
  for (let i = at - 1; i >= 0 && at - i <= MAX_INSIDE; i--) {
    const c = text[i];
    if (c === "(" || c === "[") return i;
    if (c === ")" || c === "]") return -1;
  }
  return -1;
}

/** The paragraph holding `at` (index, or -1 before paragraph 1) and the text span around it. */
function locate(segments: Segment[], at: number, length: number) {
  let lo = 0;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    // Between two paragraphs (a heading, text the segmenter left out): the paragraph it follows,
    // so that a marker after paragraph 1 always names a paragraph.
    if (at < s.start) return { index: i - 1, lo, hi: s.start };
    if (at < s.end) return { index: i, lo: s.bodyStart, hi: s.end };
    lo = s.end;
  }
  return { index: segments.length - 1, lo, hi: length };
}

/**
 * Redaction runs: 4 or more X (or x) in a row, alone (`XXXXXXXXXXXX`, `xxxxxxxxxxxx`) or glued to
 * a word by the release (`XXXXXXXXXXXXNEED`, `toXXXXXXXXXXXX`). Three X are not counted: `XXX` is
 * also the Roman thirty and an ordinal (`XXXth`), and drafters' `XXX` placeholders are rare.
 */
const RUN = 4;

export function countRedactions(text: string): number {
  let n = 0;
  let upper = text.indexOf("XXXX");
  let lower = text.indexOf("xxxx");
  while (upper >= 0 || lower >= 0) {
    const at = lower < 0 || (upper >= 0 && upper < lower) ? upper : lower;
    let end = at + RUN;
    while (end < text.length && (text[end] === "X" || text[end] === "x")) end++;
    n++;
    if (upper >= 0 && upper < end) upper = text.indexOf("XXXX", end);
    if (lower >= 0 && lower < end) lower = text.indexOf("xxxx", end);
  }
  return n;
}
