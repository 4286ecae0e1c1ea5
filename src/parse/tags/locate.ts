import { isCodeLike } from "./segment.js";

/**
 * Finds the TAGS list in the caption area (spec §4.4): the keyword (also misspelt: `TAG`, `TAGE`,
 * `TAGES:`, `TAS:`, `TABS:`, `TGS:`, `AGS:`, `TAGS;`, `TAGS,`, any case), the rest of its line, and
 * continuation lines: after a trailing comma, a line opening with `CODE,`, a last line just before
 * SUBJECT (`...SP␤EINV␤SUBJECT:`), or the one-code-per-line layout of PlusD PDFs. The list stops
 * at a glued SUBJECT/E.O./REF and at page-header debris of old multi-section cables.
 *
 * Two damaged forms have no usable keyword (issue 8, class 12): `TAG PTER, PGOV, …` on the E.O.
 * line without a colon (a bare `TAG` elsewhere is a word of prose), and a list whose label was lost
 * altogether, on the line between E.O. and SUBJECT (`EFIN, ECON, EINV, PGOV, CH`). Both are read
 * only when every word after them is a code, so a sentence never becomes TAGS.
 */

/** The keyword at a line start (then `:`/`;`/`,`/space) or after other caption text (then `:`). */
const KEYWORD_AT_LINE_START =
  /(?:^|\n)[ \t]*(TAGS?|TAGES?|TAS|TABS|TGS|AGS)(?:[ \t]*[:;,.][ \t]*|[ \t]+|(?=\n))/gi;
const KEYWORD_INLINE = /(TAGS?|TAGES?|TAS|TABS|TGS|AGS)[ \t]*[:;][ \t]*/gi;
/** What may stand before an inline keyword (`...DECL: 08/22/2017 AGS:`, `,,""TAGS:`). */
const INLINE_BEFORE = /[ \t.,;:)"\d]/;

/** `TAG`/`TAGS` without punctuation after other text of an E.O. line: `DECL: 03/20/2019 TAG PTER,`. */
const KEYWORD_ON_EO_LINE =
  /(?:^|\n)[ \t]*(?:E\.?[ \t]?O\.?|EO)[ \t]*1\d{4}\b[^\n]*?[ \t](TAGS?)[ \t]+(?=[A-Z])/g;

/** An E.O. line, after which an unlabelled list may stand on its own line. */
const EO_LINE = /(?:^|\n)[ \t]*(?:E\.?[ \t]?O\.?|EO)[ \t]*1\d{4}\b[^\n]*\n/g;

/** Misspelt keywords need punctuation after them; `TAG` and `TAGS` do not. */
const PLAIN_KEYWORD = /^TAGS?$/i;

/** Where the list stops on its line: the next caption element. */
const NEXT_ELEMENT =
  /\b(?:SUBJECT|SUBJ)\b[ \t]*:?|(?<![A-Za-z])E\.?[ \t]?O\.?[ \t]*\d{4,5}|\bREFS?[ \t]*:|\bClassified[ \t]+By\b|\bCLASSIFIED[ \t]+BY\b/i;

/**
 * Page-header debris spliced into the list of old multi-section cables: `UNCLASSIFIED    PAGE 02
 * VATICA  00283  01 OF 05  241033Z VTPREL, ...`. What follows it repeats the list of the next
 * section, so the list ends there.
 */
const PAGE_DEBRIS =
  /\b(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)\b|\bPAGE[ \t]+\d{2}\b/;

