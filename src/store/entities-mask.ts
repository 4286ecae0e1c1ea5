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
import { roleForms } from "./role-forms.js";

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

/** ASCII letters whose fold is not their lower case (`` ` `` folds as `'`), found once. */
const ASCII_ODD = (() => {
  const odd = new Map<string, string>();
  for (let i = 0; i < 0x80; i++) {
    const c = String.fromCharCode(i);
    if (foldChar(c) !== c.toLowerCase()) odd.set(c, foldChar(c));
  }
  const re =
    odd.size > 0 ? new RegExp(`[${[...odd.keys()].map(escapeRegex).join("")}]`, "g") : null;
  return { odd, re };
})();

/**
 * An ASCII run folds as its lower case, at once: folding char by char (a normalize call each)
 * was most of the cost of masking a cable, and public mode masks every protecting cable's text
 * when it reads its descriptions (entities-public.ts).
 */
function foldAscii(run: string): string {
  const lower = run.toLowerCase();
  return ASCII_ODD.re ? lower.replace(ASCII_ODD.re, (c) => ASCII_ODD.odd.get(c) ?? c) : lower;
}

const NON_ASCII = /[\u0080-\uffff]/g;

function foldKeepingOffsets(s: string): string {
  let out = "";
  let at = 0;
  NON_ASCII.lastIndex = 0;
  for (let m = NON_ASCII.exec(s); m; m = NON_ASCII.exec(s)) {
    const i = m.index;
    out += foldAscii(s.slice(at, i));
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) out += s[i];
    else {
      // `Ħamrun` is found by `hamrun` where PostgreSQL indexes it: masked as that spelling too.
      const f = foldChar(s[i]!);
      const u = unaccentFold(f);
      out += u.length === 1 ? u : f;
    }
    at = i + 1;
  }
  return out + foldAscii(s.slice(at));
}

const M = escapeRegex(MASK);
/** Masked words with what may stand between them: spaces, initials, particles, joiners, marks. */
const GLUE = String.raw`(?:\s|&nbsp;|<\/?mark>|[-'\u2019.,]|&#39;|%20|\+|\b\p{L}\.|\b(?:al|el|bin|ibn|abu|de|del|da|di|van|von|der|la|le)\b)*`;
const RUNS = new RegExp(`${M}(?:${GLUE}${M})+`, "gu");
/**
 * Up to two capitalised words right after a masked name's word, with one space or line break
 * between: the rest of a name extraction cut at a word it reads as something else (`Mohammad Monirul Islam of the
 * Bangladesh High Commission (protect)` gave `Mohammad Monirul`, `Islam` being a creed). Masked
 * in excess, a word is only hidden; left, it is the surname.
 */
