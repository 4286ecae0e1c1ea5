import type { Paragraph } from "../model/cable.js";
import type { BodyDoc } from "./doc.js";
import { MAX_NUMBER } from "./paragraphs/candidates.js";
import { docSegments } from "./paragraphs/segment.js";

/** A line opening with the first number past MAX_NUMBER: a paragraph that was not split out. */
const PAST_MAX = new RegExp(`(?:^|\\n)[ \\t]*¶?[ \\t]*${MAX_NUMBER + 1}\\.`);

/**
 * The numbered paragraphs of the body, as the drafter numbered them (duplicates and gaps kept):
 * number, portion mark (`C`, `S/NF`, `C/REL LIBYA`) or null, the section heading that opens the
 * paragraph or null, and the text with its lines joined. Unnumbered text is not a paragraph.
 */
export function parseParagraphs(doc: BodyDoc): Paragraph[] {
  const paragraphs = docSegments(doc).map((s) => ({
    number: s.number,
    marking: s.marking,
    heading: s.heading,
    text: s.text,
  }));
  // Numbers stop at MAX_NUMBER (a larger one at a line start is nearly always a figure, not a
  // paragraph); the paragraphs after it stay whole in the text of the last one, and it is said.
  const holder = paragraphs.find((p) => p.number === MAX_NUMBER && PAST_MAX.test(p.text));
  if (holder) {
    doc.warnings.push(
      `paragraph numbers stop at ${MAX_NUMBER}: paragraph ${MAX_NUMBER} holds the text of paragraphs ${MAX_NUMBER + 1} and on`,
    );
  }
  return paragraphs;
}
