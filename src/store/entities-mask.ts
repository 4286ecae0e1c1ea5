/**
 * Masking a protected person's name out of a text with one fixed token. Every form written for the
 * person is covered through its words (`Mark Asquino`, `ASQUINO`, `Asquino's`, `M. Asquino`),
 * case- and accent-insensitively, and also inside URLs (`q=mark+asquino`, `Jos%C3%A9`); the
 * token then swallows initials, particles and runs of masked words around it, so what is left
 * tells neither the length, the number of words nor the initials of the name.
 */
import { fold, foldChar, nameWords, significantWords } from "./entity-names.js";

export const MASK = "[withheld]";

export interface Masker {
  /** The text with every form of the names replaced by MASK (plain text, HTML or JSON alike). */
  mask(text: string): string;
}

const NO_MASK: Masker = { mask: (s) => s };

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A folded word as a pattern over folded text that may still hold combining marks. */
function wordPattern(w: string): string {
  return [...w].map(escapeRegex).join("[\\u0300-\\u036f]*");
}

/** Percent-encoded forms of words with non-ASCII letters, as they appear in links. */
function encodedWords(forms: readonly string[]): string[] {
  const out = new Set<string>();
  for (const form of forms) {
    for (const w of nameWords(form)) {
      if (/^[\p{ASCII}]*$/u.test(w)) continue;
      for (const v of [w, w.toLowerCase(), w.toUpperCase()]) {
        out.add(encodeURIComponent(v.normalize("NFC")).toLowerCase());
        out.add(encodeURIComponent(v.normalize("NFD")).toLowerCase());
      }
    }
  }
  return [...out];
}

function foldKeepingOffsets(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 0xd800 && c <= 0xdfff ? s[i] : foldChar(s[i]!);
  }
  return out;
}

const M = escapeRegex(MASK);
/** Masked words with what may stand between them: spaces, initials, particles, joiners, marks. */
const GLUE = String.raw`(?:\s|&nbsp;|\u00a0|<\/?mark>|[-'\u2019.,]|&#39;|%20|\+|\b\p{L}\.|\b(?:al|el|bin|ibn|abu|de|del|da|di|van|von|der|la|le)\b)*`;
const RUNS = new RegExp(`${M}(?:${GLUE}${M})+`, "gu");
/** An initial or a one-letter prefix written before the token (`M. `, `O'`, `d'`). */
const LEAD = new RegExp(String.raw`(?<![\p{L}\p{N}])\p{L}(?:\.\s*|'|&#39;|\u2019)${M}`, "gu");

/** A run swallowed as one token keeps the snippet's `<mark>` elements balanced. */
function keepMarksBalanced(run: string): string {
  const net = (run.match(/<mark>/g)?.length ?? 0) - (run.match(/<\/mark>/g)?.length ?? 0);
  return MASK + (net < 0 ? "</mark>".repeat(-net) : "<mark>".repeat(net));
}

export function masker(forms: readonly string[]): Masker {
  const words = significantWords(forms).sort((a, b) => b.length - a.length);
  if (words.length === 0) return NO_MASK;
  const encoded = encodedWords(forms).map(escapeRegex);
  const alternatives = [...encoded, ...words.map(wordPattern)].join("|");
  const re = new RegExp(`(?<![\\p{L}\\p{M}])(?:${alternatives})(?![\\p{L}\\p{M}])`, "gu");
  return {
    mask(text: string): string {
      const folded = foldKeepingOffsets(text);
      re.lastIndex = 0;
      let out = "";
      let at = 0;
      let found = false;
      for (let m = re.exec(folded); m; m = re.exec(folded)) {
        found = true;
        out += text.slice(at, m.index) + MASK;
        at = m.index + m[0].length;
      }
      if (!found) return text;
      out += text.slice(at);
      return out.replace(RUNS, keepMarksBalanced).replace(LEAD, MASK);
    },
  };
}

/** Whether a folded query word names one of the words (a prefix term matches their starts). */
export function foldedWords(text: string): string[] {
  const out: string[] = [];
  for (const w of nameWords(text)) {
    const f = fold(w.replace(/\.$/, ""));
    out.push(f);
    for (const part of f.split(/['-]/)) if (part && part !== f) out.push(part);
  }
  return out;
}
