import type { ClassifiedBy } from "../model/cable.js";
import type { BodyDoc } from "./doc.js";

// PLACEHOLDER (owner: subject/classified-by/summary helper).

export function parseClassifiedBy(_doc: BodyDoc): ClassifiedBy | null {
  return null;
}