const TAIL = /(?:(?: |&nbsp;|\r?\n)\p{Lu}\p{Ll}+(?![\p{L}\p{M}\p{N}'\u2019-])){1,2}/uy;
/** An initial or a one-letter prefix written before the token (`M. `, `O'`, `d'`). */
const LEAD = new RegExp(String.raw`(?<![\p{L}\p{N}])\p{L}(?:\.\s*|'|&#39;|\u2019)${M}`, "gu");

/**
 * A description set beside a masked name (`[withheld] (strictly protect), a prominent
 * Tripoli-based attorney and business consultant, told CDA`; `A close friend of the Chairman,
 * [withheld], said`): with the cable's post and date it names the source as surely as the name,
 * and cables describe their sources so. Masked from its first word to the clause's end (a comma,
 * a semicolon, a sentence's full stop, a bracket, a quote, a block's end), across inline markup,
 * abbreviations (`U.S.-trained`) and escaped characters; one left open past 300 units is left
 * alone rather than masking the rest of a paragraph.
 *
 * What opens one (scripts/public-descriptions.ts reads them on the shared corpus): a relative
 * pronoun or a `currently`, `formerly`, `reportedly` always; an article or a possessive only where
 * the name is not the end of a reporting phrase — after `according to [withheld],`, `for
 * [withheld],` or `said [withheld],` the article opens the report itself (`the MOU is not
 * binding`), not a description.
 * Before the name, a description from the sentence's start (not a line's: cables wrap their lines)
 * of at most 12 words (`Another leading opposition figure, [withheld]`), unless the name is the
 * subject of a `said`; a longer run is a clause.
 */
const PROTECT_MARK = String.raw`(?:\s*\((?:[^()<>]{0,20}\s)?protect\b[^()<>]{0,20}\))?`;
const BLOCK = String.raw`<\/?(?:p|br|div|li|ul|ol|td|th|tr|h\d|pre|section|article)\b`;
/** A full stop inside a clause: an initial's or a title's (`U.S. Ambassador`, `Dr. Ghanem`). */
const ABBREVIATION = String.raw`(?<=(?<![\p{L}\p{N}])(?:\p{Lu}|Dr|Mr|Mrs|Ms|St|Jr|Sr|Gen|Col|Lt|Maj|Capt|Prof|Rev|Amb|Gov|Sen|Rep|Co|Inc|Ltd|Corp|Dept|No))\.`;
const UNIT = String.raw`(?:&#?\w{1,8};|(?!${BLOCK})<[^<>]{0,400}>|\.(?=[^\s<.])|${ABBREVIATION}|[^,;:.!?"()<>\u201c\u201d&]|&(?!#?\w{1,8};))`;
const CLAUSE_END = String.raw`(?=\s*(?:[,;:!?)"\u201d]|(?!${ABBREVIATION})\.(?![^\s<.])|${BLOCK}|$))`;
/** `according to [withheld] and [withheld],`: the name ends a reporting phrase. */
const reporting = (words: string) => String.raw`(?<!\b(?:${words})\s+(?:${M}\s+(?:and|or)\s+)?)`;
const REPORTING = reporting(
  "according\\s+to|by|for|said|says|say|told|stated|noted|added|claimed|argued|explained|commented|asserted|reported",
);
/**
 * `… comments to [withheld], the MFA did issue …`: after `to`, a definite article or a possessive
 * opens the next clause more often than a description (`spoke to [withheld], a lawyer` is one).
 */
const REPORTING_TO = reporting(
  "to|by|for|said|says|say|told|stated|noted|added|claimed|argued|explained|commented|asserted|reported",
);
/**
 * `…, [withheld] said` (`reiterated`, `alleged`, `says`: any verb in -ed or -s): the clause before
 * is what the person said, not who they are.
 */
const SAID = String.raw`(?!${PROTECT_MARK}\s+(?:said|told|\p{L}+(?:ed|s))\b)`;
const STRONG = "who|whose|whom|formerly|former|currently|previously|himself|herself|reportedly";
const INDEFINITE = "a|an|one|another";
const DEFINITE = "the|his|her|their";
const ARTICLES = `${INDEFINITE}|${DEFINITE}`;
/** The words that open a description: left searchable (src/store/entities-public.ts). */
export const DESCRIPTION_OPENINGS: ReadonlySet<string> = new Set(
  `${STRONG}|${ARTICLES}`.split("|"),
);
/** `[withheld] is a prominent lawyer who ...`: a description as the predicate of the name. */
const PREDICATE = String.raw`\s+(?:is|was|has\s+been|had\s+been|remains|became|is\s+now|was\s+once)\s+`;
const AFTER = [
  ["", `\\s*,\\s*`, STRONG],
  [REPORTING, `\\s*,\\s*`, INDEFINITE],
  [REPORTING_TO, `\\s*,\\s*`, DEFINITE],
  ["", PREDICATE, ARTICLES],
].map(
  ([guard, gap, words]) =>
    new RegExp(
      `(${guard}${M}${PROTECT_MARK}${gap})((?:${words})\\b${UNIT}{1,300}?)${CLAUSE_END}`,
      "giu",
    ),
);
/** Up to 12 words: each a run of non-space units, then space. */
const SHORT = String.raw`(?:(?:(?!\s)${UNIT})+\s+){0,11}(?:(?!\s)${UNIT})+`;
const BEFORE = new RegExp(
  `((?:^|[.!?;:>)]\\s*))((?:${ARTICLES})\\s${SHORT})(,\\s*${M})${SAID}`,
  "giu",
);

/** A masked description while the list after it is read: a token no text holds. */
const DESCRIBED = "\u0000described\u0000";

/** The description's tags, given back empty after its token, so the markup stays whole. */
function descriptionMasked(description: string): string {
  return DESCRIBED + (description.match(TAGS)?.join("") ?? "");
}

/**
 * The rest of a list a description's clause opens (`who covers India, Sri Lanka and Nepal`):
 * capitalised items after commas, closed by `and` or `or`, to the clause's end. A lower-case word
 * after the comma is the sentence going on (`, told us`). Case counts here, so not `i`.
 */
const LIST_ITEM = String.raw`\p{Lu}[^,;:.!?()<>\u0000]{0,40}?`;
const LIST = new RegExp(
  String.raw`(${DESCRIBED}(?:<[^<>]*>)*)(?:,\s*${LIST_ITEM})*,?\s+(?:and|or|AND|OR)\s+${LIST_ITEM}${CLAUSE_END}`,
  "gu",
);

/** The descriptions a text masked for names only holds, each with its context (for surveys). */
export function descriptionsIn(named: string): { description: string; at: number }[] {
  const out: { description: string; at: number }[] = [];
  for (const re of AFTER) {
    for (const m of named.matchAll(re))
      out.push({ description: m[2]!, at: m.index + m[1]!.length });
  }
  for (const m of named.matchAll(BEFORE))
    out.push({ description: m[2]!, at: m.index + m[1]!.length });
  return out;
}

/** A text masked for names only, with its descriptions masked too (what `mask` gives). */
function withDescriptionsMasked(text: string): string {
  let out = text;
  for (const re of AFTER) {
    out = out.replace(re, (_m, lead: string, d: string) => lead + descriptionMasked(d));
  }
  return out
    .replace(LIST, "$1")
    .replace(
      BEFORE,
      (_m, lead: string, d: string, tail: string) => lead + descriptionMasked(d) + tail,
    )
    .replaceAll(DESCRIBED, MASK);
}

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
 * `forms`: the names to mask, word by word. `roles`: the titles and positions the cable gives
 * those persons (`GM`, `Deputy Minister of Interior`), masked as whole phrases wherever written:
 * with the post and date a cable carries, a role names its holder as surely as the name.
 */
export function masker(
  forms: readonly string[],
  roles: readonly string[] = [],
  // Off only to measure what the descriptions add (scripts/public-descriptions.ts).
  { descriptions = true }: { descriptions?: boolean } = {},
): Masker {
  const words = withUnaccented(significantWords(forms)).sort((a, b) => b.length - a.length);
  const phrases = [...new Set(roles.flatMap(roleForms))]
    .map(phrasePattern)
    .filter((x): x is string => x !== null)
    .sort((a, b) => b.length - a.length);
  if (words.length === 0 && phrases.length === 0) return NO_MASK;
  const encoded = encodedWords(forms).map(escapeRegex);
  // A role tried first, so one that holds a name word is masked whole, not cut at the word. A
  // role is a common word (`Head`, `Title`, `Col.`): never a tag, an entity, an attribute name or
  // a JSON key, which would break the page rather than hide anything.
  const role = phrases.length > 0 ? [`(?<!<\\/?|&#?)(${phrases.join("|")})(?!"\\s*:|\\s*=")`] : [];
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
        // After a name's word (not a role: `GM Page` names whoever is GM), the name's rest.
        if (m[1] !== undefined) continue;
        TAIL.lastIndex = at;
        const tail = TAIL.exec(text);
        if (tail) re.lastIndex = at += tail[0].length;
      }
      if (!found) return text;
      out += text.slice(at);
      const named = out.replace(RUNS, keepMarksBalanced).replace(LEAD, MASK);
      return descriptions ? withDescriptionsMasked(named) : named;
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
