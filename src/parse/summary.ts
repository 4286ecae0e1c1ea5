import { captionAreaEnd } from "./caption-area.js";
import { isSpace } from "./chars.js";
import type { BodyDoc } from "./doc.js";
import { opensParagraph } from "./summary/label-position.js";
import { dropSummaryLead, gluedParagraphOne } from "./summary/lead.js";
import { sectionText } from "./summary/section-text.js";
import { unnumberedTextStart } from "./summary/text-start.js";

/**
 * The author's summary (spec §4.9): between a `Summary` label and `End summary`; with an end marker
 * but no label, from paragraph 1; with a label but no end marker, to the next blank line or rule.
 */

/** `Summary and Comment`, `Summary/Comment`, `SUMMARY AND ACTION REQUEST`, `Summary and Introduction`. */
const COMBINED = String.raw`(?:\s*(?:and|&|\/)\s*(?:comments?|action\s+requests?|introduction|table\s+of\s+contents|recommendations?|conclusions?|analysis|background|outlook|key\s+points))?`;
const WORD = "summ?a?r?y";

/**
 * A label opens a line, a numbered paragraph or a marking (`1. (C) Summary:`, `SUMMARY␤-------`,
 * `------- SUMMARY -------`, `BEGIN SUMMARY`, `Summay` of 09OSLO146) and is followed by punctuation
 * or the line end — never "a summary of". Candidates come from a cheap word search (wordPositions:
 * every match of WORD followed by `\b`).
 */
const LABEL_REST = new RegExp(
  String.raw`${WORD}\b${COMBINED}(?=[ \t]*(?:[-:.=—]|\n|$))[ \t]*[-:.=—]*`,
  "iy",
);
/**
 * Without an end marker the summary stops at a blank line or a separator rule (a blank line before
 * a lower-case word is the double spacing of some copies).
 */
/**
 * A label underlined by a rule on its own line is a heading wherever the copy glued it: at the end
 * of the Classified-By or subject line (`… reasons 1.4 b and d Summary -------`, 08BRASILIA707;
 * `… in Mendoza Summary␤-------- 1. Ambassador …`, 08BUENOSAIRES858).
 */
const RULE_AFTER = /[-=_]{3,}[ \t]*$/;
const RULE_BELOW = /^[ \t]*\n[ \t]*[-=_]{3,}/;
/** The underline ends its line: `FRAUD SUMMARY---HERMOSILLO` is a subject, not a heading. */
const LINE_END = /^[ \t]*(?:\n|$)/;
const OPEN_END = /\n[ \t]*\n(?![ \t]*[a-z])|[-=_]{3,}/;

export function parseSummary(doc: BodyDoc): string | null {
  const text = doc.text;
  // One scan for the word; the end marker (`End summary`, `END OF SUMMARY`) is read backwards from
  // each occurrence rather than by a second regex scan of the body.
  const words = wordPositions(text);
  let endAt = -1;
  for (const at of words) {
    endAt = endMarkerBefore(text, at);
    if (endAt >= 0) break;
  }
  if (endAt >= 0) {
    const label = findLabel(text, words, endAt, true);
    const start = label >= 0 ? label : paragraphOne(doc, endAt);
    if (start < 0 || start > endAt) return null;
    return dropSummaryLead(sectionText(text.slice(start, endAt)));
  }
  const label = findLabel(text, words, text.length, false);
  if (label < 0) return null;
  const span = openSpan(text, label);
  if (span.capped) {
    doc.warnings.push(
      `summary without an end marker or a break read up to ${OPEN_SPAN.toLocaleString("en-US")} characters (to the end of that line); the text after it stays in the body`,
    );
  }
  return dropSummaryLead(sectionText(span.text));
}

/**
 * Offsets of every `summary` word (and its misspellings), in order: where `/summ?a?r?y\b/gi` matches.
 * Found from each `y`/`Y` (a single character, found at memchr speed) and read backwards —
 * `sum`, an optional `m`, `a` and `r`, then the `y` and a word boundary — instead of a regex scan
 * of the whole body.
 */
function wordPositions(text: string): number[] {
  const out: number[] = [];
  let lower = text.indexOf("y");
  let upper = text.indexOf("Y");
  while (lower >= 0 || upper >= 0) {
    const y = upper < 0 || (lower >= 0 && lower < upper) ? lower : upper;
    const start = summaryWordEndingAt(text, y);
    if (start >= 0) out.push(start);
    if (y === lower) lower = text.indexOf("y", y + 1);
    else upper = text.indexOf("Y", y + 1);
  }
  return out;
}

