import type { BodyDoc } from "./doc.js";

// PLACEHOLDER (owner: subject/classified-by/summary helper).

export function parseComment(_doc: BodyDoc): string | null {
  return null;
}
