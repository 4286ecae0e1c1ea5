import type { BodyDoc } from "./doc.js";

// PLACEHOLDER (owner: header helper): the TAGS line.

export interface TagsResult {
  /** Upper-cased, split, repaired, de-duplicated (contract `tags`). */
  tags: string[];
  /** Upper-cased as written, nothing else (contract addition `tagsAsWritten`). */
  asWritten: string[];
}

export function parseTags(_doc: BodyDoc): TagsResult {
  return { tags: [], asWritten: [] };
}
