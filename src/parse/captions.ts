import { referenceTable } from "../reference/reference-data.js";
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

/**
 * The rows read on caption lines, from the table: the caveat each records, its spellings (`|`
 * between them), whether it runs together with the next, and whether it may be written
 * capitalised. The other rows document REF and banner markings.
 */
const READ = referenceTable("handling-captions.csv")
  .filter((r) => r.read_as)
  .map((r) => ({
    readAs: r.read_as ?? "",
    spellings: (r.spellings ?? "").split("|"),
    runTogether: r.run_together === "yes",
    capitalised: r.case === "capitals or capitalised",
  }));

/** Every spelling → the caveat it records (upper case, one space between words). */
const READ_AS = new Map(READ.flatMap((r) => r.spellings.map((s) => [s, r.readAs] as const)));

/** A space in a spelling stands for any run of spaces and tabs. */
const source = (spelling: string): string => spelling.split(" ").join("[ \\t]+");

/** Longest first, so `SENSITIVE BUT UNCLASSIFIED` is read whole rather than as `SENSITIVE`. */
const SPELLINGS = [...READ_AS.keys()].sort((a, b) => b.length - a.length);
const GLUED = READ.filter((r) => r.runTogether)
  .flatMap((r) => r.spellings.map(source))
  .join("|");

/** A caption ends where the letters end, or where another run-together one begins (`NOFORNSIPDIS`). */
const CAPTION = new RegExp(
  `^(?:${SPELLINGS.map(source).join("|")})(?![A-Za-z])|^(?:${GLUED})(?=${GLUED})`,
  "i",
);

/** First words of the captions that may be written capitalised (`Sensitive but unclassified`). */
const CAPITALISED = READ.filter((r) => r.capitalised).flatMap((r) =>
  r.spellings.map((s) => capitalise(s.split(" ")[0] ?? "")),
);

function capitalise(word: string): string {
  return word.charAt(0) + word.slice(1).toLowerCase();
}

/** How the captions above begin: a cheap test that skips most lines. */
const CAPTION_PREFIXES = new Set(
  SPELLINGS.flatMap((s) => [s.slice(0, 3), capitalise(s.slice(0, 3))]),
);

/** Their first letters (char codes): other lines are passed over unsliced. */
const FIRST_CHARS = new Set(SPELLINGS.map((s) => s.charCodeAt(0)));

/** Separators between captions on one line (`SIPDIS SIPDIS`, `NOFORN/SIPDIS`, `EXDIS////`). */
const SEPARATOR = /^[ \t/,.;-]*/;

function normalise(caption: string): string {
  const word = caption.toUpperCase().replace(/\s+/g, " ");
  return READ_AS.get(word) ?? word;
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
    if (word !== word.toUpperCase() && !CAPITALISED.some((c) => word.startsWith(c))) break;
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
    let first = pos;
    while (first < end && isSpace(area.charCodeAt(first))) first++;
    if (FIRST_CHARS.has(area.charCodeAt(first))) {
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
