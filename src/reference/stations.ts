import { boundedEditDistance } from "./edit-distance.js";
import { type FuzzyIndex, fuzzyIndex, isCommonWord, nearestStation } from "./station-fuzzy.js";
import { type StationRow, stationKey, stationTables } from "./station-tables.js";

/**
 * Stations: the post names inside reference ids (`ALMATY`, `USUNNEWYORK`, `STATE`). Turns a name
 * as written (REF lines, FM lines, WikiLeaks origin labels, malformed ids) into the canonical
 * station, and a station into what a reader wants to see (`Embassy Almaty`, its country).
 */

/** Shortest written name the typo repair is tried on, by default. */
const FUZZY_MIN_LENGTH = 5;
const ABBREVIATION_MIN_LENGTH = 4;
const MEMO_LIMIT = 50_000;
const memos = new Map<number, Map<string, string | null>>();
let fuzzyTargets: FuzzyIndex | undefined;

/**
 * Canonical station for a post name as written (`SAO PAULO`, `SECSTATE`, `Rio`, `RIO DE JAN`,
 * `USUN NEW YORK`, `PORT-OF-SPAIN`, `N'DJAMENA`, `EMBASSY VIENNA`, `SAO PAUO`), or null.
 * Spaces and punctuation are ignored, aliases and the `AMEMBASSY`/`EMBASSY`/`USMISSION` prefixes
 * are resolved, and a close, unambiguous typo of a known station is repaired.
 */
export function canonicalStation(name: string): string | null {
  return resolveStation(stationKey(name), FUZZY_MIN_LENGTH);
}

/**
 * canonicalStation on a key that is already letters only, with the typo repair allowed from
 * `fuzzyMinLength` letters (ids are stricter context than free text, so they allow shorter).
 */
export function resolveStation(key: string, fuzzyMinLength: number): string | null {
  if (!key) return null;
  let memo = memos.get(fuzzyMinLength);
  if (!memo) {
    memo = new Map();
    memos.set(fuzzyMinLength, memo);
  }
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const found = resolveUncached(key, fuzzyMinLength);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, found);
  return found;
}

/** canonicalStation without the typo repair: a known station, alias or prefixed name only. */
export function knownStation(name: string): string | null {
  const key = stationKey(name);
  if (!key) return null;
  return exactStation(key) ?? exactStation(stripAffixes(key));
}

/** Station known exactly (as a station or an alias), no repair. */
export function exactStation(key: string): string | null {
  const { aliases, stations } = stationTables();
  const alias = aliases.get(key);
  if (alias) return alias;
  if (stations.has(key)) return key;
  if (key.includes("0")) return exactStation(key.replace(/0/g, "O"));
  return null;
}

function resolveUncached(key: string, fuzzyMinLength: number): string | null {
  const exact = exactStation(key);
  if (exact) return exact;
  const bare = stripAffixes(key);
  if (bare !== key) {
    const stripped = exactStation(bare);
    if (stripped) return stripped;
  }
  const letters = bare.replace(/0/g, "O");
  return abbreviated(letters) ?? nearestStation(letters, targets(), fuzzyMinLength);
}

/**
 * A name cut short (`CASA 1220`, `TEGUC`, `KUALALUMP`): the one station it begins, when it is
 * long enough to be a name and begins exactly one.
 */
function abbreviated(key: string): string | null {
  if (key.length < ABBREVIATION_MIN_LENGTH || isCommonWord(key)) return null;
  let found: string | null = null;
  for (const station of stationTables().stations.keys()) {
    if (station.length <= key.length || !station.startsWith(key)) continue;
    const canonical = exactStation(station) ?? station;
    if (found && found !== canonical) return null;
    found = canonical;
  }
  return found;
}

/** Drops an addressee prefix (`AMEMBASSY`) and a Washington suffix (`WASHDC`) when present. */
function stripAffixes(key: string): string {
  let k = key;
  for (const p of stationTables().prefixes) {
    if (k.length > p.length + 1 && k.startsWith(p)) {
      k = k.slice(p.length);
      break;
    }
  }
  const m = /^(.{3,}?)(?:WASHINGTONDC|WASHDC|WASH)$/.exec(k);
  return m ? m[1]! : k;
}

function targets(): FuzzyIndex {
  if (!fuzzyTargets) {
    const { stations, aliases } = stationTables();
    const list = [...stations.keys()].map((s) => ({ key: s, station: s }));
    // Short aliases (`BA`, `KL`, `TATE`) are abbreviations, not spellings to be near to.
    for (const [alias, station] of aliases) {
      if (alias.length >= 6 && !alias.includes("0")) list.push({ key: alias, station });
    }
    fuzzyTargets = fuzzyIndex(list);
  }
  return fuzzyTargets;
}

