import type { Organization } from "../../model/entities.js";
import type { TitleEntry } from "../../reference/entity-tables.js";
import { foldWord } from "../../reference/entity-tables.js";
import { nameLexicon } from "../../reference/name-lexicon.js";
import { capsBodies } from "./bodies-caps.js";
import { bodiesAfterKindNouns } from "./bodies-named.js";
import type { LabeledUnit, Span } from "./label.js";
import { isNameShape, type Token } from "./tokens.js";
import { ORG_HEADS } from "./vocabulary.js";

/**
 * Named bodies: those of the reference table (`UNHCR`, `Human Rights Watch`, `TNK-BP`), and
 * capitalised phrases built on a body's head word (`National Oil Corporation`, `Ministry of
 * Justice and Ecclesiastical Affairs`, `Qadhafi Development Foundation`). A state body named
 * without its state (`Ministry of Interior`, `MFA`, `Foreign Ministry`) is the host country's, or
 * the country written before it (`French MFA`, `Libya's Foreign Ministry`):
 * `Ministry of Foreign Affairs (France)`. An acronym in parentheses after a body is one of its
 * forms (`National Oil Corporation (NOC)`), here and wherever the cable uses it again.
 */

export interface OrgMention {
  name: string;
  written: string;
  paragraph: number;
}

/** Acronyms of state bodies that every government has, spelled out. */
const STATE_ACRONYMS: ReadonlyMap<string, string> = new Map([
  ["MFA", "Ministry of Foreign Affairs"],
  ["MOFA", "Ministry of Foreign Affairs"],
  ["MOD", "Ministry of Defense"],
  ["MoD", "Ministry of Defense"],
  ["MOI", "Ministry of Interior"],
  ["MOJ", "Ministry of Justice"],
  ["MOF", "Ministry of Finance"],
]);

/**
 * `STATE_ACRONYMS.get`, its keys all opening with `M`: asked of every word of every unit, most
 * of which are no acronym and need not be hashed.
 */
export function stateAcronym(word: string): string | undefined {
  return word.charCodeAt(0) === 77 ? STATE_ACRONYMS.get(word) : undefined;
}

/** `ORG_HEADS.has`, the heads all opening with a capital A to Z (asked of every word too). */
export function isOrgHead(word: string): boolean {
  const c = word.charCodeAt(0);
  return c >= 65 && c <= 90 && ORG_HEADS.has(word);
}

/**
 * `isOrgHead(t.text)` and `stateAcronym(t.text)` with the token's first letter read in the unit's
 * text (the same letter, as a word's text starts at its offset; a gap's and a number's first
 * characters are no capitals). Asked of every token of a unit, whose texts come in many string
 * representations: reading each one's first character is a slow, megamorphic access.
 */
function headAt(unit: LabeledUnit, t: Token): boolean {
  const c = unit.text.charCodeAt(t.start);
  return c >= 65 && c <= 90 && ORG_HEADS.has(t.text);
}

function stateAcronymAt(unit: LabeledUnit, t: Token): string | undefined {
  return unit.text.charCodeAt(t.start) === 77 ? STATE_ACRONYMS.get(t.text) : undefined;
}

export const STATE_ACRONYM_FORMS: readonly string[] = [...STATE_ACRONYMS.keys()];

const FOREIGN_MINISTRY =
  /^(?:Foreign Ministry|Ministry of Foreign Affairs|Foreign Affairs Ministry|Ministry for Foreign Affairs)$/i;
const CONNECT = /^(?:of|for|and|the|&|on|de|del|la)$/;

/**
 * Body phrases in a unit, marked `org` in its labels so that their words are not read as a
 * person's name (`Qadhafi` in `Qadhafi Development Foundation`). Mixed-case text only: in
 * capitals a phrase cannot be told from the words around it.
 */
