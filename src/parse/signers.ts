import type { BodyDoc } from "./doc.js";
import { docEnding } from "./signers/ending.js";

/**
 * The signature at the end of the body, as written (`ASQUINO`, `VAN VOORST`, `Gallagher`): the
 * last line of text before the trailer (classification, SIPDIS, page headers, NNNN, review
 * stamps, SMART trailer), or the name glued after its last sentence. Empty when unsigned.
 */
export function parseSigners(doc: BodyDoc): string[] {
  return [...docEnding(doc).signers];
}
