import type { BodyDoc } from "./doc.js";

// PLACEHOLDER (owner: header helper): handling and distribution captions.

export function parseCaveats(_doc: BodyDoc, _metadataClassification: string | null): string[] {
  return [];
}
