/**
 * Masking a protected person's name out of a text with one fixed token. Every form written for the
 * person is covered through its words (`Mark Asquino`, `ASQUINO`, `Asquino's`, `M. Asquino`),
 * case- and accent-insensitively, and also inside URLs (`q=mark+asquino`, `Jos%C3%A9`); the
 * token then swallows initials, particles and runs of masked words around it, so what is left
 * tells neither the length, the number of words nor the initials of the name.
 */
import {
  fold,
  foldChar,
  nameWords,
  significantWords,
  unaccentFold,
  withUnaccented,
} from "./entity-names.js";

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
    if (c < 0x80) out += foldChar(s[i]!);
    else if (c >= 0xd800 && c <= 0xdfff) out += s[i];
    else {
      // `Ħamrun` is found by `hamrun` where PostgreSQL indexes it: masked as that spelling too.
      const f = foldChar(s[i]!);
      const u = unaccentFold(f);
      out += u.length === 1 ? u : f;
    }
  }
  return out;
}

const M = escapeRegex(MASK);
/** Masked words with what may stand between them: spaces, initials, particles, joiners, marks. */
const GLUE = String.raw`(?:\s|&nbsp;|<\/?mark>|[-'\u2019.,]|&#39;|%20|\+|\b\p{L}\.|\b(?:al|el|bin|ibn|abu|de|del|da|di|van|von|der|la|le)\b)*`;
const RUNS = new RegExp(`${M}(?:${GLUE}${M})+`, "gu");
/** An initial or a one-letter prefix written before the token (`M. `, `O'`, `d'`). */
const LEAD = new RegExp(String.raw`(?<![\p{L}\p{N}])\p{L}(?:\.\s*|'|&#39;|\u2019)${M}`, "gu");

/** A run swallowed as one token keeps the snippet's `<mark>` elements balanced. */
function keepMarksBalanced(run: string): string {
  const net = (run.match(/<mark>/g)?.length ?? 0) - (run.match(/<\/mark>/g)?.length ?? 0);
  return MASK + (net < 0 ? "</mark>".repeat(-net) : "<mark>".repeat(net));
}

/**
 * What may stand between the words of a role as answers write it: spaces, line breaks, hyphens,
 * the markup the reader puts around a linked word (`Secretary General of the <a …>CSU</a>`), and
 * a link's encoded spaces (`q=deputy+minister`).
 */
const PHRASE_GAP = String.raw`(?:\s|&nbsp;|<[^<>]{0,400}>|[-'\u2019.,/+]|&#39;|%20)+`;
/** The tags a role's match spans, given back after its token. */
const TAGS = /<[^<>]*>/g;

/**
 * A role as a pattern over folded text: its words in order, whatever stands between them
 * (PHRASE_GAP). Words of a role are not masked on their own: `Minister` alone is not the
 * protected Deputy Minister of Interior, while the whole role, beside the cable's date, may be.
 */
function phrasePattern(role: string): string | null {
  const words = nameWords(role).map((w) => fold(w.replace(/\.$/, "")));
  if (words.length === 0) return null;
  return words.map(wordPattern).join(PHRASE_GAP);
}

/**
 * A role and its other usual spelling: `Minister of Interior` is also written `Interior Minister`,
 * `Secretary General of the CSU` `CSU Secretary General`, and the other way round (`Finance
 * Director`, `Director of Finance`). A spelling never written in the text masks nothing.
 */
export function roleSpellings(role: string): string[] {
  const words = role.trim().split(/\s+/);
  const of = words.findIndex((w) => /^of$/i.test(w));
  // A leading `Deputy`, `Vice`, `Acting` or `Assistant` stays in front (`Deputy Interior Minister`).
  const lead = /^(?:deputy|vice|acting|assistant)$/i.test(words[0] ?? "") ? 1 : 0;
  if (of > lead && of < words.length - 1) {
    const object = words.slice(of + 1).filter((w, i) => i > 0 || !/^the$/i.test(w));
    return [role, [...words.slice(0, lead), ...object, ...words.slice(lead, of)].join(" ")];
  }
  // The title is the last word, a capitalised one (not `Dr.`, nor the `and` of `Ambassador and`).
  if (words.length >= 2 && words.length <= 4 && of < 0 && /^[A-Z][a-z]{2,}$/.test(words.at(-1)!)) {
    const object = words.slice(lead, -1);
    if (object.length > 0)
      return [role, [...words.slice(0, lead), words.at(-1)!, "of", ...object].join(" ")];
  }
  return [role];
}

/**
 * `forms`: the names to mask, word by word. `roles`: the titles and positions the cable gives
 * those persons (`GM`, `Deputy Minister of Interior`), masked as whole phrases wherever written:
 * with the post and date a cable carries, a role names its holder as surely as the name.
 */
export function masker(forms: readonly string[], roles: readonly string[] = []): Masker {
  const words = withUnaccented(significantWords(forms)).sort((a, b) => b.length - a.length);
  const phrases = [...new Set(roles.flatMap(roleSpellings))]
    .map(phrasePattern)
    .filter((x): x is string => x !== null)
    .sort((a, b) => b.length - a.length);
  if (words.length === 0 && phrases.length === 0) return NO_MASK;
  const encoded = encodedWords(forms).map(escapeRegex);
  // A role tried first, so one that holds a name word is masked whole, not cut at the word. A
  // role is a common word (`Head`, `Title`, `Col.`): never a tag, an entity, an attribute name or
  // a JSON key, which would break the page rather than hide anything.
  const role =
    phrases.length > 0 ? [`(?<!<\\/?|&#?)(?:${phrases.join("|")})(?!"\\s*:|\\s*=")`] : [];
  const alternatives = [...role, ...encoded, ...words.map(wordPattern)].join("|");
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
        // A role matched across a link keeps the link's tags, empty, so the markup stays whole.
        const tags = m[0].includes("<")
          ? text.slice(m.index, m.index + m[0].length).match(TAGS)
          : null;
        out += text.slice(at, m.index) + MASK + (tags ? tags.join("") : "");
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
  // A query's `Ħamrun` searches `hamrun` on PostgreSQL: both spellings are compared.
  return withUnaccented(out);
}