export function markOrgPhrases(
  unit: LabeledUnit,
  host: string | null,
  isCommonWord: (folded: string) => boolean = () => false,
): OrgMention[] {
  const { tokens, labels } = unit;
  const out: OrgMention[] = [];
  /** Table spans read as part of a longer phrase (`Security Council` in `Supreme National ...`). */
  const inside = new Set<object>();
  for (const b of capsBodies(unit, isCommonWord)) {
    const country = countryBefore(unit, b.from) ?? leadingCountry(unit, b.from, b.to);
    const bare = b.written
      .split(" ")
      .slice(leadingPlaces(unit, b.from, b.to))
      .join(" ");
    const state = stateBodyName(bare, country ?? host);
    out.push({ name: state === bare ? b.written : state, written: b.written, paragraph: 0 });
  }
  if (!unit.caps) {
    for (const b of bodiesAfterKindNouns(unit)) {
      for (let k = b.from; k < b.to; k++) labels[k] = "org";
      out.push({ name: b.written, written: b.written, paragraph: 0 });
    }
  }
  // Phrases need a head word: most units have none, and are not scanned. The first head found
  // here is where the scan for the next head resumes.
  let nextHead = unit.caps ? -1 : tokens.findIndex((t) => headAt(unit, t));
  if (nextHead >= 0) {
    for (let i = 0; i < tokens.length; i++) {
      if (nextHead < i) {
        nextHead = i;
        while (nextHead < tokens.length && !headAt(unit, tokens[nextHead]!)) nextHead++;
        if (nextHead === tokens.length) break;
      }
      // An office's title, or `The` before one (labels first: most words are no title).
      const opener =
        labels[i] === "title"
          ? i
          : labels[i + 1] === "title" && LEADING_GENERIC.test(tokens[i]!.text)
            ? i + 1
            : -1;
      const office = opener >= 0 ? officeTitleAt(unit, opener) : null;
      if (office) {
        i = afterOffice(unit, office) - 1;
        continue;
      }
      if (nextHead - i > MAX_PHRASE || !opensPhrase(unit, i)) continue;
      const end = phraseEnd(unit, i);
      if (end < 0) continue;
      let from = personBeforeAnd(unit, i, end);
      // What follows the person's `and` is a body of two words or more, and no office's title.
      if (from !== i && (wordsIn(unit, from, end) < 2 || officeTitleAt(unit, from))) {
        i = end;
        continue;
      }
      while (from < end && LEADING_GENERIC.test(tokens[from]!.text)) from++;
      // A leading country adjective qualifies a state body (`Iranian Foreign Ministry`).
      let start = from;
      while (start < end && labels[start] === "place" && tokens[start]!.shape === "cap") start++;
      const written = slice(unit, from, end);
      const bare = slice(unit, start, end);
      const country = countryBefore(unit, from) ?? adjectiveCountry(unit, from, start);
      const state = stateBodyName(bare, country ?? host);
      for (let k = from; k <= end; k++) labels[k] = "org";
      for (const span of unit.orgs) if (span.from >= from && span.to <= end + 1) inside.add(span);
      // `Chinese`, `PRC` qualify a body; `China` opening `China Great Wall Industry Corporation`
      // is part of its name.
      const adjective = start > from ? slice(unit, from, start - 1) : null;
      const qualifier = adjective !== null && adjective !== country ? country : null;
      out.push({ name: qualified(state, bare, written, qualifier), written, paragraph: 0 });
      i = end;
    }
  }
  for (const span of unit.orgs) {
    if (labels[span.from] !== "org" || inside.has(span)) continue;
    const written = slice(unit, span.from, span.to - 1);
    const acronym = STATE_ACRONYMS.get(written.replace(/\./g, ""));
    const name = acronym
      ? stateBodyName(acronym, countryBefore(unit, span.from) ?? host)
      : span.entry.name;
    out.push({ name, written, paragraph: 0 });
  }
  // Acronyms of state bodies are not in the body table: they depend on whose state.
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const spelled = stateAcronymAt(unit, t);
    if (!spelled || labels[i] === "org") continue;
    labels[i] = "org";
    out.push({
      name: stateBodyName(spelled, countryBefore(unit, i) ?? host),
      written: t.text,
      paragraph: 0,
    });
  }
  return out;
}

