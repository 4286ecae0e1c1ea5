import type { Cable } from "../../model/cable.js";
import { proseStart } from "../caption-area.js";
import type { BodyDoc } from "../doc.js";
import { docSegments } from "../paragraphs/segment.js";
import { docEnding } from "../signers/ending.js";

/**
 * The texts entities are read from, each with the paragraph number it reports: the subject and
 * any unnumbered text between the caption area and paragraph 1 (an unnumbered summary) — or, in
 * a cable without numbered paragraphs, its whole text after the captions — as `0`, then each
 * numbered paragraph. The caption area (TAGS, REF list, routing and addressee lines)
 * and a short trailer are left out; the Classified-By line and the signature are read as
 * structure.
 */
export interface TextUnit {
  paragraph: number;
  text: string;
  /** Written in capitals throughout (older telegrams), so case cannot tell names. */
  caps: boolean;
}

/** Below this share of lower-case letters a text is read as an all-caps telegram. */
const CAPS_SHARE = 0.03;
const LONG_TAIL = 400;

export function textUnits(cable: Cable, doc: BodyDoc): TextUnit[] {
  const units: TextUnit[] = [];
  const add = (paragraph: number, text: string) => {
    if (!/\p{L}/u.test(text)) return;
    const one = flat(text);
    units.push({ paragraph, text: one, caps: isCaps(one) });
  };
  if (cable.subject) add(0, cable.subject);
  const segments = docSegments(doc);
  const from = proseStart(doc);
  const to = segments.length > 0 ? segments[0]!.start : docEnding(doc).contentEnd;
  if (to > from) add(0, leadText(doc.text.slice(from, to)));
  const numbers = cable.paragraphs.length === segments.length ? cable.paragraphs : segments;
  for (let i = 0; i < segments.length; i++) add(numbers[i]!.number, segments[i]!.text);
  // Text after the signature is mostly the trailer; a long run there is a second telegram
  // copied into the record, whose PROTECT markers count as much as the first one's.
  const tail = doc.text.slice(docEnding(doc).contentEnd);
  if (segments.length > 0 && tail.length >= LONG_TAIL) add(0, tail);
  return units;
}

/**
 * The text as one flat string. Unit texts reach here as slices, concatenations (ropes) and flat
 * strings, each of one or two bytes a character; every rule reads them character by character,
 * and on that many representations V8 gives up inlining `charCodeAt` for a generic property
 * look-up at each character. Joining two parts builds a flat copy (a few microseconds a cable).
 */
function flat(text: string): string {
  return text.length < 2 ? text : [text.slice(0, 1), text.slice(1)].join("");
}

/** Caption-like lines that may stand after the caption area's end (`SUMMARY:` label lines kept). */
const CAPTION_LINE =
  /^\s*(?:TAGS|SUBJECT|SUBJ|REF|REFS|E\.\s?O\.|CLASSIFIED\s+BY|DECL|PASS\s+TO)\b.*$/gim;

/**
 * Caption elements run together inside a line, as in the one-line copy of the banner and captions
 * SMART records carry (`S E C R E T USNATO 000278 NOFORN SIPDIS E.O. 12958: DECL: 08/08/2018 TAGS:
 * PREL MARR NATO`): TAGS codes and capitals after a label would read as names in mixed-case text.
 */
const INLINE_CAPTION =
  /\bE\.\s?O\.\s?1\d{4}:?(?:\s*DECL:?\s*[\d/]+|\s*N\/A)?|\bTAGS:?(?:\s+[A-Z]{2,6}\b)+|\b(?:SUBJECT|SUBJ|REFS?):(?:\s+[^\sa-z]+(?=\s|$))+|\b(?:[A-Z] ){4,}[A-Z]\b/g;

function leadText(text: string): string {
  return text.replace(CAPTION_LINE, "").replace(INLINE_CAPTION, " ");
}

function isCaps(text: string): boolean {
  let lower = 0;
  let letters = 0;
  // Letters are at most the text's length: past this many lower-case ones it is mixed case.
  const enough = CAPS_SHARE * text.length;
  for (let i = 0; i < text.length; i++) {
    if (lower > enough) return false;
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) {
      lower++;
      letters++;
    } else if (c >= 65 && c <= 90) letters++;
  }
  return letters >= 20 && lower / letters < CAPS_SHARE;
}
