import type { BodyDoc } from "./doc.js";
import { docEnding } from "./signers/ending.js";

/**
 * The signature at the end of the body, as written (`ASQUINO`, `VAN VOORST`, `Gallagher`): the
 * last line of text before the trailer (classification, SIPDIS, page headers, NNNN, review
 * stamps, SMART trailer), or the name glued after its last sentence. Empty when unsigned.
 */
export function parseSigners(doc: BodyDoc): string[] {
  const ending = docEnding(doc);
  if (ending.notRead !== undefined) {
    doc.warnings.push(
      `signature read as ${ending.signers.length} names: the name line above them (${JSON.stringify(ending.notRead)}) stays in the text`,
    );
  }
  return [...ending.signers];
}