const MAX_PHRASE = 12;
/** Words before a body's name that are not part of it (`the NGO Sea Shepherd Conservation Society`). */
const LEADING_GENERIC = /^(?:The|A|NGO|NGOs)$/;
/** Words that open a clause, not a body's name (`Member of Parliament`, `Neither the Embassy`). */
const NOT_OPENING = new Set([
  "Member",
  "Members",
  "Neither",
  "Either",
  "Both",
  "Each",
  "Every",
  "Former",
  "Then",
  "Head",
  "Chief",
]);

/**
 * Prepositions and adverbs that open a sentence, capitalised there (`During the Congress`, `Per
 * the National Counterterrorism Center`, `Since August the Working Group`).
 */
const OPENING_PREPOSITIONS = new Set(
  "In At On During After Before Since Until From With Under For By Despite Through Following Among Between Within Over Regarding Concerning Like Unlike Per Via Upon Against Toward Towards".split(
    " ",
  ),
);

function opensPhrase(unit: LabeledUnit, i: number): boolean {
  const t = unit.tokens[i]!;
  if (!isNameShape(t) || unit.labels[i] === "org" || NOT_OPENING.has(t.text)) return false;
  // A month opens no body's name; a day may (`Sunday Times`).
  if (OPENING_PREPOSITIONS.has(t.text) || MONTH.test(t.text)) return false;
  return !STATE_ACRONYMS.has(t.text);
}

/**
 * An office's title opens the words (`Minister of Petroleum Resources`, `Director of
 * Communication`): a person's position, not a body. Not so for an office's possessive
 * (`Attorney General's Office`) or a rank (`General Staff`).
 */
function officeTitleAt(unit: LabeledUnit, i: number): Span<TitleEntry> | null {
  if (unit.labels[i] !== "title") return null;
  const span = unit.spanOf[i] as Span<TitleEntry> | null;
  if (!span || span.from !== i || !OFFICE_KINDS.has(span.entry.kind)) return null;
  // `Justice Ministry`: the title's word qualifies the body that follows.
  const after = unit.tokens[span.to];
  // `Justice and Charity Organization`: joined to other words, it is a body's first word.
  if (
    unit.tokens[span.to - 1]!.possessive ||
    (after && (isOrgHead(after.text) || after.text === "and"))
  )
    return null;
  return span;
}

/**
 * Titles of an office and honorifics, not a rank or an occupation (`General Directorate`, `Student
 * Islamic Movement`).
 */
const OFFICE_KINDS = new Set(["office", "diplomat", "honorific"]);

/** Heads that close a portfolio more often than a body's name (`Minister of Mines and Energy`). */
const PORTFOLIO_HEADS = new Set(
  "Petroleum Energy Communications Media Television Radio Presidency Mining Insurance Securities Investments".split(
    " ",
  ),
);

/**
 * Where body phrases may open again after an office's title: after its portfolio (`Minister of
 * Petroleum Resources`, `Secretary for Human Rights and Communications`), or right after `of` when
 * a body's name follows (`CEO of Piraeus Bank`).
 */
function afterOffice(unit: LabeledUnit, span: Span<TitleEntry>): number {
  const { tokens } = unit;
  let k = span.to;
  if (!/^(?:of|for)$/.test(tokens[k]?.text ?? "")) return k;
  const of = k;
  k++;
  let lastHead = "";
  while (
    k < tokens.length &&
    (isNameShape(tokens[k]!) || CONNECT.test(tokens[k]!.text)) &&
    !personAt(unit, k)
  ) {
    if (isOrgHead(tokens[k]!.text)) lastHead = tokens[k]!.text;
    // `Chairman of the Prime Minister's … Board`: a body named after an office may follow.
    if (tokens[k]!.possessive) return of + 1;
    if (tokens[k]!.sentenceEnd) break;
    k++;
  }
  return lastHead !== "" && !PORTFOLIO_HEADS.has(lastHead) ? of + 1 : k;
}

