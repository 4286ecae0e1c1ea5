import { referenceTable } from "./reference-data.js";

/**
 * The lookups entity extraction reads: places (countries with their adjectives, cities, regions),
 * named bodies, and the titles that stand before a person's name. Tables live in data/reference/
 * (README there says where each came from); each is read once and folded into phrase maps.
 */

export type PlaceKind = "country" | "city" | "region";

export interface PlaceEntry {
  name: string;
  kind: PlaceKind;
  /** For cities: the country's name (context for the archive); null for countries and regions. */
  country: string | null;
}

export interface OrgEntry {
  name: string;
  kind: string;
}

export interface TitleEntry {
  title: string;
  kind: string;
  /** The title is held by US Government staff only (`DCM`, `Poloff`, `A/S`). */
  us: boolean;
}

/** Phrase maps are keyed by `phraseKey`: folded words joined by one space. */
export interface EntityTables {
  places: Map<string, PlaceEntry>;
  /** Organisation names and spelled-out variants, keyed case-insensitively. */
  orgs: Map<string, OrgEntry>;
  /** Acronyms that must be written in capitals to count (`WHO`, not `who`), keyed by `acronymKey`. */
  orgAcronyms: Map<string, OrgEntry>;
  titles: Map<string, TitleEntry>;
  /** Longest phrase in words: how far a phrase match looks ahead. */
  longest: number;
  /** For each first word of a phrase of any map, the longest phrase it opens (in words). */
  firstWords: Map<string, number>;
  /** Country name by FIPS code (TAGS), for the host country of a post. */
  countryByFips: Map<string, string>;
  /** Country of a city (the posts' cities included), keyed by folded city name. */
  countryOfCity: Map<string, string>;
  /** Acronyms of cable prose that are not names (`GOL`, `USG`, `TGS`, `DCM`), as written. */
  acronyms: ReadonlySet<string>;
}

/** TAGS organisation codes that are also English words or too vague to name a body in prose. */
const TAG_CODES_NOT_BODIES = new Set(
  "AGR ARC CARE COM CONTRIB DOT ELF GREENS INT ISO ITC LAB LOT MAS MIR PAL SAS STAT ED DC VA AI AP AL EP INS INRA IRS LOC DC TRSY".split(
    " ",
  ),
);

const ASCII = /^[\x20-\x26\x28-\x7e]*$/;

/** Lower case, accents and dots dropped, curly apostrophes straightened: `Côte d’Ivoire` → `cote d'ivoire`. */
export function foldWord(word: string): string {
  // Most words are plain ASCII: no decomposition needed (a tenth of extraction time otherwise).
  if (ASCII.test(word)) return (word.includes(".") ? word.replace(/\./g, "") : word).toLowerCase();
  return word
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[’`]/g, "'")
    .replace(/\./g, "")
    .toLowerCase();
}

export function phraseKey(words: readonly string[]): string {
  return words.map(foldWord).join(" ");
}

/** Split a phrase into the words the tokenizer would find (hyphens and apostrophes stay inside). */
export function phraseWords(phrase: string): string[] {
  return phrase.split(/\s+/).filter(Boolean);
}

let tables: EntityTables | null = null;

export function entityTables(): EntityTables {
  if (tables) return tables;
  const places = new Map<string, PlaceEntry>();
  const orgs = new Map<string, OrgEntry>();
  const orgAcronyms = new Map<string, OrgEntry>();
  const titles = new Map<string, TitleEntry>();
  const countryByFips = new Map<string, string>();
  const countryOfCity = new Map<string, string>();
  let longest = 1;
  const firstWords = new Map<string, number>();
  const add = <T>(map: Map<string, T>, phrase: string, value: T) => {
    const words = phraseWords(phrase);
    if (words.length === 0) return;
    const key = phraseKey(words);
    if (!map.has(key)) map.set(key, value);
    longest = Math.max(longest, words.length);
    const first = foldWord(words[0]!);
    firstWords.set(first, Math.max(firstWords.get(first) ?? 0, words.length));
  };
  for (const row of referenceTable("countries.csv")) {
    const entry: PlaceEntry = { name: row.name!, kind: "country", country: null };
    add(places, row.name!, entry);
    for (const v of split(row.variants)) add(places, v, entry);
    if (row.fips) countryByFips.set(row.fips, row.name!);
  }
  for (const row of referenceTable("regions.csv")) {
    const entry: PlaceEntry = { name: row.name!, kind: "region", country: null };
    add(places, row.name!, entry);
    for (const v of split(row.variants)) add(places, v, entry);
  }
  for (const row of referenceTable("cities.csv")) {
    const entry: PlaceEntry = { name: row.name!, kind: "city", country: row.country || null };
    add(places, row.name!, entry);
    for (const v of split(row.variants)) add(places, v, entry);
    if (row.country) countryOfCity.set(phraseKey(phraseWords(row.name!)), row.country);
  }
  for (const row of referenceTable("organizations.csv")) {
    const entry: OrgEntry = { name: row.name!, kind: row.kind ?? "" };
    for (const form of [row.name!, ...split(row.variants)]) {
      if (isAcronym(form)) {
        if (!orgAcronyms.has(acronymKey(form))) orgAcronyms.set(acronymKey(form), entry);
      } else add(orgs, form, entry);
    }
  }
  // TAGS organisation codes name bodies when the prose writes them (`OPEC`, `UNRWA`); the TAGS
  // line itself is not read for entities.
  for (const row of referenceTable("tags-organization.csv")) {
    const code = row.tag ?? "";
    if (/^[A-Z][A-Z-]{2,}$/.test(code) && !TAG_CODES_NOT_BODIES.has(code) && !orgAcronyms.has(code))
      orgAcronyms.set(acronymKey(code), { name: code, kind: "tags-organization" });
  }
  const acronyms = new Set(referenceTable("acronyms.csv").map((r) => r.acronym ?? ""));
  for (const row of referenceTable("person-titles.csv")) {
    add(titles, row.title!, { title: row.title!, kind: row.kind ?? "", us: row.us === "us" });
  }
  tables = {
    places,
    orgs,
    orgAcronyms,
    titles,
    longest,
    firstWords,
    countryByFips,
    countryOfCity,
    acronyms,
  };
  return tables;
}

function split(field: string | undefined): string[] {
  return field ? field.split("|").filter(Boolean) : [];
}

/** `NATO`, `UNHCR`, `TNK-BP`, `G-8`, `U.N.`: capitals (and digits, dots, hyphens) only. */
export function isAcronym(form: string): boolean {
  return /^[A-Z][A-Z0-9.&/-]*$/.test(form) && /[A-Z].*[A-Z]|^[A-Z]-?\d/.test(form);
}

/** `U.N.` and `UN` are one acronym. */
export function acronymKey(form: string): string {
  return form.replace(/\./g, "");
}
