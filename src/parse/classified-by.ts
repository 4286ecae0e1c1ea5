import type { ClassifiedBy } from "../model/cable.js";
import { captionAreaEnd } from "./caption-area.js";
import { extractWho } from "./classified-by/names.js";
import { findSection, scanReasons } from "./classified-by/reasons.js";
import type { BodyDoc } from "./doc.js";

/**
 * The "Classified By" line (spec §4.7): who classified the cable, in which position, for which
 * reasons. Searched before paragraph 2 only (the FAH puts it before paragraph 1; old cables put it
 * in paragraph 1: `1. (U) CLASSIFIED BY ...`).
 */

/** No `\b` after "by": copies glue the name on (`Classified ByMinister Counselor ...`). */
const MARKER = /classified\s+by\s*(:?)/iy;
/** What may precede a marker written without a colon on its line. */
const LINE_PREFIX =
  /^[\s¶]*(?:\d{1,2}\s*\.\s*)?(?:\(\s*[A-Za-z/]{1,8}\s*\)\s*)?(?:(?:CONFIDENTIAL|SECRET|UNCLASSIFIED|LIMITED OFFICIAL USE)\s*-+\s*ENTIRE\s+TEXT\s*\.?\s*)?$|\.\s+$/i;
/** `Classified By: (U) Classified by This message classified by ...` — repeated openings. */
const REPEATED_OPENING =
  /^(?:\s*\(\s*[A-Za-z/]{1,8}\s*\)|\s*(?:this\s+message\s+)?classified\s+by\b\s*:?)+/i;