/** Lower-cased ASCII letter at `i` (any other character unchanged). */
function lowerAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** Start of `summ?a?r?y` (any case) ending with the `y` at `y` and followed by a word boundary, or -1. */
function summaryWordEndingAt(text: string, y: number): number {
  if (isWordChar(text.charCodeAt(y + 1))) return -1;
  let i = y;
  if (lowerAt(text, i - 1) === 114) i--; // r
  if (lowerAt(text, i - 1) === 97) i--; // a
  // `sum` then an optional `m`: two m's take the optional one, one m is the mandatory one.
  let m = 0;
  while (m < 3 && lowerAt(text, i - 1 - m) === 109) m++;
  if (m === 0 || m > 2) return -1;
  i -= m;
  if (lowerAt(text, i - 1) !== 117 || lowerAt(text, i - 2) !== 115) return -1; // u, s
  return i - 2;
}

const isWordChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/** `text[at - w.length, at)` is `w` in any case (`w` lower case). */
function endsWithWord(text: string, at: number, w: string): boolean {
  if (at < w.length) return false;
  for (let k = 0; k < w.length; k++) {
    if ((text.charCodeAt(at - w.length + k) | 0x20) !== w.charCodeAt(k)) return false;
  }
  return true;
}

/** Blanks (`\s+`, at least one) ending at `at`: where they start, or -1 when there are none. */
function blanksBefore(text: string, at: number): number {
  let i = at;
  while (i > 0 && isSpace(text.charCodeAt(i - 1))) i--;
  return i < at ? i : -1;
}

/**
 * Where `end` starts when `\bend\s+(?:of\s+)?` stands right before the word at `at` (any case), else
 * -1: the end marker read backwards.
 */
function endMarkerBefore(text: string, at: number): number {
  const gap = blanksBefore(text, at);
  if (gap < 0) return -1;
  const endWord = (to: number) =>
    endsWithWord(text, to, "end") && (to === 3 || !isWordChar(text.charCodeAt(to - 4)))
      ? to - 3
      : -1;
  const direct = endWord(gap);
  if (direct >= 0) return direct;
  if (!endsWithWord(text, gap, "of")) return -1;
  const before = blanksBefore(text, gap - 2);
  return before < 0 ? -1 : endWord(before);
}

/**
 * From a label with no end marker: past a heading's own rule and blank lines, to the next break,
 * at most this far (a summary is a paragraph or two; a label with no break after it would
 * otherwise take the whole body). Cut at a line end, with a warning; the body keeps it all.
 */
const OPEN_SPAN = 20_000;

function openSpan(text: string, from: number): { text: string; capped: boolean } {
  // The heading's rule may run on into the text (`Summary␤-------- 1.  Ambassador …`).
  const lead = /^(?:[ \t]*(?:[-=_]{3,})?[ \t]*\n)*(?:[ \t]*[-=_]{3,}[ \t]*)?/.exec(
    text.slice(from, from + 400),
  );
  const start = from + (lead ? lead[0].length : 0);
  // A summary without an end marker is read up to the next break, within OPEN_SPAN characters:
  // at that bound it runs on to the end of the line, never stopping inside a word.
  let stopAt = start + OPEN_SPAN;
  if (stopAt < text.length) {
    const nl = text.indexOf("\n", stopAt);
    stopAt = nl < 0 ? text.length : nl;
  }
  const rest = text.slice(start, stopAt);
  const stop = OPEN_END.exec(rest);
  if (stop) return { text: rest.slice(0, stop.index), capped: false };
  return { text: rest, capped: stopAt < text.length };
}

/** Paragraph 1, or the text that stands for it when its number was lost (see text-start.ts). */
function paragraphOne(doc: BodyDoc, endAt: number): number {
  const text = doc.text;
  const bound = captionAreaEnd(doc);
  if (/^[ \t]*¶?[ \t]*1[ \t]*[.)]/.test(text.slice(bound, bound + 8))) return bound;
  return unnumberedTextStart(text, endAt);
}

/** The end of the first (or last) summary label among the words before `to`, or -1. */
function findLabel(text: string, words: readonly number[], to: number, last: boolean): number {
  let found = -1;
  for (const at of words) {
    if (at >= to) break;
    LABEL_REST.lastIndex = at;
    if (!LABEL_REST.exec(text) || LABEL_REST.lastIndex > to) continue;
    const begin = /\bbegin[ \t]+$/i.exec(text.slice(Math.max(0, at - 10), at));
    const start = at - (begin ? begin[0].length : 0);
    const ruled =
      (RULE_AFTER.test(text.slice(at, LABEL_REST.lastIndex)) &&
        LINE_END.test(text.slice(LABEL_REST.lastIndex, LABEL_REST.lastIndex + 40))) ||
      RULE_BELOW.test(text.slice(LABEL_REST.lastIndex, LABEL_REST.lastIndex + 40));
    if (!ruled && !opensParagraph(text, start) && !gluedParagraphOne(text, start)) continue;
    found = LABEL_REST.lastIndex;
    if (!last) break;
  }
  return found;
}
