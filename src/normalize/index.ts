import type { FormatName } from "../model/cable.js";

// PLACEHOLDER (owner: formats/normalize helper): artefact repair of the telegram text.

export interface Normalized {
  text: string;
  warnings: string[];
}

export function normalizeBody(text: string, _opts: { format: FormatName }): Normalized {
  return { text: text.replace(/\r\n?/g, "\n"), warnings: [] };
}
