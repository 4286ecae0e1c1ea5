import type { Reference } from "../model/cable.js";
import type { BodyDoc } from "./doc.js";

// PLACEHOLDER (owner: ids/references helper): the REF block.

export function parseReferences(_doc: BodyDoc): Reference[] {
  return [];
}
