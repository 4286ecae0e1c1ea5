import { isSpace } from "./chars.js";
import { findBanner } from "./header/banner-line.js";
import { BARE_DTG } from "./header/dtg.js";
import { locateHeader } from "./header/locate.js";
import { cutPartialNotice } from "./header/partial.js";

/**
 * Separates the transmission header from the telegram body and detects partial extracts (spec §3,
 * §5). Readers hand over either a separate header (HTML first block, CSV header column) or one text
 * in which the header runs straight into the body (mirror files, raw telegrams, batch fragments).
 */

export interface SplitResult {
  header: string | null;
  body: string;
  partial: boolean;
  warnings: string[];
}

/**
 * Some copies repeat the header after the real one, inside a pasted database row or metadata block
 * (`2006-07-10 14:51:00<TAB>06BERN1280<TAB>...<TAB>VZCZCXRO4324`, `DESTINATION: VZCZC...`, `header:`
 * ... `--- header ends ---`). Up to the classification line, such a stretch is debris; every form
 * seen holds a transmission id or an FM line.
 */
function hasLeakedCopy(text: string): boolean {
  return text.includes("VZCZ") || text.includes("\nFM ") || text.includes("header ends");
}

/** How far after the header a leaked copy may reach before the classification line. */
const LEAK_WINDOW = 4_000;
/** A leaked copy starts right after the header: its markers show within this many characters. */
const LEAK_START = 800;

function dropLeakedCopy(body: string, warnings: string[]): string {
  if (!hasLeakedCopy(body.slice(0, LEAK_START))) return body;
  const banner = findBanner(body, 0, LEAK_WINDOW);
  if (!banner || banner.serial === null || banner.index === 0) return body;
  const before = body.slice(0, banner.index);
  if (!hasLeakedCopy(before)) return body;
  warnings.push(
    `removed a repeated header block before the classification line (${before.length} characters)`,
  );
  return body.slice(banner.index);
}

const CR = /\r\n?/g;

/**
 * CRLF and lone CR → LF, counted: the header and banner patterns below expect LF line ends, so
 * the repair is made here rather than in the normaliser, and reported like the normaliser's own.
 */
function unixLines(s: string): { text: string; count: number } {
  if (!s.includes("\r")) return { text: s, count: 0 };
  let count = 0;
  const text = s.replace(CR, () => {
    count++;
    return "\n";
  });
  return { text, count };
}

const BARE_DTG_AT = new RegExp(BARE_DTG.source, "my");

/** A bare DTG on the first line with text, with only blanks before it; looked for there alone. */
function leadingDtg(text: string): RegExpExecArray | null {
  let first = 0;
  while (first < text.length && isSpace(text.charCodeAt(first))) first++;
  let lineStart = first;
  for (;;) {
    const c = text.charCodeAt(lineStart - 1);
    if (lineStart === 0 || c === 10 || c === 13 || c === 0x2028 || c === 0x2029) break;
    if (c !== 32 && c !== 9) return null;
    lineStart--;
  }
  BARE_DTG_AT.lastIndex = lineStart;
  return BARE_DTG_AT.exec(text);
}

export function splitHeader(header: string | null, body: string): SplitResult {
  const warnings: string[] = [];
  let partial = false;
  const lfBody = unixLines(body);
  const lfHead = header === null ? null : unixLines(header);
  const crlf = lfBody.count + (lfHead?.count ?? 0);
  if (crlf > 0) {
    warnings.push(`converted ${crlf} CRLF/CR line end${crlf === 1 ? "" : "s"} to LF`);
  }
  let text = lfBody.text;
  let head = lfHead === null ? null : lfHead.text;

  if (head !== null) {
    const cut = cutPartialNotice(head, true);
    partial = cut.partial;
    head = cut.text.trim() === "" ? null : cut.text;
  }
  const bodyCut = cutPartialNotice(text);
  if (bodyCut.partial) {
    partial = true;
    text = bodyCut.text.replace(/^[ \t]*\n/, "");
  }
  if (head !== null) return { header: head, body: text, partial, warnings };

  // A partial extract may keep the DTG of its lost header (`261800Z Jul 05`), glued to the banner.
  let remnant: string | null = null;
  const dtg = partial ? leadingDtg(text) : null;
  if (dtg) {
    remnant = dtg[0].trim();
    text = text.slice(dtg.index + dtg[0].length).replace(/^[ \t]*\n/, "");
  }
  const span = locateHeader(text);
  if (!span) return { header: remnant, body: text, partial, warnings };
  const preamble = text.slice(0, span.start);
  if (preamble.trim() !== "") {
    warnings.push(
      `dropped ${preamble.trim().length} characters printed before the transmission header`,
    );
  }
  let rest = text.slice(span.end);
  rest = dropLeakedCopy(rest, warnings);
  let end = span.end;
  while (end > span.start && text[end - 1] === "\n") end--;
  const found = text.slice(span.start, end);
  return { header: remnant ? `${remnant}\n${found}` : found, body: rest, partial, warnings };
}