function slice(unit: LabeledUnit, from: number, to: number): string {
  return unit.text.slice(unit.tokens[from]!.start, unit.tokens[to]!.end).replace(/\s+/g, " ");
}

const MODIFIER_COMPOUND = /-\p{Ll}{3,}$/u;
/** Months and days before a body's name date it (`the September UN Security Council`). */
const MONTH =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December)$/;
const CALENDAR =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;

/** Index of the last word of a body phrase opening at `i`, or -1. */
function phraseEnd(unit: LabeledUnit, i: number): number {
  const { tokens, labels } = unit;
  let k = i;
  let lastHead = -1;
  while (k < tokens.length && k - i < MAX_PHRASE) {
    const t = tokens[k]!;
    const next = tokens[k + 1];
    if (k > i && (labels[k] === "org" || stateAcronymAt(unit, t) !== undefined)) {
      // `Supreme National Security Council`: a table body's words closing a longer name.
      const span = unit.spanOf[k];
      const prev = tokens[k - 1]!;
      const extends_ =
        labels[k] === "org" &&
        span?.from === k &&
        ORG_HEADS.has(tokens[span.to - 1]!.text) &&
        prev.shape === "cap" &&
        !CALENDAR.test(prev.text) &&
        labels[k - 1] !== "place" &&
        labels[k - 1] !== "org" &&
        !prev.possessive;
      if (!extends_ || !span) break;
      lastHead = span.to - 1;
      k = span.to;
      if (tokens[k - 1]!.sentenceEnd || tokens[k - 1]!.possessive) break;
      continue;
    }
    // `Market-listed`, `Tripoli-based`: a modifier, which no body's name runs through.
    // `the Ministry of Health on November 3`: a date is no part of a body's name.
    if (k > i && CALENDAR.test(t.text)) break;
    if (MODIFIER_COMPOUND.test(t.text)) {
      if (lastHead < 0) return -1;
      break;
    }
    if (isNameShape(t)) {
      if (headAt(unit, t)) lastHead = k;
    } else if (!(CONNECT.test(t.text) && k > i && next && isNameShape(next))) break;
    if (t.possessive) {
      // `General People's Congress`, `Attorney General's Office` go on; `Libya's National Oil
      // Corporation` starts after the possessive; `Villepin's Cabinet` is no body's name.
      if (labels[k] === "name" || labels[k] === "place" || !next || !isNameShape(next)) {
        if (lastHead < 0) return -1;
        break;
      }
    }
    if (t.sentenceEnd) break;
    k++;
  }
  if (lastHead < 0) return -1;
  // `Ministry of Interior`: the head may open the phrase if words follow it; then take them all.
  let end = lastHead;
  if (/^(?:of|for)$/.test(tokens[lastHead + 1]?.text ?? "")) {
    let e = lastHead + 1;
    // Not into a person's name after the body (`House of Representatives Nancy Pelosi`), nor
    // into a title of someone's there (`Chamber of Deputies President Bogdan Olteanu`).
    const office = tokens[lastHead]!.text === "Office";
    while (
      e < k &&
      (isNameShape(tokens[e]!) || CONNECT.test(tokens[e]!.text)) &&
      !personAt(unit, e) &&
      !titleOfPerson(unit, e) &&
      !(holderTitleAt(unit, e, lastHead) && !office)
    )
      e++;
    // The words that open that title are its own (`… Foreign Affairs Political Director Greta`).
    if (e < k && (titleOfPerson(unit, e) || (!office && holderTitleAt(unit, e, lastHead))))
      while (e > lastHead + 2 && TITLE_MODIFIERS.has(tokens[e - 1]!.fold)) e--;
    while (e > lastHead + 1 && !isNameShape(tokens[e - 1]!)) e--;
    end = Math.max(end, e - 1);
  }
  // A phrase of the head word alone (`Ministry`, `The Court`) names no particular body.
  let from = i;
  while (from < end && LEADING_GENERIC.test(tokens[from]!.text)) from++;
  let count = 0;
  for (let x = from; x <= end; x++) if (isNameShape(tokens[x]!)) count++;
  if (count < 2) return -1;
  return end;
}

