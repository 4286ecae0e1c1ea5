import {
  acronymKey,
  type EntityTables,
  entityTables,
  foldWord,
  type OrgEntry,
  type PlaceEntry,
  type TitleEntry,
} from "../../reference/entity-tables.js";
import { holds, isNameShape, type Token, tokenize } from "./tokens.js";
import { COMMON_WORDS, NAME_PARTICLES, NOT_NAME } from "./vocabulary.js";

/**
 * One text unit (a paragraph, the subject, a prose block of the caption area) cut into words, each
 * labelled by what the reference tables and word lists say it is: part of a title, a body, a
 * place, a possible name, or none of these. Persons, bodies and places are all read from this.
 */

export type Label = "name" | "title" | "org" | "place" | "other";

export interface Span<E> {
  /** Token index of the first word and one past the last. */
  from: number;
  to: number;
  entry: E;
}

export interface LabeledUnit {
  text: string;
  /** The unit is written in capitals throughout (older telegrams): case tells nothing. */
  caps: boolean;
  /** A short line in title case (a subject, a heading): a capital tells little there either. */
  titled: boolean;
  tokens: Token[];
  labels: Label[];
  titles: Span<TitleEntry>[];
  orgs: Span<OrgEntry>[];
  places: Span<PlaceEntry>[];
  /** The title, body or place span each token belongs to, or null. */
  spanOf: (Span<TitleEntry | OrgEntry | PlaceEntry> | null)[];
  /** Places inside hyphenated words (`Iraqi-Soviet`, `US-India`, `non-Uzbekistan`). */
  joinedPlaces: { token: number; written: string; entry: PlaceEntry }[];
}

/** Lines longer than this are prose, whatever their capitals. */
const TITLE_LINE_MAX = 240;
const LONG_WORD = /\p{L}{4,}/gu;

/** Most words of four letters or more open with a capital: `Afro-Brazilians Respond To Census`. */
function isTitleCase(text: string): boolean {
  if (text.length > TITLE_LINE_MAX) return false;
  const words = text.match(LONG_WORD) ?? [];
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return words.length >= 3 && capitalised >= 0.75 * words.length;
}

/** Two-letter place and body forms that are also words when the text is all capitals. */
const CAPS_AMBIGUOUS = new Set(["us", "who", "it", "at", "as", "an", "in", "on", "or", "am"]);

export function labelUnit(
  text: string,
  caps: boolean,
  isGivenName: (folded: string) => boolean = () => false,
): LabeledUnit {
  const tables = entityTables();
  const tokens = tokenize(text);
  const labels: Label[] = new Array<Label>(tokens.length).fill("other");
  const unit: LabeledUnit = {
    text,
    caps,
    titled: !caps && isTitleCase(text),
    tokens,
    labels,
    titles: [],
    orgs: [],
    places: [],
    spanOf: new Array<null>(tokens.length).fill(null),
    joinedPlaces: [],
  };
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i]!;
    if (!startsPhrase(t, caps)) {
      i++;
      continue;
    }
    const hit = longestPhrase(tables, text, tokens, i, caps);
    if (!hit) {
      i++;
      continue;
    }
    const span = { from: i, to: hit.to, entry: hit.entry };
    for (let k = i; k < hit.to; k++) {
      labels[k] = hit.kind;
      unit.spanOf[k] = span;
    }
    if (hit.kind === "title") unit.titles.push(span as Span<TitleEntry>);
    else if (hit.kind === "org") unit.orgs.push(span as Span<OrgEntry>);
    else unit.places.push(span as Span<PlaceEntry>);
    i = hit.to;
  }
  for (let i = 0; i < tokens.length; i++) {
    if (labels[i] !== "other") continue;
    if (mayBeName(tables, text, tokens, i, caps, labels[i - 1] === "title")) labels[i] = "name";
    // A one-character token (`-` itself) joins no places.
    else if (tokens[i]!.end - tokens[i]!.start > 1 && holds(text, tokens[i]!, 45))
      joinedPlaces(tables, unit, i);
  }
  namesNotPlaces(unit, isGivenName);
  return unit;
}

/** `Iraqi-Soviet talks`, `US-India efforts`, `non-Uzbekistan produced`: places joined by hyphens. */
function joinedPlaces(tables: EntityTables, unit: LabeledUnit, i: number): void {
  const t = unit.tokens[i]!;
  for (const part of t.text.split("-")) {
    const entry = tables.places.get(foldWord(part));
    if (entry && /^\p{Lu}/u.test(part)) unit.joinedPlaces.push({ token: i, written: part, entry });
  }
}

