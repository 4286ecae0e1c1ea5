import { captionAreaEnd } from "./caption-area.js";
import type { BodyDoc } from "./doc.js";
import { opensParagraph } from "./summary/label-position.js";
import { sectionText } from "./summary/section-text.js";

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
 * or the line end — never "a summary of". Candidates come from a cheap word search.
 */
const CANDIDATE = new RegExp(String.raw`${WORD}\b`, "gi");
const LABEL_REST = new RegExp(
  String.raw`${WORD}\b${COMBINED}(?=[ \t]*(?:[-:.=—]|\n|$))[ \t]*[-:.=—]*`,
  "iy",
);
const END = new RegExp(String.raw`\bend\s+(?:of\s+)?${WORD}\b${COMBINED}`, "i");
/**
 * Without an end marker the summary stops at a blank line or a separator rule (a blank line before
 * a lower-case word is the double spacing of some copies).
 */
const OPEN_END = /\n[ \t]*\n(?![ \t]*[a-z])|[-=_]{3,}/;

export function parseSummary(doc: BodyDoc): string | null {
  const text = doc.text;
  const end = END.exec(text);
  if (end) {
    const label = findLabel(text, 0, end.index, true);
    const start = label >= 0 ? label : paragraphOne(doc);
    if (start < 0 || start > end.index) return null;
    return sectionText(text.slice(start, end.index));
  }
  const label = findLabel(text, 0, text.length, false);
  if (label < 0) return null;
  return sectionText(openSpan(text, label));
}

/** From a label with no end marker: past a heading's own rule and blank lines, to the next break. */
function openSpan(text: string, from: number): string {
  const lead = /^(?:[ \t]*(?:[-=_]{3,})?[ \t]*\n)*/.exec(text.slice(from, from + 400));
  const start = from + (lead ? lead[0].length : 0);
  const rest = text.slice(start, start + 20_000);
  const stop = OPEN_END.exec(rest);
  return stop ? rest.slice(0, stop.index) : rest;
}

function paragraphOne(doc: BodyDoc): number {
  const text = doc.text;
  const bound = captionAreaEnd(doc);
  return /^[ \t]*¶?[ \t]*1[ \t]*[.)]/.test(text.slice(bound, bound + 8)) ? bound : -1;
}

/** The end of the first (or last) summary label in `[from, to)`, or -1. */
function findLabel(text: string, from: number, to: number, last: boolean): number {
  let found = -1;
  CANDIDATE.lastIndex = from;
  for (let m = CANDIDATE.exec(text); m && m.index < to; m = CANDIDATE.exec(text)) {
    LABEL_REST.lastIndex = m.index;
    if (!LABEL_REST.exec(text) || LABEL_REST.lastIndex > to) continue;
    const begin = /\bbegin[ \t]+$/i.exec(text.slice(Math.max(0, m.index - 10), m.index));
    const at = m.index - (begin ? begin[0].length : 0);
    if (!opensParagraph(text, at)) continue;
    found = LABEL_REST.lastIndex;
    if (!last) break;
  }
  return found;
}