/** Where the name ends and the reason clause begins. */
const REASON_AT = new RegExp(
  [
    String.raw`\b(?:for|per|under|based\s+(?:up)?[o0]n)\s+(?=(?:the\s+)?(?:r\s*e|\d|e\.?\s?o\b|s\s*e\s*c\s*t|para|classification))`,
    String.raw`\br\s*e\s*a?\s*s\s*[o0]\s*n`,
    String.raw`\bE\.?\s?O\.?\s*1\d{4}`,
    String.raw`\b(?:12958|13526|12356)\b`,
    String.raw`\bs\s*e\s*c\s*t\s*i\s*o\s*n\s+1`,
    String.raw`(?<![\d.])1\s*[.,/]\s*[2-6](?!\d)`,
  ].join("|"),
  "gi",
);
/** A blank line or a paragraph start: nothing after it belongs to the line. */
const HARD_STOP = /\n[ \t]*(?:\n|¶?\d{1,2}\s*\.(?:\s|\())/;
/**
 * Lines that end the who-part (a new element, page furniture); the reasons may still follow them
 * (`CLASSIFIED BY AMBASSADOR TOM MCDONALD.␤CONFIDENTIAL␤PAGE 02 HARARE ...␤REASONS: 1.5 (B)`).
 */
const SOFT_STOP =
  /\n[ \t]*(?:(?:CONFIDENTIAL|SECRET|UNCLASSIFIED|LIMITED OFFICIAL USE)[ \t]*\n|PAGE\s+\d|SUMMARY\b|E\.\s?O\.|TAGS\b|SUBJECT\b|REF\b|[-=_]{3,}|(?:DEPT|DEPARTMENT)\s+FOR\b|(?:[A-Z] ){3,})/i;
/** Reason letters without a section (`reasons b, d`) after the keyword. */
const REASON_WORD = /r\s*e\s*a?\s*s\s*[o0]\s*n\s*(?:\(\s*s\s*\)|s)?\s*[:;]?/iy;

/** Paragraph 3 opening a line (checked at each `3.` found by indexOf: a regex scan costs more). */
const PARA_THREE_LINE = /(?:^|\n)[ \t]*¶?[ \t]*$/;
const PARA_THREE_NEXT = /^[ \t]*(?:\(|[A-Za-z])/;
const WHO_MAX = 320;

export function parseClassifiedBy(doc: BodyDoc): ClassifiedBy | null {
  const text = doc.text;
  const regionEnd = searchEnd(text, captionAreaEnd(doc));
  const region = text.length > regionEnd ? text.slice(0, regionEnd) : text;
  let fallback: ClassifiedBy | null = null;
  for (const at of markerCandidates(region)) {
    MARKER.lastIndex = at;
    const m = MARKER.exec(region);
    // Not `DECLASSIFIED BY`; without a colon, only where a line or sentence starts.
    if (!m || /de$/i.test(region.slice(Math.max(0, at - 2), at))) continue;
    const lineStart = text.lastIndexOf("\n", at - 1) + 1;
    const opensLine = m[1] !== "" || LINE_PREFIX.test(text.slice(lineStart, at));
    // Without a colon inside a line (`REF: LA PAZ 1280 Classified by Deputy Economic Counselor
    // J. Andrew Plowman, reasons 1.4 (b) and (d).`): a line only when it reads as one, a name
    // and reasons, and `classified` is a word of its own (not `reclassified by the court`).
    if (!opensLine && /[A-Za-z]/.test(text[at - 1] ?? "")) continue;
    const found = readLine(text, at, at + m[0].length, doc.year, doc.warnings);
    if (!opensLine && (found.names.length === 0 || found.reasons.length === 0)) continue;
    if (found.names.length > 0) return cut(found) ? (fullCopy(doc, at) ?? found) : found;
    fallback ??= found.reasons.length > 0 ? found : null;
  }
  return fallback;
}

/** The line was cut off by a partial extract (`CLASSIFIED BY: Brian A. Nicho...`). */
function cut(found: ClassifiedBy): boolean {
  return /\.{3}|…/.test(found.text);
}

/**
 * A page holding a truncated preview and then the full text carries the line twice: the first
 * whole copy after `from`, wherever it is in the body.
 */
function fullCopy(doc: BodyDoc, from: number): ClassifiedBy | null {
  const text = doc.text;
  const marker = /classified\s+by\s*:/gi;
  marker.lastIndex = from + 1;
  for (let m = marker.exec(text); m; m = marker.exec(text)) {
    const found = readLine(text, m.index, m.index + m[0].length, doc.year);
    if (found.names.length > 0 && !cut(found)) return found;
  }
  return null;
}

/**
 * Offsets of "classified" in any case, in order: where `lassified` or `LASSIFIED` stands. Found
 * from `fied`/`FIED` (forward indexOf on a needle opening with a rare letter: several times
 * cheaper than on `lassified`, whose `l` is everywhere in lower-case text).
 */
function markerCandidates(region: string): number[] {
  const hits: number[] = [];
  for (const [needle, head] of NEEDLES) {
    for (let i = region.indexOf(needle, 5); i >= 0; i = region.indexOf(needle, i + 4)) {
      if (i >= 6 && region.startsWith(head, i - 5)) hits.push(i - 6);
    }
  }
  return hits.length > 1 ? hits.sort((a, b) => a - b) : hits;
}

const NEEDLES: readonly [string, string][] = [
  ["fied", "lassi"],
  ["FIED", "LASSI"],
];

/** Some drafters put the line in paragraph 2 (`¶2. (U) Classified by ...`): search up to paragraph 3. */
function searchEnd(text: string, bound: number): number {
  const cap = Math.min(text.length, bound + 3_000);
  // Sliced, so that indexOf never runs on past the cap.
  const region = text.slice(0, cap);
  for (let i = region.indexOf("3.", bound); i >= 0; i = region.indexOf("3.", i + 2)) {
    const lineStart = region.lastIndexOf("\n", i);
    if (i - lineStart > 6 || !PARA_THREE_LINE.test(region.slice(Math.max(0, lineStart), i)))
      continue;
    if (PARA_THREE_NEXT.test(text.slice(i + 2, i + 6))) return i;
  }
  return cap;
}

function readLine(
  text: string,
  markerAt: number,
  whoStart: number,
  year: number | null,
  warnings?: string[],
): ClassifiedBy {
  // Backslashes are CSV escape debris at line ends (`Creamer \␤Reason`), never part of the line.
  const raw = text.slice(whoStart, whoStart + WHO_MAX + 200);
  const window = raw.includes("\\") ? raw.replace(/\\/g, " ") : raw;
  const opening = REPEATED_OPENING.exec(window);
  const from = opening ? opening[0].length : 0;
  const rest = window.slice(from);
  const hard = HARD_STOP.exec(rest);
  const soft = SOFT_STOP.exec(rest);
  const reasonLimit = Math.min(window.length, hard ? from + hard.index : window.length);
  const whoLimit = Math.min(reasonLimit, soft ? from + soft.index : reasonLimit, from + WHO_MAX);
  REASON_AT.lastIndex = from;
  const reasonMatch = REASON_AT.exec(window);
  const reasonAt = reasonMatch && reasonMatch.index < reasonLimit ? reasonMatch.index : -1;
  let whoEnd = reasonAt >= 0 ? Math.min(reasonAt, whoLimit) : whoLimit;
  // The who-part runs on for WHO_MAX characters at most (a line with no reasons and no stop would
  // otherwise take in the text after it); at that bound it ends at a word, never inside one.
  if (whoEnd === from + WHO_MAX && whoEnd < window.length) {
    const space = window.lastIndexOf(" ", whoEnd);
    if (/\S/.test(window[whoEnd]!) && space > from) whoEnd = space;
    warnings?.push(
      `Classified By line read up to ${WHO_MAX} characters: no reasons or line end after the name`,
    );
  }
  const who = extractWho(joinBrokenWords(window.slice(from, whoEnd)));

  let reasons: string[] = [];
  let end = whoEnd;
  if (reasonAt >= 0) {
    const sectionAt = findSection(window, reasonAt, reasonAt + 90);
    const scan =
      sectionAt >= 0
        ? scanReasons(window, sectionAt, null)
        : scanReasons(window, afterReasonWord(window, reasonAt), defaultSection(year));
    reasons = scan.codes;
    end = Math.max(whoEnd, scan.end);
    if (window[end] === ")" || window[end] === ".") end++;
  }
  return {
    names: who.names,
    title: who.title,
    reasons,
    text: text
      .slice(markerAt, whoStart + end)
      .replace(/\s+/g, " ")
      .trim(),
  };
}

/**
 * Repairs a name broken at the wrap, its tail in lower case on the next line (`Hoyt Y␤ee`, `Blah␤a,`,
 * `Andrew Y␤oung`) — or on the same line once a copy lost the break (`Hoyt Y ee`, `J osiah`) — and
 * drops the pieces of a broken `for` before the reasons (`George Glass fo r`, `BLOME FO R`).
 */
function joinBrokenWords(who: string): string {
  const trimmed = who
    // Markup a page left inside the line (`John Desroche <br> r`), a stray full stop between two
    // names (`Kevin . Johnson`).
    .replace(/<\/?[a-z]+\s*\/?>/gi, " ")
    .replace(/(?<=[A-Za-z])\s+\.(?=\s+[A-Z])/g, " ")
    .replace(/(?:[\s,;:-]+(?:f\s?o\s?r?|p\s?e\s?r?))*[\s,;:-]*$/i, "")
    // A letter broken off the end of a name inside the line (`Michae l Corbin`).
    .replace(/\b([A-Z][a-z]{2,})[ \t]+([b-df-hj-xz])(?=[ \t]+[A-Z])/g, "$1$2");
  return trimmed
    .replace(
      /\b([A-Z][a-z]{0,2})[ \t]*\n?[ \t]*([a-z]{2,})\b/g,
      (whole, head: string, tail: string) =>
        FUNCTION_TAIL.test(tail) || FUNCTION_TAIL.test(head.toLowerCase())
          ? whole
          : `${head}${tail}`,
    )
    .replace(
      /\b([A-Z][A-Za-z]*)[ \t]*\n?[ \t]*\b([a-z]{1,5})(?=[,;:]|\.(?![a-z])|\s*$)/g,
      (whole, word: string, tail: string) => (FUNCTION_TAIL.test(tail) ? whole : `${word}${tail}`),
    );
}

const FUNCTION_TAIL =
  /^(?:of|to|by|for|per|and|the|in|on|at|ai|an|de|du|da|di|del|der|den|dos|das|la|le|van|von|ten|ter|al|el|bin)$/;

function afterReasonWord(window: string, at: number): number {
  REASON_WORD.lastIndex = at;
  const m = REASON_WORD.exec(window);
  if (m) return REASON_WORD.lastIndex;
  const rw = /r\s*e\s*a?\s*s\s*[o0]\s*n\s*(?:\(\s*s\s*\)|s)?\s*[:;]?/gi;
  rw.lastIndex = at;
  const n = rw.exec(window);
  return n && n.index - at < 20 ? rw.lastIndex : at;
}

/**
 * Letters written without a section number: E.O. 12958 numbered them 1.5 until its 2003 amendment
 * renumbered them 1.4, so the cable's year decides; unknown year, unknown section.
 */
function defaultSection(year: number | null): string | null {
  if (!year) return null;
  return year >= 2003 ? "1.4" : "1.5";
}