/** Titles of a consular post, which the cables name by its city. */
const POST_TITLES = new Set(["consul", "consul general", "congen", "principal officer"]);

/**
 * A one-word city right after a title or a given name is a surname (`President Lagos`, `Monica
 * Medina`) in mixed-case text, where the case shows the words belong together.
 */
function namesNotPlaces(unit: LabeledUnit, isGivenName: (folded: string) => boolean): void {
  if (unit.caps) return;
  const { tokens, labels } = unit;
  unit.places = unit.places.filter((span) => {
    if (span.to - span.from !== 1 || span.from === 0) return true;
    const prev = span.from - 1;
    const before = labels[prev];
    const t = tokens[span.from]!;
    if (t.shape !== "cap" || span.entry.kind !== "city" || tokens[prev]!.possessive) return true;
    if (before !== "title" && !(before === "name" && isGivenName(tokens[prev]!.fold))) return true;
    // `Consul General Munich`, `ConGen Istanbul`: the post's city, not the holder's surname.
    const title = unit.spanOf[prev] as Span<TitleEntry> | null;
    if (title && POST_TITLES.has(title.entry.title.toLowerCase())) return true;
    if (!/^[ \t]+$/.test(unit.text.slice(tokens[prev]!.end, t.start))) return true;
    labels[span.from] = "name";
    unit.spanOf[span.from] = null;
    return false;
  });
}

function startsPhrase(t: Token, caps: boolean): boolean {
  if (t.shape === "punct" || t.shape === "number") return false;
  return caps || isNameShape(t);
}

/** Small words that may stand lower-case inside a phrase (`Minister of State`). */
const PHRASE_INNER = new Set([
  "of",
  "for",
  "and",
  "the",
  "de",
  "d'",
  "al",
  "el",
  "on",
  "in",
  "y",
  "du",
  "la",
]);

interface Hit {
  kind: "title" | "org" | "place";
  to: number;
  entry: TitleEntry | OrgEntry | PlaceEntry;
}

/** The longest title, body or place phrase opening at token `i`. */
function longestPhrase(
  tables: EntityTables,
  text: string,
  tokens: Token[],
  i: number,
  caps: boolean,
): Hit | null {
  const first = tokens[i]!;
  // Acronyms count only as written in capitals in mixed-case text (`WHO`, not `Who`).
  if (first.shape === "upper" || holds(text, first, 46)) {
    const key = acronymKey(first.text);
    const org = tables.orgAcronyms.get(key);
    if (org && (!caps || capsAcronym(key))) {
      // A longer spelled-out phrase may still open here (`UN Security Council`).
      const longer = phraseFrom(tables, tokens, i, caps, 2);
      return longer ?? { kind: "org", to: i + 1, entry: org };
    }
  }
  return phraseFrom(tables, tokens, i, caps, 1);
}

/** English words of two letters: in capitals, `AP` and `UN` are bodies, `IF` and `NO` words. */
const TWO_LETTER_WORDS = new Set(
  "am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we ye".split(" "),
);

/** An acronym of the body table that an all-caps text can be read to name. */
function capsAcronym(key: string): boolean {
  const lower = key.toLowerCase();
  if (COMMON_WORDS.has(lower)) return false;
  return key.length >= 3 || (key.length === 2 && !TWO_LETTER_WORDS.has(lower));
}

/**
 * What a run of folded words is to the tables: the title, body or place it names, if any (titles
 * before bodies before places), and, for one word, the most words of a phrase it opens. Every
 * opening run of words of a phrase has an entry, so a run without one can grow into no phrase.
 */
export interface PhraseInfo {
  kind: Hit["kind"] | null;
  entry: Hit["entry"] | null;
  limit: number;
}

let phraseTable: Map<string, PhraseInfo> | null = null;

/**
 * The three phrase maps and `firstWords` as one map: a word's fold is a fresh string, which each
 * map hashed anew (four look-ups for a one-word phrase, three for each longer run), and a run was
 * built into a longer key even when no phrase goes on with it.
 */
