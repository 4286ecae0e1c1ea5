import { isSpace } from "../chars.js";
import { isBlank, isLayoutLine, isRuleLine, removeInlinePageBreaks } from "../layout-lines.js";

/**
 * Section headings between numbered paragraphs. A heading is read from the END of the text that
 * precedes a paragraph, and belongs to that paragraph:
 *  - a line set off by rules: `SUMMARY␤-------`, `-------- Training --------`, `CHINA -----`;
 *  - a short title-like line standing alone: `FATHI EL-JAHMI "RELEASED"`, `Seeking Asylum`;
 *  - a title glued after the last sentence of the previous paragraph's line, as SMART copies
 *    print them: `... End summary. FATHI EL-JAHMI "RELEASED" 2.(C) ...`.
 * Headings are returned stripped of rules, slashes, a closing colon and surrounding spaces.
 */

const MAX_HEADING = 100;
const TAIL_CHARS = 2 * MAX_HEADING;
const MAX_WORDS = 14;
const RULE_RUN = /[-=_*#~\u2010-\u2015]{3,}/g;
const LABEL_LINE =
  /^(?:REFS?|SUBJ(?:ECT)?|TAGS|E\.\s?O\.|CLASSIFIED\s+BY|DECL|DEPT\s+FOR|DEPARTMENT\s+FOR|PASS\s+TO)\b/i;
/** `END NOTE.)`, `End Comment`, `BEGIN TEXT:` close or open text; they are not headings. */
const END_MARKER = /^(?:END|BEGIN)\b/i;
const LIST_BULLET = /^(?:[-*•·]|\(?[a-zA-Z0-9]{1,3}[.)](?:\s|$))/;
const SENTENCE_BOUNDARY = /[.!?]["'”’)\]]*\s+/g;

/** Strips rules, slashes, a closing colon and blanks from a heading's ends. */
export function cleanHeading(raw: string): string {
  const s = removeInlinePageBreaks(raw).replace(RULE_RUN, " ");
  // The ends are walked on char codes: `/[...]+$/g` would be tried from every character.
  let a = 0;
  let b = s.length;
  while (a < b && isHeadingEdge(s.charCodeAt(a))) a++;
  while (b > a && isHeadingEdge(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b).replace(/\s+/g, " ");
}

/** `[\s\-=_*#~/\\:\u2010-\u2015]`: what a heading's ends are stripped of. */
function isHeadingEdge(c: number): boolean {
  return (
    isSpace(c) ||
    c === 45 ||
    c === 61 ||
    c === 95 ||
    c === 42 ||
    c === 35 ||
    c === 126 ||
    c === 47 ||
    c === 92 ||
    c === 58 ||
    (c >= 0x2010 && c <= 0x2015)
  );
}

/** Does this short text read as a title (capitals, or capitalised content words)? */
export function isHeadingLike(raw: string): boolean {
  const t = raw.trim();
  if (t.length < 2 || t.length > MAX_HEADING) return false;
  if (/[.,;]$/.test(t) || !/^[A-Z0-9"“'‘(]/.test(t)) return false;
  if (LIST_BULLET.test(t) || LABEL_LINE.test(t) || END_MARKER.test(t) || isLayoutLine(t))
    return false;
  const colon = t.indexOf(":");
  if (colon >= 0 && colon < t.length - 1) return false;
  const words = t.split(/\s+/);
  if (words.length > MAX_WORDS) return false;
  const letters = t.replace(/[^A-Za-z]/g, "");
  if (letters.length < 2) return false;
  if (letters === letters.toUpperCase()) return true;
  const content = words.filter((w) => /^[A-Za-z][A-Za-z'’-]{3,}/.test(w));
  if (content.length === 0) return /^[A-Z]/.test(t);
  const capitalised = content.filter((w) => /^[A-Z]/.test(w)).length;
  return capitalised / content.length >= 0.6;
}

/** The text after the last sentence end in `s` (`... End summary. FATHI EL-JAHMI`), or null. */
export function lastSentenceTail(s: string): { text: string; at: number } | null {
  let at = -1;
  // A title is short: only the end of a long line can hold one.
  SENTENCE_BOUNDARY.lastIndex = Math.max(0, s.length - TAIL_CHARS);
  for (let m = SENTENCE_BOUNDARY.exec(s); m; m = SENTENCE_BOUNDARY.exec(s)) {
    at = m.index + m[0].length;
  }
  if (at < 0 || at >= s.length) return null;
  return { text: s.slice(at), at };
}

export interface Split {
  /** Length of the text that stays with the previous paragraph (or caption area). */
  keep: number;
  heading: string | null;
}

/**
 * Finds the heading at the end of `region` (the text before a paragraph start). `glued` says the
 * next paragraph starts on the same line as the region's last line. In the caption area only
 * rule-delimited headings count: a lone line there is a caption, TAGS or passing instruction.
 */
export function trailingHeading(region: string, glued: boolean, captionArea: boolean): Split {
  const body = trimEndPilcrows(region);
  const lineAt = body.lastIndexOf("\n") + 1;
  const none = { keep: region.length, heading: null };
  const last = body.slice(lineAt);
  if (last.trim() === "") return none;
  if (isRuleLine(last)) return headingAboveRule(body, lineAt);
  // Most paragraphs end in a full stop: no title, ruled title or glued title ends that way.
  const end = last.charCodeAt(last.length - 1);
  if (!glued && (end === 46 || end === 44 || end === 59)) return none;
  RULE_RUN.lastIndex = Math.max(0, last.length - 3 * MAX_HEADING);
  const rule = RULE_RUN.exec(last);
  if (rule) return headingWithRule(last, lineAt, rule.index, region.length);
  if (captionArea) return none;

  const aboveBlank = lineAt === 0 || blankLineBefore(body, lineAt);
  if (aboveBlank && isHeadingLike(last)) {
    return { keep: lineAt, heading: cleanHeading(last) };
  }
  const tail = lastSentenceTail(last);
  if (tail && isHeadingLike(tail.text) && (glued || isCapitalsTitle(tail.text, last))) {
    return { keep: lineAt + tail.at, heading: cleanHeading(tail.text) };
  }
  return none;
}

/** `SUMMARY␤-------` or `-------␤Heading␤-------`: the line above a rule line, if title-sized. */
function headingAboveRule(body: string, ruleAt: number): Split {
  const above = trimEndPilcrows(body.slice(0, dropLineBreak(body, ruleAt)));
  const hAt = above.lastIndexOf("\n") + 1;
  const h = above.slice(hAt);
  if (h.trim() === "" || isRuleLine(h) || !titleSized(h)) return { keep: ruleAt, heading: null };
  const aboveH = above.slice(0, dropLineBreak(above, hAt));
  const upperRuleAt = aboveH.lastIndexOf("\n") + 1;
  const keep = isRuleLine(aboveH.slice(upperRuleAt)) ? upperRuleAt : hAt;
  return { keep, heading: cleanHeading(h) };
}

/**
 * A line holding a rule run and text: `-------- Training --------`, `Summary =======`, or, glued
 * to the previous paragraph, `... untrue. ------- Comment -------`.
 */
function headingWithRule(
  last: string,
  lineAt: number,
  ruleAt: number,
  regionLength: number,
): Split {
  const before = last.slice(0, ruleAt);
  const inner = cleanHeading(last.slice(ruleAt));
  if (before.trim() === "") {
    return inner && titleSized(inner)
      ? { keep: lineAt, heading: inner }
      : { keep: lineAt, heading: null };
  }
  if (inner && titleSized(inner) && /[.!?:;"'”’)\]]\s*$/.test(before)) {
    return { keep: lineAt + ruleAt, heading: inner };
  }
  // `Summary =======`, or `... untrue. Comment -------`: the title stands before the rule.
  const tail = lastSentenceTail(before);
  const title = tail ? tail.text : before;
  const titleAt = tail ? tail.at : 0;
  if (isHeadingLike(title) && !inner)
    return { keep: lineAt + titleAt, heading: cleanHeading(title) };
  return { keep: regionLength, heading: null };
}

/** Trailing blanks and lone `¶` (HTML copies put the mark on a line of its own). */
function trimEndPilcrows(s: string): string {
  let i = s.length;
  while (i > 0) {
    const c = s.charCodeAt(i - 1);
    if (c !== 0xb6 && !isBlank(c)) break;
    i--;
  }
  return i === s.length ? s : s.slice(0, i);
}

/** Position before the line break (and blanks around it) that ends just before `at`. */
function dropLineBreak(s: string, at: number): number {
  let i = at;
  while (i > 0 && (s[i - 1] === " " || s[i - 1] === "\t")) i--;
  if (i > 0 && s[i - 1] === "\n") i--;
  while (i > 0 && (s[i - 1] === " " || s[i - 1] === "\t")) i--;
  return i;
}

/** Is the line starting at `lineAt` preceded by a blank line? */
function blankLineBefore(s: string, lineAt: number): boolean {
  let i = lineAt - 1; // the line break ending the previous line
  while (i > 0 && (s[i - 1] === " " || s[i - 1] === "\t")) i--;
  return i === 0 || s[i - 1] === "\n";
}

function titleSized(s: string): boolean {
  const t = s.trim();
  return (
    t.length > 0 &&
    t.length <= MAX_HEADING &&
    t.split(/\s+/).length <= MAX_WORDS &&
    !/[.,;]$/.test(t)
  );
}

/** A capitals title glued at the end of a mixed-case line: `... in Libya. FAMILY VISITS`. */
function isCapitalsTitle(tail: string, line: string): boolean {
  const letters = tail.replace(/[^A-Za-z]/g, "");
  return (
    letters.length >= 4 &&
    letters === letters.toUpperCase() &&
    /\s/.test(tail.trim()) &&
    /[a-z]/.test(line)
  );
}

/** `¶6. ---------- BACKGROUND ----------`: a ruled heading opening the paragraph's own line. */
const LEADING_RULED =
  /^[ \t]*[-=_\u2010-\u2015]{3,}[ \t]*([^\n]{1,100}?)[ \t]*[-=_\u2010-\u2015]{3,}[ \t]*/;

export function leadingHeading(text: string): { heading: string; skip: number } | null {
  const m = LEADING_RULED.exec(text);
  if (!m) return null;
  const heading = cleanHeading(m[1]!);
  return heading ? { heading, skip: m[0].length } : null;
}