/**
 * A body named after a country's adjective is that country's: `German Federal Office of
 * Economics and Export Controls` is `Federal Office of Economics and Export Controls (Germany)`,
 * `Afghan Attorney General's Office` is `Attorney General's Office (Afghanistan)`, unless the
 * adjective is part of the body's own name (`American Bar Association`: an `American` body is
 * written so by its own name far more often than as a qualifier).
 */
function qualified(state: string, bare: string, written: string, country: string | null): string {
  if (state !== bare || written === bare) return state;
  if (!country || country === "United States" || bare.includes("(")) return written;
  return `${bare} (${country})`;
}

/** Words of the places opening a phrase (`SPANISH` of `SPANISH ARMY`). */
function leadingPlaces(unit: LabeledUnit, from: number, to: number): number {
  let k = from;
  for (const s of unit.places) if (s.from === k && s.to < to) k = s.to;
  return k - from;
}

function leadingCountry(unit: LabeledUnit, from: number, to: number): string | null {
  for (const s of unit.places)
    if (s.from >= from && s.to < to && s.entry.kind === "country") return s.entry.name;
  return null;
}

/** A country named right before: `Libya's` or `French` (an adjective is a place variant). */
function countryBefore(unit: LabeledUnit, i: number): string | null {
  const prev = unit.places.find((s) => s.to === i);
  return prev && prev.entry.kind === "country" ? prev.entry.name : null;
}

function adjectiveCountry(unit: LabeledUnit, from: number, start: number): string | null {
  for (const s of unit.places)
    if (s.from >= from && s.to <= start && s.entry.kind === "country") return s.entry.name;
  return null;
}

/** `Foreign Ministry` of France → `Ministry of Foreign Affairs (France)`; other bodies as written. */
function stateBodyName(written: string, country: string | null): string {
  const bare = written.replace(/^The\s+/, "");
  const canonical = FOREIGN_MINISTRY.test(bare) ? "Ministry of Foreign Affairs" : bare;
  const stateBody =
    canonical === "Ministry of Foreign Affairs" ||
    /^Ministry (?:of|for)\b/.test(canonical) ||
    /^(?:(?:National|Supreme|Constitutional|Federal|Central|Upper|Lower|Foreign|Interior|Defense|Finance|Justice|High)\s)?(?:Ministry|Parliament|Assembly|Congress|Senate|Cabinet|Presidency|Court|Police|Army|Navy|Guard|Bank)$/.test(
      canonical,
    );
  return stateBody && country ? `${canonical} (${country})` : canonical;
}

/** Mentions grouped by name; forms other than the name are its variants. */
export function groupOrganizations(
  mentions: readonly OrgMention[],
  acronymsOf: Map<string, string>,
): Organization[] {
  const byKey = new Map<string, { name: string; variants: Set<string>; paragraphs: Set<number> }>();
  for (const m of mentions) {
    const name = acronymsOf.get(m.written) ?? m.name;
    const key = foldWord(name);
    let g = byKey.get(key);
    if (!g) {
      g = { name, variants: new Set(), paragraphs: new Set() };
      byKey.set(key, g);
    }
    if (m.written !== name) g.variants.add(m.written);
    g.paragraphs.add(m.paragraph);
  }
  return [...byKey.values()].map((g) => ({
    name: g.name,
    variants: [...g.variants],
    paragraphs: [...g.paragraphs].sort((a, b) => a - b),
  }));
}