/** A line that opens another caption element rather than continuing the list. */
const ELEMENT_LINE =
  /^[ \t]*(?:SUBJ|E\.?[ \t]?[O0]\.?[ \t]*\d|REFS?\b|Classified|CLASSIFIED|(?:DEPT|DEPARTMENT|STATE)[ \t]+FOR\b|¶|\d+[ \t]*\.|\()/i;

/** A line that may continue the list: codes, names, free text; no colon, not too long. */
const LIST_LINE = /^[ \t]*[A-Za-z][A-Za-z0-9 ,.'()/&_-]{0,80}$/;

/** Longer than any TAGS list, including the repeated lists of multi-section cables. */
const MAX_LIST = 1_000;

export interface TagsLine {
  /** The list text as written, lines joined with a space. */
  text: string;
  /** Offset of the keyword in the searched text. */
  index: number;
  /** The line ran on past MAX_LIST characters and was cut there (at a separator). */
  capped?: boolean;
}

function findKeyword(area: string): { index: number; listStart: number } | null {
  let best: { index: number; listStart: number } | null = null;
  for (const re of [KEYWORD_AT_LINE_START, KEYWORD_INLINE]) {
    re.lastIndex = 0;
    // The inline form only matters before a keyword already found at a line start.
    const region = best ? area.slice(0, best.index) : area;
    for (let m = re.exec(region); m; m = re.exec(region)) {
      if (re === KEYWORD_INLINE && !INLINE_BEFORE.test(region[m.index - 1] ?? "")) continue;
      const word = m[1]!;
      const punct = /[:;,.]/.test(m[0].slice(m[0].indexOf(word) + word.length));
      if (!PLAIN_KEYWORD.test(word) && !punct) continue;
      const index = m.index + m[0].indexOf(word);
      if (!best || index < best.index) best = { index, listStart: m.index + m[0].length };
      break;
    }
  }
  if (best) return best;
  KEYWORD_ON_EO_LINE.lastIndex = 0;
  const bare = KEYWORD_ON_EO_LINE.exec(area);
  if (bare && allCodes(lineAt(area, bare.index + bare[0].length).text)) {
    return {
      index: bare.index + bare[0].lastIndexOf(bare[1]!),
      listStart: bare.index + bare[0].length,
    };
  }
  return null;
}

/** Two or more words, each a code (known, glued, misspelt) with only commas and blanks between. */
function allCodes(line: string): boolean {
  const t = line.trim().replace(/[ \t]*[,;.][ \t]*$/, "");
  if (!/^[A-Z][A-Z0-9-]*(?:[ \t]*,[ \t]*|[ \t]+)[A-Z][A-Z0-9, \t-]*$/.test(t)) return false;
  return t.split(/[ \t]*,[ \t]*|[ \t]+/).every(isCodeLike);
}

/**
 * A list without its label: the first non-blank line after the E.O. line, all codes, with the
 * SUBJECT line next (08BEIJING3662). Both neighbours are required so that a line of codes elsewhere
 * (an addressee list, a distribution line) is never read as TAGS.
 */
function unlabelledList(area: string): TagsLine | null {
  EO_LINE.lastIndex = 0;
  const eo = EO_LINE.exec(area);
  if (!eo) return null;
  const line = lineAt(area, eo.index + eo[0].length);
  if (!allCodes(line.text) || line.next < 0) return null;
  if (!/^[ \t]*SUBJ/i.test(lineAt(area, line.next).text)) return null;
  return { text: line.text.trim().replace(/[,;.]$/, ""), index: eo.index + eo[0].length };
}

function lineAt(area: string, from: number): { text: string; next: number } {
  const nl = area.indexOf("\n", from);
  return nl < 0
    ? { text: area.slice(from), next: -1 }
    : { text: area.slice(from, nl), next: nl + 1 };
}

/** A line holding one code or name only: the PDF layout puts each TAG on its own line. */
const SINGLE_TAG = /^[ \t]*[A-Za-z][A-Za-z0-9'&/-]*[ \t]*$/;

/** One code per line with blank lines between (PlusD PDF text): `TAGS: ␤PGOV␤ ␤PREL␤ ...`. */
function stackedList(area: string, from: number): string {
  const parts: string[] = [];
  let pos = from;
  for (let n = 0; pos >= 0 && n < 40; n++) {
    const { text, next } = lineAt(area, pos);
    const t = text.trim();
    if (t !== "") {
      if (ELEMENT_LINE.test(t) || !SINGLE_TAG.test(t)) break;
      parts.push(t);
    }
    pos = next;
  }
  return parts.join(" ");
}

/** The first non-blank line from `from`, if it is a list line. */
function firstListLine(area: string, from: number): { text: string; next: number } | null {
  let pos = from;
  for (let n = 0; pos >= 0 && n < 4; n++) {
    const line = lineAt(area, pos);
    if (line.text.trim() !== "") {
      return ELEMENT_LINE.test(line.text) || !LIST_LINE.test(line.text) ? null : line;
    }
    pos = line.next;
  }
  return null;
}

/** A continuation is short or mostly codes; a sentence after the list is an unlabelled subject. */
function looksLikeTags(line: string): boolean {
  const words = line.toUpperCase().match(/[A-Z][A-Z'-]*/g) ?? [];
  return words.length <= 4 || words.filter(isCodeLike).length * 2 >= words.length;
}

function continues(current: string, line: string, after: string | undefined): boolean {
  // Only the part before a glued SUBJECT/REF counts (`ECON, PHUM, UK SUBJECT: MILIBAND'S ...`).
  const stop = NEXT_ELEMENT.exec(line);
  const next = stop && stop.index > 0 ? line.slice(0, stop.index) : line;
  if (next.trim() === "" || ELEMENT_LINE.test(next) || !LIST_LINE.test(next)) return false;
  if (!looksLikeTags(next)) return false;
  if (/,[ \t]*$/.test(current)) return true;
  // A line opening with `CODE,` continues; a subject word with a comma (`RUN-OFF,`) does not.
  const opener = /^[ \t]*([A-Za-z_-]+)[ \t]*,/.exec(next);
  if (opener && isCodeLike(opener[1]!.toUpperCase())) return true;
  return after !== undefined && /^[ \t]*SUBJ/i.test(after) && next.trim().length <= 40;
}

/**
 * The TAGS list of `area` (a caption area), or null when it has no TAGS keyword. `pageCuts` are
 * offsets where the normaliser removed an old page header from inside a line: the list ends at
 * the first after its keyword, because what the copy ran on with is the next section's repeat.
 */
export function findTagsLine(caption: string, pageCuts: readonly number[] = []): TagsLine | null {
  const kw = findKeyword(caption);
  if (!kw) return unlabelledList(caption);
  const cut = pageCuts.find((at) => at > kw.listStart);
  const area = cut === undefined ? caption : caption.slice(0, cut);
  let first: { text: string; next: number } | null = lineAt(area, kw.listStart);
  if (first.text.trim() === "") {
    // `TAGS:` alone on its line: the list starts on the next one, or is stacked one per line.
    first = first.next >= 0 ? firstListLine(area, first.next) : null;
    if (first && SINGLE_TAG.test(first.text)) {
      return finish(stackedList(area, lineStartOf(area, first)), kw.index);
    }
  }
  if (!first) return { text: "", index: kw.index };
  // A TAGS list is a line or three; in run-together text the rest of the body follows on its line.
  // A TAGS list is far shorter than MAX_LIST; a longer line is body text run on after it. The cut
  // falls on a separator, never inside a tag, and is reported (capped).
  let text = first.text;
  let capped = false;
  if (text.length > MAX_LIST) {
    const sep = Math.max(text.lastIndexOf(" ", MAX_LIST), text.lastIndexOf(",", MAX_LIST));
    text = text.slice(0, sep > 0 ? sep : MAX_LIST);
    capped = true;
  }
  let pos = first.next;
  for (let n = 0; pos >= 0 && n < 4 && !NEXT_ELEMENT.test(text); n++) {
    const next = lineAt(area, pos);
    const after = next.next >= 0 ? lineAt(area, next.next).text : undefined;
    if (!continues(text, next.text, after)) break;
    text = `${text.trimEnd()} ${next.text.trim()}`;
    pos = next.next;
  }
  const line = finish(text, kw.index);
  // Capped only when the cut part was still the list: a next element stopped it before the cut.
  return capped && !NEXT_ELEMENT.test(text) ? { ...line, capped } : line;
}

function lineStartOf(area: string, line: { text: string; next: number }): number {
  return (line.next < 0 ? area.length : line.next - 1) - line.text.length;
}

/** Cuts the list at a glued next element and at page-header debris. */
function finish(list: string, index: number): TagsLine {
  let text = list;
  const stop = NEXT_ELEMENT.exec(text);
  if (stop) text = text.slice(0, stop.index);
  const debris = PAGE_DEBRIS.exec(text);
  if (debris) text = text.slice(0, debris.index);
  return { text: text.trim(), index };
}
