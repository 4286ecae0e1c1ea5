import type { Declassification } from "../model/cable.js";
import type { BodyDoc } from "./doc.js";

// PLACEHOLDER (owner: header helper): the E.O. / DECL line.

export function parseDeclassification(_doc: BodyDoc): Declassification | null {
  return null;
}
