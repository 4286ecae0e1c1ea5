import type { BodyDoc } from "./doc.js";

// PLACEHOLDER (owner: subject/classified-by/summary helper).

export interface SubjectResult {
  /** Joined to one line, whitespace collapsed, leading marking removed; never "". */
  text: string;
  /** The portion marking written before it (`C/NF`), or null. */
  marking: string | null;
}

export function parseSubject(_doc: BodyDoc): SubjectResult | null {
  return null;
}