export function phrases(tables: EntityTables): ReadonlyMap<string, PhraseInfo> {
  if (phraseTable) return phraseTable;
  const map = new Map<string, PhraseInfo>();
  const at = (key: string): PhraseInfo => {
    let info = map.get(key);
    if (!info) {
      info = { kind: null, entry: null, limit: 0 };
      map.set(key, info);
    }
    return info;
  };
  const add = (kind: Hit["kind"], key: string, entry: Hit["entry"]) => {
    const words = key.split(" ");
    for (let n = 1; n < words.length; n++) at(words.slice(0, n).join(" "));
    const info = at(key);
    if (info.kind === null) {
      info.kind = kind;
      info.entry = entry;
    }
  };
  for (const [key, entry] of tables.titles) add("title", key, entry);
  for (const [key, entry] of tables.orgs) add("org", key, entry);
  for (const [key, entry] of tables.places) add("place", key, entry);
  for (const [word, limit] of tables.firstWords) at(word).limit = limit;
  phraseTable = map;
  return map;
}

function phraseFrom(
  tables: EntityTables,
  tokens: Token[],
  i: number,
  caps: boolean,
  minWords: number,
): Hit | null {
  const table = phrases(tables);
  // Only words that open some phrase are looked at (most capitalised words open none).
  const first = table.get(tokens[i]!.fold);
  const limit = first?.limit ?? 0;
  if (limit < minWords) return null;
  let key = "";
  let best: Hit | null = null;
  for (let k = i; k < tokens.length && k - i < limit; k++) {
    const t = tokens[k]!;
    if (t.shape === "punct" || t.shape === "number") break;
    // Inside a phrase small words may be lower case (`Minister of State`, `Bosnia and Herzegovina`).
    if (k > i && !caps && !isNameShape(t) && !PHRASE_INNER.has(t.fold)) break;
    key = k === i ? t.fold : `${key} ${t.fold}`;
    const info = k === i ? first : table.get(key);
    // No phrase opens with these words: a longer run names nothing either.
    if (info === undefined) break;
    const count = k - i + 1;
    if (
      info.kind !== null &&
      count >= minWords &&
      !(count === 1 && caps && CAPS_AMBIGUOUS.has(key)) &&
      !(k > i && !isNameShape(t) && !caps)
    )
      best = { kind: info.kind, to: k + 1, entry: info.entry! };
    if (t.possessive || t.sentenceEnd) break;
  }
  return best;
}

const VOWEL = /[AEIOUYaeiouy]/;

/** A word that may belong to a person's name, given what it is not. */
function mayBeName(
  tables: EntityTables,
  text: string,
  tokens: Token[],
  i: number,
  caps: boolean,
  titleBefore: boolean,
): boolean {
  const t = tokens[i]!;
  if (t.shape === "punct" || t.shape === "number") return false;
  // Most words of mixed-case prose: a lower-case word is never a name there.
  if (!caps && t.shape === "lower") return false;
  const fold = t.fold;
  if (NOT_NAME.has(fold)) return false;
  if (caps) {
    if (t.text.length < 2 && t.shape !== "initial") return false;
    if (NAME_PARTICLES.has(fold)) return false;
    return !COMMON_WORDS.has(fold) && !tables.acronyms.has(t.text) && VOWEL.test(t.text);
  }
  // `Tripoli-based`, `Russian-installed`: a compound with a lower-case part is a modifier.
  if (holds(text, t, 45) && /-\p{Ll}/u.test(t.text) && !/^\p{Ll}{1,3}-/u.test(t.text)) return false;
  if (t.shape === "cap" || t.shape === "initial") return true;
  if (t.shape !== "upper") return false;
  // Capitals inside mixed-case prose: a surname written the cable way (`SHAMSIDDINOV`), unless it
  // is an acronym (`GOL`, `TGS`) or a heading word.
  if (tables.acronyms.has(t.text) || tables.orgAcronyms.has(acronymKey(t.text))) return false;
  if (COMMON_WORDS.has(fold) || !VOWEL.test(t.text) || t.text.length < 3) return false;
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  const besideName = (n: Token | undefined) => n !== undefined && n.shape === "cap";
  // Alone it is more often an acronym nobody listed (`ONIDEX`, `EUPOL`) than a surname.
  return besideName(prev) || besideName(next) || titleBefore;
}

/** A particle inside a name (`de` in `Pieter de Gooijer`) when a name word follows. */
export function isParticle(unit: LabeledUnit, i: number): boolean {
  const t = unit.tokens[i];
  if (!t || t.shape === "punct") return false;
  return NAME_PARTICLES.has(t.fold) && unit.labels[i + 1] === "name";
}
