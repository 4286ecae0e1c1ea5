import type { BodyDoc } from "./doc.js";

// PLACEHOLDER (owner: paragraphs/signers helper).

export function parseSigners(_doc: BodyDoc): string[] {
  return [];
}