/** Station for a WikiLeaks origin label (`Embassy Almaty` → `ALMATY`), or null. */
export function stationFromOrigin(label: string): string | null {
  const trimmed = label.trim();
  if (!trimmed) return null;
  const known = stationTables().originLabels.get(trimmed.toLowerCase());
  if (known) return known;
  const place = trimmed.replace(ORIGIN_PREFIX, "");
  return place ? canonicalStation(place) : null;
}

const ORIGIN_PREFIX =
  /^(?:\*+\s*|(?:American|US|U\.S\.)\s+(?:Embassy|Consulate|Consulate General|Office|Mission|Interests Section)\s+|Embassy\s+|Embasy\s+|Consulate(?:\s+General)?\s+|Mission\s+|USMISSION\s+|REO\s+|Regional Embassy Office\s+|US Delegation,?\s+)/i;

export type StationKind =
  | "embassy"
  | "consulate"
  | "mission"
  | "office"
  | "delegation"
  | "washington"
  | "other";

export interface StationInfo {
  station: string;
  kind: StationKind;
  country: string | null;
  /** A readable origin (`Embassy Almaty`, `USUN New York`, `Department of State`). */
  origin: string;
  /** The station table's own description. */
  description: string;
}

/** Kind, country and readable origin of a station (any spelling canonicalStation accepts). */
export function stationInfo(station: string): StationInfo | null {
  const row = rowFor(station);
  if (!row) return null;
  return {
    station: row.station,
    kind: kindOf(row),
    country: row.country?.replace(/^\((.*)\)$/, "$1") ?? null,
    origin: readableOrigin(row),
    description: row.description,
  };
}

/**
 * A readable origin for a station when the source gives no origin label: the WikiLeaks label
 * the tables record for it, else one built from its kind (`Consulate Calcutta`). An FM line
 * (`AMEMBASSY ALMATY`, `AMCONSUL JEDDAH`) says which kind of post sent the cable, so when given it
 * decides between Embassy and Consulate. Null for an unknown station.
 */
export function originForStation(
  station: string,
  hint: { from?: string | null } = {},
): string | null {
  const row = rowFor(station);
  if (!row) return null;
  const fm = /^\s*(AMEMBASSY|AMCONSUL(?:ATE)?)\s+\S/i.exec(hint.from ?? "");
  if (fm) {
    const post = fm[1]!.toUpperCase() === "AMEMBASSY" ? "Embassy" : "Consulate";
    return `${post} ${placeName(row)}`;
  }
  return readableOrigin(row);
}

function rowFor(station: string): StationRow | null {
  const canonical = canonicalStation(station);
  return canonical ? (stationTables().stations.get(canonical) ?? null) : null;
}

function readableOrigin(row: StationRow): string {
  const label = row.labels[0];
  if (label) return label;
  const kind = kindOf(row);
  if (kind === "embassy") return `Embassy ${placeName(row)}`;
  if (kind === "consulate") return `Consulate ${placeName(row)}`;
  return row.description.replace(/\s*\((?:refs|variant)[^)]*\)/g, "").trim() || placeName(row);
}

/** The place as a label writes it (`Rio De Janeiro`), else the station title-cased. */
function placeName(row: StationRow): string {
  for (const label of row.labels) {
    const place = label.replace(ORIGIN_PREFIX, "");
    if (place !== label && stationKey(place) === row.station) return place;
  }
  return row.station.charAt(0) + row.station.slice(1).toLowerCase();
}

function kindOf(row: StationRow): StationKind {
  const d = row.description;
  const label = row.labels[0] ?? "";
  if (/^Washington|^White House|^US (?:Dept|Customs)|^USDA|^CDC|^DIR FSINFATC/i.test(d)) {
    return "washington";
  }
  if (/delegation/i.test(d)) return "delegation";
  if (/Mission|USTR/i.test(d)) return "mission";
  if (/Office|Institute/i.test(d)) return "office";
  if (!/^post\b/.test(d) && !/typo of/.test(d)) return "other";
  if (/^(?:Embassy|Embasy)\b/.test(label)) return "embassy";
  if (/Consulate\b/.test(label)) return "consulate";
  if (/^US (?:Office|Interests Section)/.test(label)) return "office";
  return label ? "other" : postKindByCountry(row);
}

/**
 * A post the WikiLeaks labels never name (`CALCUTTA`, `KIEV`) is a consulate when its country has
 * an embassy under another name, unless that name is only another spelling of this one (KYIV).
 */
function postKindByCountry(row: StationRow): StationKind {
  for (const other of stationTables().stations.values()) {
    if (other === row || other.country !== row.country) continue;
    if (!/^(?:Embassy|Embasy)\b/.test(other.labels[0] ?? "")) continue;
    return boundedEditDistance(other.station, row.station, 2) <= 2 ? "embassy" : "consulate";
  }
  return "embassy";
}
