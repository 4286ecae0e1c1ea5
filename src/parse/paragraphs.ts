import type { Paragraph } from "../model/cable.js";
import type { BodyDoc } from "./doc.js";

// PLACEHOLDER (owner: paragraphs/signers helper).

export function parseParagraphs(_doc: BodyDoc): Paragraph[] {
  return [];
}
