import { referenceTable } from "../reference/reference-data.js";
import type { MentionFacts } from "./entities-facts.js";
import { fold, nameShape } from "./entity-names.js";

/**
 * Heads of state and government, and a few heads of international bodies, with their terms
 * (data/reference/world-leaders.csv). The cables name them by surname at posts all over the world
 * (`President Mubarak` at Doha, `Sarkozy` at Madrid), years from any cable that writes the full
 * name, and sometimes beside a namesake the post names more often (`Gamal Mubarak` at Cairo): the
 * archive alone cannot link those surnames, their title and date can.
 */

export interface Leader {
  office: string;
  country: string;
  /** As the table writes it. */
  name: string;
  /** Folded given name and its other forms (`lula` of Luiz Inacio Lula da Silva). */
  given: string;
  also: string[];
  middle: string[];
  /** Folded surname as nameShape reads the name, and other surnames that name the leader alone. */
  surname: string;
  surnames: string[];
  start: string;
  end: string;
}

/** Folded titles written before a surname that name each office. */
const OFFICE_TITLES: Record<string, readonly string[]> = {
  president: ["president", "pres", "pres.", "presidente"],
  "prime-minister": ["prime minister", "pm", "p.m.", "premier", "prime-minister"],
  chancellor: ["chancellor"],
  "supreme-leader": ["supreme leader", "leader", "ayatollah"],
  leader: ["leader", "colonel", "col", "col.", "brother leader"],
  "secretary-general": ["secretary general", "secretary-general", "secgen", "sg", "syg"],
};

const OFFICE_NAMES: Record<string, string> = {
  president: "President",
  "prime-minister": "Prime Minister",
  chancellor: "Chancellor",
  "supreme-leader": "Supreme Leader",
  leader: "Leader",
  "secretary-general": "Secretary-General",
};

let cached: { bySurname: Map<string, Leader[]>; countryOf: Map<string, string> } | null = null;

function tables() {
  if (cached) return cached;
  const bySurname = new Map<string, Leader[]>();
  for (const r of referenceTable("world-leaders.csv")) {
    const shape = nameShape(r.name!);
    const surname = nameShape(r.surname!).surname!;
    const also = r.also_surname ? r.also_surname.split("|").map((s) => nameShape(s).surname!) : [];
    const leader: Leader = {
      office: r.office!,
      country: r.country!,
      name: r.name!,
      given: fold(r.given!),
      also: r.also_given ? r.also_given.split("|").map(fold) : [],
      middle: shape.surname === surname ? shape.middle : [],
      surname,
      surnames: [surname, ...also],
      start: r.start!,
      end: r.end!,
    };
    for (const s of leader.surnames) {
      const list = bySurname.get(s) ?? [];
      list.push(leader);
      bySurname.set(s, list);
    }
  }
  const countryOf = new Map<string, string>();
  for (const r of referenceTable("stations.csv")) countryOf.set(r.station!, r.country!);
  cached = { bySurname, countryOf };
  return cached;
}

/** Leaders the surname (folded, as nameShape reads it) names: their own or another they go by. */
export function leadersNamed(surname: string): readonly Leader[] {
  return tables().bySurname.get(surname) ?? [];
}

function inTerm(l: Leader, date: string | null | undefined, year: number | null): boolean {
  const day = date ? date.slice(0, 10) : null;
  if (day) return l.start <= day && day < l.end;
  // With only a year, the leader held the office that whole year.
  return year !== null && l.start <= `${year}-01-01` && `${year}-12-31` < l.end;
}

/** The leader's term overlaps the years around the mention's (a surname without a title). */
function nearTerm(l: Leader, year: number | null, period: number): boolean {
  if (year === null) return false;
  return l.start <= `${year + period}-12-31` && `${year - period}-01-01` < l.end;
}

/** One leader of several: the one of the post's own country, when exactly one is. */
function oneOf(list: readonly Leader[], station: string | null): Leader | null {
  const people = new Map(list.map((l) => [l.name, l]));
  if (people.size === 1) return list[0]!;
  if (!station) return null;
  const country = tables().countryOf.get(station);
  const home = [...people.values()].filter((l) => l.country === country);
  return home.length === 1 ? home[0]! : null;
}

/**
 * The leader a surname written with a leader's title names: the one of that surname holding an
 * office of that title on the cable's date (`President Kirchner` is Nestor in 2006, Cristina in
 * 2009), the post's own country deciding between two. A signature is US staff, never a leader.
 */
export function leaderByTitle(m: MentionFacts, surname: string): Leader | null {
  if (m.signed || m.roles.length === 0) return null;
  const roles = new Set(m.roles.map((r) => fold(r).trim()));
  const list = leadersNamed(surname).filter(
    (l) => OFFICE_TITLES[l.office]!.some((t) => roles.has(t)) && inTerm(l, m.date, m.year),
  );
  return list.length > 0 ? oneOf(list, m.station) : null;
}

/**
 * The leader a surname without a title names: the only leader of that surname in office within
 * `period` years of the cable (`Castro` in 2009 is Fidel or Raul: neither).
 */
export function leaderNear(m: MentionFacts, surname: string, period: number): Leader | null {
  if (m.signed) return null;
  const list = leadersNamed(surname).filter((l) => nearTerm(l, m.year, period));
  return new Set(list.map((l) => l.name)).size === 1 ? list[0]! : null;
}

/** Whether the cable was sent from a post in the leader's country. */
export function atHome(l: Leader, station: string | null): boolean {
  return station !== null && tables().countryOf.get(station) === l.country;
}

/** The evidence shown on the person's page. */
export function leaderLink(l: Leader, how: string): string {
  const country = l.country ? ` of ${l.country}` : "";
  return `${OFFICE_NAMES[l.office]}${country} ${l.start.slice(0, 4)}–${l.end.startsWith("9999") ? "" : l.end.slice(0, 4)}, ${how} (reference table)`;
}
