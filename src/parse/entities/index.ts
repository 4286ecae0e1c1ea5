import type { Cable } from "../../model/cable.js";
import type { Organization, Person, Place } from "../../model/entities.js";
import { entityTables, foldWord } from "../../reference/entity-tables.js";
import { type NameLexicon, nameLexicon } from "../../reference/name-lexicon.js";
import { stationInfo } from "../../reference/stations.js";
import type { BodyDoc } from "../doc.js";
import { labelUnit } from "./label.js";
import { findPersonMentions } from "./mentions.js";
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
  for (const unit of textUnits(cable, doc)) {
    const labeled = labelUnit(unit.text, unit.caps, lexicon?.isGivenName);
    const unitOrgs = markOrgPhrases(labeled, host);
    for (const o of unitOrgs) orgs.push({ ...o, paragraph: unit.paragraph });
    for (const [k, v] of acronymsDefined(labeled, unitOrgs)) acronyms.set(k, v);
    const mentions = findPersonMentions(labeled, lexicon);
    const covered = protectedMentions(labeled, mentions, (m) => m.us);
    mentions.forEach((mention, i) => {
      persons.push({ mention, paragraph: unit.paragraph, protected: covered.has(i) });
    });
    places.push(...placeMentions(labeled, unit.paragraph));
  }
  return {
    persons: groupPersons(persons, cable.classifiedBy, cable.signers),
    organizations: groupOrganizations(orgs, acronyms),
    places: groupPlaces(places),
  };
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
