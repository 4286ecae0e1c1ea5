import type { Paragraph } from "../model/cable.js";
import type { BodyDoc } from "./doc.js";
import { docSegments } from "./paragraphs/segment.js";

/**
 * The numbered paragraphs of the body, as the drafter numbered them (duplicates and gaps kept):
 * number, portion mark (`C`, `S/NF`, `C/REL LIBYA`) or null, the section heading that opens the
 * paragraph or null, and the text with its lines joined. Unnumbered text is not a paragraph.
 */
export function parseParagraphs(doc: BodyDoc): Paragraph[] {
  return docSegments(doc).map((s) => ({
    number: s.number,
    marking: s.marking,
    heading: s.heading,
    text: s.text,
  }));
}
