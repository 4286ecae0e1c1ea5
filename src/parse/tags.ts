import type { BodyDoc } from "./doc.js";

// PLACEHOLDER (owner: header helper): the TAGS line.

export function parseTags(_doc: BodyDoc): string[] {
  return [];
}
