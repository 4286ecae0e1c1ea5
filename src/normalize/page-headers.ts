import { collapseToOneBreak, cutSpans, type Separator, type Span } from "./cut.js";

/**
 * Page headers of the older printouts (1970s-2003, and some 2007 Paris copies): the classification
 * printed at the bottom of the page, then `PAGE nn <POST> <serial> [nn OF nn] <DDHHMMZ>` at the top
 * of the next (`PAGE 02        ROME  01196  01 OF 02  082030Z`, `PAGE 02 STATE 150591`,
 * `PAGE 02 RUEHFRA0170 S E C R E T`), sometimes with `SIPDIS` repeated. The text may run on, on
 * the header's own line (`PAGE 03 ROME 01196 01 OF 02 082030Z 3. (SBU) AS WE HAD PREDICTED`). The
 * first page of each section also repeats the office distribution (`ACTION EAP-00`,
 * `INFO  LOG-00 NP-00 ...`, `/023W`, `------47E1B3  050822Z /38`).
 */

const SPACED = (word: string): string => word.split("").join(" ");
const CLASSIFICATION = [
  "TOP SECRET",
  "SECRET",
  "CONFIDENTIAL",
  "UNCLASSIFIED",
  "UNCLAS",
  "LIMITED OFFICIAL USE",
  SPACED("SECRET"),
  SPACED("CONFIDENTIAL"),
  SPACED("UNCLASSIFIED"),
].join("|");

// Post (printed up to about ten characters, spaces kept) and a five- or six-digit serial, or a
// routing indicator glued to a four-digit serial followed by the classification.
const HEADER = new RegExp(
  String.raw`PAGE[ \t]+\d{2,3}[ \t]+(?:` +
    String.raw`[A-Z][A-Z.'-]*(?: [A-Z][A-Z.'-]*){0,2}[ \t]+\d{5,6}(?:[ \t]+\d{2}[ \t]+OF[ \t]+\d{2})?(?:[ \t]+\d{6}Z)?` +
    String.raw`|R[A-Z]{4,6}\d{4}(?:[ \t]+(?:${CLASSIFICATION}))?` +
    String.raw`)(?![\dA-Za-z])`,
  "g",
);

// A classification line before the header (`CONFIDENTIAL     PTQ0683`), or, right before the
// header only, the word printed at the end of a text line (`...COMMENT.) WE  CONFIDENTIAL`); a
// repeated SIPDIS line may sit between it and the header.
const FOOTER_LINE = new RegExp(String.raw`^[ \t]*(?:${CLASSIFICATION})(?:[ \t]+PTQ\d+)?$`);
const FOOTER_AFTER_TEXT = new RegExp(String.raw`[ \t](?:${CLASSIFICATION})$`);
const SIPDIS_LINE = /^[ \t]*SIPDIS$/;

// First-page distribution block: ACTION line, INFO LOG line with its continuation lines of office
// codes, the `/023W` count and the dashed control line.
const OFFICE = String.raw`(?:[A-Z]+-\d\d|\/\d+W)`;
const DISTRIBUTION = new RegExp(
  String.raw`^[ \t]*(?:ACTION[ \t]+[A-Z]+-\d\d\b.*|INFO[ \t]+LOG-\d\d\b.*` +
    String.raw`|${OFFICE}(?:[ \t]+${OFFICE})*[ \t]*|-{6,}[0-9A-F]{6}[ \t]+\d{6}Z[ \t]+\/\d+[ \t]*)$`,
);

/** The non-blank line ending before `end` (blank lines skipped), as [start, text]. */
function lineBefore(text: string, end: number, floor: number): [number, string] {
  let e = end;
  while (e > floor && /\s/.test(text[e - 1]!)) e--;
  const start = Math.max(floor, text.lastIndexOf("\n", e - 1) + 1);
  return [start, text.slice(start, e)];
}

