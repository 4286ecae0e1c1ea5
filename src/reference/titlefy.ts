import { ACRONYMS, NOT_ACRONYMS, SPECIAL } from "./titlefy/acronyms.js";

/**
 * A readable, title-cased subject for the UI (`63RD UN GENERAL ASSEMBLY: BRAZILIAN PRIORITIES` →
 * `63rd UN General Assembly: Brazilian Priorities`). Cable subjects are mostly typed in capitals; the
 * stored subject stays as written, this is display only.
 *
 * Each word is capitalised; small words are lower-cased except first or after a word ending in `:`
 * or `-`; ordinals are lower-cased; acronyms stay in capitals (also with a possessive: `GOL's`);
 * redaction runs stay `XXXX`; words already in mixed case (`McCain`) are left alone.
 */

const SMALL = new Set([
  "a",
  "an",
  "and",
  "as",
  "at",
  "but",
  "by",
  "en",
  "for",
  "if",
  "in",
  "of",
  "on",
  "or",
  "the",
  "to",
  "v",
  "via",
  "vs",
]);
const ROMAN = /^(?:II|III|IV|VI|VII|VIII|IX|XI|XII|XIII)$/;
/** Leading and trailing punctuation around a word's core (quotes, parentheses, `!!`, `...`). */
const PEEL = /^([^A-Za-z0-9]*)(.*?)([^A-Za-z0-9]*)$/s;

export function titlefy(subject: string): string;
export function titlefy(subject: null): null;
export function titlefy(subject: string | null): string | null;
export function titlefy(subject: string | null): string | null {
  if (subject === null) return null;
  const tokens = subject.trim().split(/\s+/).filter(Boolean);
  const out = tokens.map((token, i) => {
    const start = i === 0 || /[:\-–—]$/.test(tokens[i - 1] ?? "");
    return titleToken(token, start);
  });
  return out.join(" ").replace(/\bQ and a\b/g, "Q and A");
}

/** A token may join words with hyphens or slashes (`DUAL-USE`, `CWS/BWC`, `DROC--VATICAN`). */
function titleToken(token: string, start: boolean): string {
  const parts = token.split(/([-–—/]+)/);
  return parts
    .map((part, i) => {
      if (i % 2 === 1 || !part) return part;
      return titleWord(part, start || i > 0);
    })
    .join("");
}

function titleWord(word: string, start: boolean): string {
  const m = PEEL.exec(word);
  const [, lead = "", core = "", trail = ""] = m ?? [];
  if (!core) return word;
  return `${lead}${titleCore(core, start)}${trail}`;
}

function titleCore(core: string, start: boolean): string {
  const upper = core.toUpperCase();
  if (/^X{3,}$/.test(upper)) return upper;
  if (/^\d+(?:ST|ND|RD|TH)$/.test(upper)) return core.toLowerCase();
  const possessive = /^(.+?)(['’])S$/i.exec(core);
  if (possessive) return `${titleCore(possessive[1] ?? "", start)}${possessive[2]}s`;
  const special = SPECIAL.get(upper);
  if (special) return special;
  const lower = core.toLowerCase();
  if (!start && SMALL.has(lower.replace(/\.$/, ""))) return lower;
  if (isAcronym(upper)) return upper;
  // Plural of an acronym: `NGOS` → `NGOs` (never of a government code: `GOES` is a word).
  const stem = upper.slice(0, -1);
  if (upper.endsWith("S") && stem.length >= 3 && ACRONYMS.has(stem) && !/^GO/.test(stem))
    return `${stem}s`;
  // Dotted abbreviations (`U.S`, `P.M`) stay in capitals.
  if (/^(?:[A-Z]\.)+[A-Z]?$/i.test(core)) return upper;
  // Already in mixed case (`McCain`, `iPhone`): the writer chose it.
  if (/[a-z]/.test(core) && /[A-Z]/.test(core.slice(1))) return core;
  return core.charAt(0).toUpperCase() + core.slice(1).toLowerCase();
}

function isAcronym(w: string): boolean {
  if (ACRONYMS.has(w) || ROMAN.test(w)) return true;
  // Letters and digits mixed (`G8`, `H5N1`, `P5`).
  if (/\d/.test(w) && /[A-Z]/.test(w) && w.length <= 6) return true;
  // No vowel at all (`MTCR`, `CWS`, `BWC`): not a word.
  return w.length >= 2 && /^[A-Z]+$/.test(w) && !/[AEIOUY]/.test(w) && !NOT_ACRONYMS.has(w);
}
