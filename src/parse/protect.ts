import type { Paragraph, Protect } from "../model/cable.js";
import type { BodyDoc } from "./doc.js";

// PLACEHOLDER (owner: paragraphs/signers helper).

export function parseProtect(_doc: BodyDoc, _paragraphs: Paragraph[]): Protect[] {
  return [];
}

export function countRedactions(_text: string): number {
  return 0;
}