/** `National Oil Corporation (NOC)`: the acronym in parentheses right after a body phrase. */
export function acronymsDefined(
  unit: LabeledUnit,
  mentions: readonly OrgMention[],
): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of mentions) {
    const at = unit.text.indexOf(m.written);
    if (at < 0) continue;
    const after = /^\s*\(([A-Z][A-Za-z]{1,9})\)/.exec(unit.text.slice(at + m.written.length));
    if (after && after[1] !== m.written) out.set(after[1]!, m.name);
  }
  return out;
}

/** A given name before another name word opens a person's name. */
function personAt(unit: LabeledUnit, i: number): boolean {
  const next = unit.tokens[i + 1];
  return (
    unit.labels[i] === "name" &&
    next !== undefined &&
    next.shape === "cap" &&
    nameLexicon().isGivenName(unit.tokens[i]!.fold)
  );
}

/** Words that open a title (`Deputy Political Director`, `Principal Deputy`, `First Secretary`). */
const TITLE_MODIFIERS = new Set(
  "deputy political diplomatic principal permanent first second third senior chief executive assistant acting special economic legal vice under managing associate joint additional public state parliamentary".split(
    " ",
  ),
);

/**
 * A title after the words of a body's `of` (`Bank of Mexico President`, `University of Sao Paulo
 * Professor`, `University of Regensburg and Vice President`): the body's officer, written without
 * a name, not the body's. It is the body's own when it is what `of` names (`Department for
 * Prevention of Vice`, `Office of the Political Coordinator`) or opens a possessive (`Ministry of
 * Justice and Attorney General's Office`).
 */
function holderTitleAt(unit: LabeledUnit, i: number, head: number): boolean {
  const span = unit.spanOf[i];
  if (unit.labels[i] !== "title" || !span || span.from !== i) return false;
  if (unit.tokens[span.to - 1]!.possessive || PORTFOLIO_TITLES.has(unit.tokens[i]!.text))
    return false;
  let k = i - 1;
  while (k > head && TITLE_MODIFIERS.has(unit.tokens[k]!.fold)) k--;
  return k > head && !/^(?:of|for|the)$/.test(unit.tokens[k]!.text);
}

/** Titles that also name a portfolio (`Ministry of Interior and Justice`, `Party for Liberty and Justice`). */
const PORTFOLIO_TITLES = new Set(["Justice"]);

/** A title whose holder's name follows it: `President Bogdan Olteanu`, `Director General Peter`. */
function titleOfPerson(unit: LabeledUnit, i: number): boolean {
  const span = unit.spanOf[i];
  if (unit.labels[i] !== "title" || !span || span.from !== i) return false;
  return unit.labels[span.to] === "name";
}

/**
 * `Senator Renan Calheiros and Chamber`, `PM Gilani and Chief of Army`: a titled person's name or
 * a given name, then `and`, then the body: the body starts after `and`. Words of a body's own
 * name before `and` hold no title before them (`Justice and Charity Organization`).
 */
function personBeforeAnd(unit: LabeledUnit, from: number, end: number): number {
  const { tokens, labels } = unit;
  const titled = labels[from - 1] === "title" || nameLexicon().isGivenName(tokens[from]!.fold);
  if (!titled || labels[from] !== "name") return from;
  for (let k = from + 1; k < end; k++) {
    if (isOrgHead(tokens[k]!.text)) return from;
    if (tokens[k]!.text === "and") return k + 1;
  }
  return from;
}

function wordsIn(unit: LabeledUnit, from: number, end: number): number {
  let count = 0;
  for (let x = from; x <= end; x++) if (isNameShape(unit.tokens[x]!)) count++;
  return count;
}
