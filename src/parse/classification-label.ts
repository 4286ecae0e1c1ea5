/**
 * A classification as a source's metadata writes it → the contract's normalised form: level, then
 * `//` and the caveat (`CONFIDENTIAL//NOFORN`, `UNCLASSIFIED//FOR OFFICIAL USE ONLY`). WikiLeaks
 * uses six values; other copies abbreviate (`C`, `U//FOUO`, `Secret / Noforn`), and those are
 * mapped onto the same six-plus-TOP SECRET vocabulary.
 */

import { LEVEL_SPELLINGS } from "../model/classification.js";

// Longest spellings first, so `SECRET` is not read as `S` + `ECRET`.
const LEVEL = /^(TOP SECRET|TS|SECRET|CONFIDENTIAL|UNCLASSIFIED|UNCLAS|S|C|U)(?=$|[\s/-])/;
const LEVEL_NAMES: Readonly<Record<string, string>> = LEVEL_SPELLINGS;

const CAVEATS: Record<string, string> = {
  NOFORN: "NOFORN",
  NF: "NOFORN",
  "FOR OFFICIAL USE ONLY": "FOR OFFICIAL USE ONLY",
  FOUO: "FOR OFFICIAL USE ONLY",
  "SENSITIVE BUT UNCLASSIFIED": "SENSITIVE BUT UNCLASSIFIED",
  SBU: "SENSITIVE BUT UNCLASSIFIED",
};

/** Normalised classification, or null when the text names no known level. */
export function normalizeClassification(text: string | null | undefined): string | null {
  let s = text?.toUpperCase().replace(/\s+/g, " ").trim();
  if (!s) return null;
  // Letter-spaced (`C O N F I D E N T I A L`): single letters are not an abbreviation here.
  if (/^(?:[A-Z] )+[A-Z]$/.test(s)) s = s.replaceAll(" ", "");
  const m = LEVEL.exec(s);
  if (!m) return null;
  const level = LEVEL_NAMES[m[1]!]!;
  // Level and caveats are joined by `//`, a single slash, or a dash in the copies seen.
  const caveats = s
    .slice(m[0].length)
    .split(/\s*(?:\/+|\s-\s|^-\s*)\s*/)
    .map((c) => c.trim())
    .filter((c) => c !== "")
    .map((c) => CAVEATS[c] ?? c);
  return caveats.length > 0 ? `${level}//${[...new Set(caveats)].join("//")}` : level;
}
