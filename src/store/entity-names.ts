import { distance } from "fastest-levenshtein";
import { referenceTable } from "../reference/reference-data.js";

/**
 * Names as the entity layer compares them: folded (lower case, accents and the few letters NFD
 * does not decompose taken to their base letter), cut into words, with initials and name
 * particles told apart. Pure functions; resolution (entities-rule.ts), name lookups and public-mode
 * masking (entities-mask.ts) all fold the same way, so a name found by one is found by the others.
 */

const EXTRA_FOLDS: Record<string, string> = {
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ı: "i",
  "\u2019": "'",
  "\u2018": "'",
  "`": "'",
};

const MARKS = /[\u0300-\u036f]/g;

/** Lower case without accents: `Ségolène` → `segolene`, `ŁUKASZ` → `lukasz`. */
export function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(MARKS, "")
    .toLowerCase()
    .replace(/[øłđðþßæœı\u2019\u2018`]/g, (c) => EXTRA_FOLDS[c] ?? c);
}

/**
 * Letters PostgreSQL's `unaccent` folds and `fold` keeps (`ħ`, `ŋ`, `ﬁ`, fullwidth `Ａ`;
 * data/reference/unaccent-letters.csv), loaded on first use.
 */
let unaccentLetters: { map: Map<string, string>; test: RegExp } | null = null;

/**
 * A folded word as PostgreSQL's full text indexes it (`ħamrun` → `hamrun`): where public mode
 * compares a query's words with the names it withholds, both spellings count, or a search there
 * could reach a cable by the plain spelling of a name it masks. The word itself when the same.
 */
export function unaccentFold(folded: string): string {
  if (!unaccentLetters) {
    const map = new Map<string, string>();
    for (const r of referenceTable("unaccent-letters.csv")) map.set(r.letter!, r.folded!);
    const letters = [...map.keys()].join("").replace(/[\]\\^-]/g, "\\$&");
    unaccentLetters = { map, test: new RegExp(`[${letters}]`, "gu") };
  }
  const { map, test } = unaccentLetters;
  return /^\p{ASCII}*$/u.test(folded) ? folded : folded.replace(test, (c) => map.get(c) ?? c);
}

/** A folded word and, when PostgreSQL folds it otherwise, its unaccentFold. */
export function withUnaccented(words: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const w of words) {
    out.add(w);
    out.add(unaccentFold(w));
  }
  return [...out];
}

/**
 * One character folded to exactly one character (its base letter, lower case), so a folded copy
 * of a text keeps every offset of the original: what masking needs to cut the original text.
 * Combining marks stay as they are; patterns skip them (see entities-mask.ts).
 */
export function foldChar(c: string): string {
  const base = c.normalize("NFD")[0] ?? c;
  const lower = base.toLowerCase();
  if (lower.length !== 1) return c.length === 1 ? c : base;
  const extra = EXTRA_FOLDS[lower];
  return extra !== undefined && extra.length === 1 ? extra : lower;
}

/** Lower-case words that join a surname rather than stand as a name (`al-`, `bin`, `van der`). */
const PARTICLES = new Set([
  "al",
  "el",
  "bin",
  "ben",
  "ibn",
  "abu",
  "bint",
  "de",
  "del",
  "della",
  "der",
  "di",
  "da",
  "dos",
  "das",
  "du",
  "la",
  "le",
  "van",
  "von",
  "y",
]);

/** Words of a name as written: letters, digits, inner hyphens and apostrophes. */
export function nameWords(s: string): string[] {
  return s.match(/[\p{L}\p{M}\p{N}]+(?:['\u2019-][\p{L}\p{M}\p{N}]+)*\.?/gu) ?? [];
}

export interface NameShape {
  /** First given name, folded, or null when the form gives none. */
  given: string | null;
  /** Initial of the first given name when only initials are written (`M. Asquino`). */
  initial: string | null;
  /**
   * Names between given name and surname, folded, particles left out (`h`, `w` of `George H. W.
   * Bush`; `rodham` of `Hillary Rodham Clinton`); an initial is one letter. Empty when none.
   */
  middle: string[];
  /** Surname folded, without a leading particle (`al-Qadhafi` → `qadhafi`); null for no name. */
  surname: string | null;
}

function isInitial(w: string): boolean {
  return /^\p{L}\.?$/u.test(w);
}

function stripParticle(folded: string): string {
  const m = /^(al|el|ad|as|an|ar|at|az|ash)-(.+)$/.exec(folded);
  return m ? m[2]! : folded;
}

let titleWords: ReadonlySet<string> | null = null;

/**
 * One-word titles (data/reference/person-titles.csv, `Minister`, `General`, `SecGen`, `Economist`),
 * folded without a final dot: written first in a form, they are a role, not a given name
 * (`Minister Smith` is a surname with a title, not a person called Minister).
 */
function isTitleWord(folded: string): boolean {
  if (!titleWords) {
    const set = new Set<string>();
    for (const r of referenceTable("person-titles.csv")) {
      const t = fold(r.title!).replace(/\.$/, "");
      if (!/\s/.test(t)) set.add(t);
    }
    titleWords = set;
  }
  // `President-elect`, `Minister-Delegate`, `Minister-President`: a title still.
  return titleWords.has(folded) || titleWords.has(folded.split("-")[0]!);
}

/**
 * Suffixes that leave the name naming the same person (`Robert O. Blake Jr.` is Robert Blake).
 * `Sr.` is not one: `George Bush Sr.` and `Mubarak Sr.` name the father beside a son of the
 * same name, whom the bare name would be taken for.
 */
const SUFFIXES = new Set(["jr", "ii", "iii", "iv"]);

/** Given name, initial, middle initial and surname of one written form. */
export function nameShape(form: string): NameShape {
  const raws = nameWords(form);
  // Leading titles are roles; a title alone is left as written (it names nobody better).
  let from = 0;
  while (from < raws.length - 1 && isTitleWord(fold(raws[from]!.replace(/\.$/, "")))) from++;
  let to = raws.length;
  // A generational suffix written last (`Lincoln P. Bloomfield Jr.`, `Timken Jr`) is no surname.
  while (to - from > 1 && SUFFIXES.has(fold(raws[to - 1]!.replace(/\.$/, "")))) to--;
  // A lone letter without its dot before a bare surname is what is left of an office symbol
  // (`U/S Burns`, `A/S Shannon` written `S Burns`), not an initial: initials carry a dot.
  if (to - from === 2 && /^\p{L}$/u.test(raws[from]!)) from++;
  const words = raws.slice(from, to);
  // Name words in order, particles left out (unless alone), each marked as initial or not.
  const kept: { f: string; initial: boolean }[] = [];
  for (const raw of words) {
    const f = fold(raw.replace(/\.$/, ""));
    if (isInitial(raw)) kept.push({ f, initial: true });
    else if (!PARTICLES.has(f) || words.length === 1) kept.push({ f, initial: false });
  }
  const first = kept.findIndex((w) => !w.initial);
  if (first < 0) return { given: null, initial: null, middle: [], surname: null };
  let last = kept.length - 1;
  while (kept[last]!.initial) last--;
  const surname = stripParticle(kept[last]!.f);
  if (last > first) {
    // Only words between given name and surname are middle names (`John Creamer P` has none).
    const middle = kept.slice(first + 1, last).map((w) => stripParticle(w.f));
    const given = kept[first]!.f;
    return { given, initial: given[0]!, middle, surname };
  }
  const initial = kept.find((w) => w.initial)?.f ?? null;
  return { given: null, initial, middle: [], surname };
}

/**
 * Whether two middle-name lists can be one person's: one is empty, they open with the same
 * letter where one is an initial (`H.` and `Herbert`), with the same word spelt alike where both
 * are written in full (`Abdulla`, `Abdullah`; not `Ali` and `Abdullah`), or the shorter is written in full words that the longer holds in
 * order (`Jose Garcia Belaunde`, `Jose Antonio Garcia Belaunde`). An initial stands for the first
 * middle name, so `George W. Bush` and `George H. W. Bush` are two people.
 */
export function compatibleMiddles(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  const [x, y] = [a[0]!, b[0]!];
  // Two middle names written in full are one only when spelt alike (`Abdulla`, `Abdullah`):
  // `bin Ali` and `bin Abdullah` share an initial, not a person.
  if (x.length > 1 && y.length > 1 ? sameWord(x, y) : x[0] === y[0]) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.some((w) => w.length === 1)) return false;
  let j = 0;
  for (const w of long) if (j < short.length && w === short[j]) j++;
  return j === short.length;
}

/** Equal but for one letter added, dropped or changed (`Magaret`, `Margaret`). */
export function oneSlip(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * One middle name as written twice: spellings of one name open alike and differ by a letter, two
 * in names of four letters or more (`Isa`, `Issa`; `Nisar`, `Nasir`; `Mattos`, `Motta`), where
 * two names differ by more (`Ali`, `Ahmed`; `Manuel`, `Mario`).
 */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a[0] !== b[0]) return false;
  const cap = Math.min(a.length, b.length) >= 4 ? 2 : 1;
  return distance(a, b) <= cap;
}

/** Folded words worth masking or matching: every word of the forms but initials and particles. */
export function significantWords(forms: readonly string[]): string[] {
  const out = new Set<string>();
  for (const form of forms) {
    for (const raw of nameWords(form)) {
      const w = fold(raw.replace(/\.$/, ""));
      if (w.length < 2 || PARTICLES.has(w)) continue;
      out.add(w);
      // `al-Qadhafi` is also written `Qadhafi`; both halves of `Smith-Jones` stand alone too.
      for (const part of w.split(/['-]/))
        if (part.length >= 2 && !PARTICLES.has(part)) out.add(part);
    }
  }
  return [...out];
}

/** Folded words of a form, as `entity_words` keys them. */
export function formWords(form: string): string[] {
  return nameWords(form).map((raw) => fold(raw.replace(/\.$/, "")));
}

/** A URL-safe stable slug of a key: ASCII letters and digits joined by dashes, at most 60 long. */
export function slug(key: string): string {
  const s = fold(key)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (s.length <= 60) return s || "x";
  // Long names keep a readable head and a hash of the whole so two of them never collide.
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return `${s.slice(0, 50).replace(/-+$/, "")}-${(h >>> 0).toString(36)}`;
}

/** `ASQUINO` → `Asquino`: all-caps forms shown in the case people read. */
export function titleCase(s: string): string {
  return s
    .toLowerCase()
    .replace(/(^|[\s'-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
}

/** Whether a form mixes cases (as written in prose), rather than all-caps telegram style. */
export function isMixedCase(s: string): boolean {
  return /\p{Ll}/u.test(s) && /\p{Lu}/u.test(s);
}

let placeNames: ReadonlySet<string> | null = null;

/**
 * Whether a folded word names a city, country or region of the reference tables (cities.csv,
 * countries.csv, regions.csv, with their other forms): a surname alone that is also a place
 * (`Salvador`, `Lagos`, `Medina`) may be the place the extraction read as a name.
 */
export function isPlaceName(folded: string): boolean {
  if (!placeNames) {
    const set = new Set<string>();
    for (const table of ["cities.csv", "countries.csv", "regions.csv"])
      for (const r of referenceTable(table)) {
        set.add(fold(r.name!));
        for (const v of (r.variants ?? "").split("|")) if (v) set.add(fold(v));
      }
    placeNames = set;
  }
  return placeNames.has(folded);
}
