import type { Cable } from "../../model/cable.js";
import type { Organization, Person, Place } from "../../model/entities.js";
import { entityTables, foldWord } from "../../reference/entity-tables.js";
import { type NameLexicon, nameLexicon } from "../../reference/name-lexicon.js";
import { stationInfo } from "../../reference/stations.js";
import type { BodyDoc } from "../doc.js";
import { definedAcronyms } from "./bodies-named.js";
import { labelUnit } from "./label.js";
import { findPersonMentions } from "./mentions.js";
import { nameKey } from "./names.js";
import {
  acronymsDefined,
  groupOrganizations,
  markOrgPhrases,
  type OrgMention,
} from "./organizations.js";
import { groupPersons, type PlacedMention } from "./persons.js";
import { groupPlaces, type PlaceMention, placeMentions } from "./places.js";
import { protectedMentions } from "./protected.js";
import { textUnits } from "./units.js";

/**
 * Persons, organisations and places of one cable (Cable JSON `persons`, `organizations`,
 * `places`), read from its structure first — Classified-By, signature, titles, TAGS-free text
 * units — then from its prose by rules. Pure: the cable and its normalised body in, lists out.
 */
export interface Entities {
  persons: Person[];
  organizations: Organization[];
  places: Place[];
}

export interface EntityOptions {
  /**
   * Given names and common words (compromise's lexicon): the default. `null` runs the rules
   * alone, for measuring what the lexicon adds (scripts/eval-entities.ts).
   */
  lexicon?: NameLexicon | null;
}

/**
 * `CABLEGRAM_ENTITIES=off` in the environment turns extraction off (every list empty, so
 * resolution has nothing to do): what `npm run bench -- --entities-baseline` ingests against, to
 * measure what the entity layer adds in the same run. Read once; worker threads inherit it.
 */
const ENABLED = process.env.CABLEGRAM_ENTITIES !== "off";

export function extractEntities(cable: Cable, doc: BodyDoc, options: EntityOptions = {}): Entities {
  if (!ENABLED) return { persons: [], organizations: [], places: [] };
  const lexicon = options.lexicon === undefined ? nameLexicon() : options.lexicon;
  const host = hostCountry(cable.station);
  const persons: PlacedMention[] = [];
  const orgs: OrgMention[] = [];
  const places: PlaceMention[] = [];
  const acronyms = new Map<string, string>();
  /** Every acronym the cable defines in parentheses, bodies or not (`ACTA`, `JuD`). */
  const defined = new Set<string>();
  for (const unit of textUnits(cable, doc)) {
    const labeled = labelUnit(unit.text, unit.caps, lexicon?.isGivenName);
    const unitOrgs = markOrgPhrases(labeled, host, lexicon?.isCommonWord);
    for (const o of unitOrgs) orgs.push({ ...o, paragraph: unit.paragraph });
    for (const [k, v] of acronymsDefined(labeled, unitOrgs)) acronyms.set(k, v);
    for (const d of definedAcronyms(labeled)) {
      defined.add(d.acronym);
      if (!d.body || acronyms.has(d.acronym)) continue;
      const name = d.phrase ?? d.acronym;
      acronyms.set(d.acronym, name);
      orgs.push({ name, written: d.phrase ?? d.acronym, paragraph: unit.paragraph });
    }
    const mentions = findPersonMentions(labeled, lexicon);
    const covered = protectedMentions(labeled, mentions, (m) => m.us);
    mentions.forEach((mention, i) => {
      persons.push({ mention, paragraph: unit.paragraph, protected: covered.has(i) });
    });
    places.push(...placeMentions(labeled, unit.paragraph));
  }
  return {
    persons: groupPersons(
      persons,
      cable.classifiedBy,
      cable.signers,
      () => bodyWords(orgs, acronyms, defined),
      (key) => (lexicon?.isProseWord(key) ?? false) || proseTerm(key),
      cable.created,
    ),
    organizations: groupOrganizations(orgs, acronyms),
    places: groupPlaces(places),
  };
}

/**
 * Words of the bodies the cable names, and the acronyms it defines (`Tudeh` of `Tudeh Party`,
 * `Brinkley` of `Brinkley Mining`, `JuD`): alone, such a word is that body, not a person.
 */
function bodyWords(
  orgs: readonly OrgMention[],
  acronyms: ReadonlyMap<string, string>,
  defined: ReadonlySet<string>,
): Set<string> {
  const out = new Set<string>();
  for (const a of defined) out.add(nameKey(a));
  for (const o of orgs)
    for (const w of o.written.split(" ")) out.add(nameKey(withoutPossessive(w)));
  for (const a of acronyms.keys()) out.add(nameKey(a));
  return out;
}

/** `w.replace(/['’]s$/, "")`, tested by its last characters instead of a regex run on every word. */
function withoutPossessive(w: string): string {
  const n = w.length;
  if (n < 2 || w.charCodeAt(n - 1) !== 115) return w;
  const q = w.charCodeAt(n - 2);
  return q === 39 || q === 0x2019 ? w.slice(0, -2) : w;
}

let acronymKeys: ReadonlySet<string> | null = null;
let titleKeys: ReadonlySet<string> | null = null;

/**
 * An acronym of cable prose (acronyms.csv) in any case or in the plural, or the plural of a
 * one-word title (person-titles.csv): `GoE`, `NGOs`, `Poloffs`, `Econoffs` are no surnames. (A
 * title in the singular may be one: `Major`, `King`.)
 */
function proseTerm(key: string): boolean {
  if (!acronymKeys || !titleKeys) {
    const tables = entityTables();
    acronymKeys = new Set([...tables.acronyms].map((a) => nameKey(a)));
    titleKeys = new Set([...tables.titles.keys()].filter((t) => !t.includes(" ")).map(nameKey));
  }
  if (acronymKeys.has(key)) return true;
  const one = key.endsWith("s") ? key.slice(0, -1) : null;
  return one !== null && (acronymKeys.has(one) || titleKeys.has(one));
}

/** The country of the sending post, in the places table's spelling. */
function hostCountry(station: string | null): string | null {
  if (!station) return null;
  const info = stationInfo(station);
  if (!info) return null;
  if (info.kind === "washington") return "United States";
  if (!info.country) return null;
  const entry = entityTables().places.get(foldWord(info.country));
  return entry?.kind === "country" ? entry.name : info.country;
}
