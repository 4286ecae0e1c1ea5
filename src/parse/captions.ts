import { captionAreaEnd } from "./caption-area.js";
import { isSpace } from "./chars.js";
import { type BodyDoc, docMemo } from "./doc.js";
import { docBanner } from "./header/banner-line.js";

/**
 * Handling and distribution captions (spec §4.2, handling-captions.csv): `SIPDIS`, `NOFORN`,
 * `EXDIS`, `NODIS`, `LIMDIS`, `STADIS`, `SENSITIVE`... They are read where captions are written —
 * at the start of lines in the caption area and after the serial on the banner line — never from
 * running text, SUBJECT or REF lines. Caveats that only the metadata classification carries
 * (`SECRET//NOFORN`) follow.
 */

const CAPTION =
  /^(?:SIPDIS|NOFORN|NODIS|EXDIS|LIMDIS|STADIS|SPECAT|ROGER|SENSITIVE(?:[ \t]+BUT[ \t]+UNCLASSIF?IED)?|Sensitive[ \t]+but[ \t]+unclassified)(?![A-Za-z])|^(?:SIPDIS|NOFORN|NODIS|EXDIS|LIMDIS|STADIS)(?=SIPDIS|NOFORN|NODIS|EXDIS|LIMDIS|STADIS)/i;

/** How the captions above begin: a cheap test that skips most lines. */
const CAPTION_PREFIXES = new Set(
  ["SIP", "NOF", "NOD", "EXD", "LIM", "STA", "SPE", "ROG", "SEN"].flatMap((p) => [
    p,
    p[0] + p.slice(1).toLowerCase(),
  ]),
);

/** Separators between captions on one line (`SIPDIS SIPDIS`, `NOFORN/SIPDIS`, `EXDIS////`). */
const SEPARATOR = /^[ \t/,.;-]*/;

function normalise(caption: string): string {
  const word = caption.toUpperCase().replace(/\s+/g, " ");
  return word.startsWith("SENSITIVE") ? "SENSITIVE" : word;
}

/** The run of captions at the start of `s` (case: upper for code words, any for SBU wording). */
function leadingCaptions(s: string): string[] {
  const found: string[] = [];
  let rest = s;
  for (;;) {
    rest = rest.replace(SEPARATOR, "");
    const m = CAPTION.exec(rest);
    if (!m) break;
    const word = m[0];
    // Code words are written in capitals; `Sipdis` in a sentence is not a caption.
    if (!/^Sensitive/.test(word) && word !== word.toUpperCase()) break;
    found.push(normalise(word));
    rest = rest.slice(word.length);
  }
  return found;
}

function add(list: string[], items: Iterable<string>): void {
  for (const item of items) if (!list.includes(item)) list.push(item);
}

/** Captions written in the body, in order, duplicates dropped (memoised per doc). */
export const bodyCaptions: (doc: BodyDoc) => string[] = docMemo(readCaptions);

function readCaptions(doc: BodyDoc): string[] {
  const area = doc.text.slice(0, captionAreaEnd(doc));
  const caveats: string[] = [];
  const found = docBanner(doc);
  const banner = found && found.end <= area.length ? found : null;
  let pos = 0;
  if (banner) {
    if (banner.caveat) add(caveats, leadingCaptions(banner.caveat));
    const lineEnd = area.indexOf("\n", banner.end);
    add(caveats, leadingCaptions(area.slice(banner.end, lineEnd < 0 ? area.length : lineEnd)));
    pos = lineEnd < 0 ? area.length : lineEnd + 1;
  }
  while (pos < area.length) {
    const nl = area.indexOf("\n", pos);
    const end = nl < 0 ? area.length : nl;
    // Every caption word opens with S, N, E, L or R: other lines are passed over unsliced.
    let first = pos;
    while (first < end && isSpace(area.charCodeAt(first))) first++;
    const c = area.charCodeAt(first);
    if (c === 83 || c === 78 || c === 69 || c === 76 || c === 82) {
      const start = area.slice(first, end);
      if (CAPTION_PREFIXES.has(start.slice(0, 3))) add(caveats, leadingCaptions(start));
    }
    if (nl < 0) break;
    pos = nl + 1;
  }
  return caveats;
}

export function parseCaveats(doc: BodyDoc, metadataClassification: string | null): string[] {
  const caveats = [...bodyCaptions(doc)];
  if (metadataClassification) {
    add(
      caveats,
      metadataClassification
        .toUpperCase()
        .split("//")
        .slice(1)
        .map((c) => c.trim())
        .filter(Boolean),
    );
  }
  return caveats;
}