/**
 * Moves `start` back over the footer printed before the header: classification lines, a SIPDIS
 * line between them and the header, and repeated classification + SIPDIS pairs
 * (`CONFIDENTIAL␤SIPDIS␤CONFIDENTIAL␤SIPDIS␤PAGE 03 SOFIA`). A SIPDIS line with anything else above
 * it is the caption under the banner and stays.
 */
function footerStart(text: string, start: number, floor: number): number {
  let sawClassification = false;
  for (let guard = 0; guard < 8; guard++) {
    const [lineStart, line] = lineBefore(text, start, floor);
    if (lineStart === start) break;
    if (FOOTER_LINE.test(line)) {
      start = lineStart;
      sawClassification = true;
      continue;
    }
    if (!SIPDIS_LINE.test(line)) {
      // The classification word ending a text line counts only right before the header.
      const inline = sawClassification ? null : FOOTER_AFTER_TEXT.exec(line);
      return inline ? lineStart + inline.index + 1 : start;
    }
    if (sawClassification && !FOOTER_LINE.test(lineBefore(text, lineStart, floor)[1])) break;
    start = lineStart;
  }
  return start;
}

/** Moves `end` forward over the distribution block that follows a first-page header. */
function distributionEnd(text: string, end: number): number {
  let pos = end;
  for (let guard = 0; guard < 20; guard++) {
    let lineEnd = text.indexOf("\n", pos);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(pos, lineEnd);
    if (line.trim() !== "" && !DISTRIBUTION.test(line)) break;
    if (line.trim() !== "") end = lineEnd;
    if (lineEnd === text.length) break;
    pos = lineEnd + 1;
  }
  return end;
}

export function findPageHeaders(text: string): Span[] {
  const spans: Span[] = [];
  let floor = 0;
  HEADER.lastIndex = 0;
  for (let m = HEADER.exec(text); m; m = HEADER.exec(text)) {
    // A header starts a printed line: after a line break, or after spaces that follow the footer.
    const lineStart = text.lastIndexOf("\n", m.index - 1) + 1;
    const before = text.slice(lineStart, m.index).trimEnd();
    if (before !== "" && !FOOTER_LINE.test(before) && !FOOTER_AFTER_TEXT.test(before)) continue;
    const start = footerStart(text, m.index, floor);
    let end = m.index + m[0].length;
    if (/^PAGE[ \t]+0*1[ \t]/.test(m[0])) end = distributionEnd(text, end);
    spans.push({ start, end });
    floor = end;
  }
  return spans;
}

/**
 * `inline` is what replaces a header cut out of the middle of a line (a copy that ran the page
 * boundary into one line: `TAGS: ..., TBIO, UNCLASSIFIED PAGE 02 VATICA 00283 ... VTPREL, ...`).
 * A space joins the text; the normaliser adds a mark to find the place again (PAGE_MARK).
 */
export function removePageHeaders(text: string, inline = " "): { text: string; count: number } {
  if (!text.includes("PAGE")) return { text, count: 0 };
  const spans = findPageHeaders(text);
  const separator: Separator = (before, inside, after) => {
    const s = collapseToOneBreak(before, inside, after);
    return s === " " ? inline : s;
  };
  return { text: cutSpans(text, spans, separator), count: spans.length };
}

/**
 * A private-use character put where a header was cut out of a line, carried through the later
 * repairs and then taken out with its offset noted: what the old printout showed as a page
 * boundary, where a list (TAGS) ends although the copy runs on.
 */
export const PAGE_MARK = "\uE000";

/** `text` without its PAGE_MARKs, and the offset of each in the result. */
export function takePageMarks(text: string): { text: string; offsets: number[] } {
  const offsets: number[] = [];
  const parts: string[] = [];
  let pos = 0;
  for (let at = text.indexOf(PAGE_MARK); at !== -1; at = text.indexOf(PAGE_MARK, at + 1)) {
    parts.push(text.slice(pos, at));
    offsets.push(at - offsets.length);
    pos = at + 1;
  }
  if (offsets.length === 0) return { text, offsets };
  parts.push(text.slice(pos));
  return { text: parts.join(""), offsets };
}
