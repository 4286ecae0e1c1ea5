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

/** CRLF copies show it on their first lines; the normaliser unifies the rest of the body anyway. */
const unixLines = (s: string) =>
  s.slice(0, LEAK_WINDOW).includes("\r") ? s.replace(/\r\n?/g, "\n") : s;

export function splitHeader(header: string | null, body: string): SplitResult {
  const warnings: string[] = [];
  let partial = false;
  let text = unixLines(body);
  let head = header === null ? null : unixLines(header);

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
  const dtg = partial ? BARE_DTG.exec(text) : null;
  if (dtg && text.slice(0, dtg.index).trim() === "") {
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
