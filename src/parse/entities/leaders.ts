import { distance } from "fastest-levenshtein";
import { referenceTable } from "../../reference/reference-data.js";
import { nameKey } from "./names.js";

/**
 * Who held a head-of-state or government office on a cable's date (data/reference/world-leaders.csv,
 * the table resolution also reads: src/store/entities-leaders.ts), for one question inside a cable:
 * may `President Mubarak` join the `Gamal Mubarak` the same cable names? Cables name a leader by
 * title and surname beside relatives who share it — the son (`Gamal Mubarak`), the wife (`Suzanne
 * Mubarak`, `Lucy Kibaki`), a brother (`Rodrigo Arias`, `Ahmed Wali Karzai`), a nephew (`Ammar
 * Saleh`), a cousin (`Mario Uribe`) — and joining by surname alone gave the relative the office.
 */

interface Holder {
  office: string;
  /** Folded given names the table knows the holder by (`hosni`, `husni`). */
  given: string[];
  start: string;
  end: string;
}

/**
 * Folded role words naming each office of the table; vice, deputy and the like are other offices.
 * Not `premier`: it is also the title of heads of territories the table lacks (`Premier Brown` of
 * Bermuda beside Gordon Brown).
 */
const OFFICES: Record<string, string> = {
  president: "president",
  pres: "president",
  "pres.": "president",
  presidente: "president",
  "prime minister": "prime-minister",
  pm: "prime-minister",
  chancellor: "chancellor",
  "supreme leader": "supreme-leader",
  "secretary general": "secretary-general",
  "secretary-general": "secretary-general",
  syg: "secretary-general",
};

let bySurname: Map<string, Holder[]> | null = null;

function holders(): Map<string, Holder[]> {
  if (bySurname) return bySurname;
  bySurname = new Map();
  for (const r of referenceTable("world-leaders.csv")) {
    const holder: Holder = {
      office: r.office!,
      given: [r.given!, ...(r.also_given ? r.also_given.split("|") : [])].map(nameKey),
      start: r.start!,
      end: r.end!,
    };
    const surnames = [r.surname!, ...(r.also_surname ? r.also_surname.split("|") : [])];
    for (const s of surnames) {
      const key = nameKey(s.split(" ").at(-1)!);
      bySurname.set(key, [...(bySurname.get(key) ?? []), holder]);
    }
  }
  return bySurname;
}

/** The table's office a role names (`President`, `Egyptian President`, `PM`), or null. */
function officeOf(role: string): string | null {
  const folded = role.toLowerCase().replace(/\s+/g, " ").trim();
  const direct = OFFICES[folded];
  if (direct) return direct;
  // A nationality before the title (`Egyptian President`); any other word makes another office.
  const space = folded.indexOf(" ");
  const rest = space > 0 ? folded.slice(space + 1) : "";
  const first = folded.slice(0, space);
  return space > 0 && /an$|ese$|ish$|i$|ch$/.test(first) ? (OFFICES[rest] ?? null) : null;
}

/**
 * The given names of whoever the table says held the office a surname-only mention's title names
 * on the cable's date (`President` + `mubarak` in 2009: `hosni`, `husni`), or null when the table
 * does not know (no title of its offices, no holder of that surname in office then): the caller
 * then joins by surname as before, the cable being the only evidence.
 */
export function titledHolders(
  roles: readonly string[],
  surname: string,
  created: string | null | undefined,
): ReadonlySet<string> | null {
  if (!created || roles.length === 0) return null;
  const list = holders().get(surname);
  if (!list) return null;
  const offices = new Set(roles.map(officeOf).filter((o) => o !== null));
  if (offices.size === 0) return null;
  const day = created.slice(0, 10);
  const given = new Set<string>();
  for (const h of list) {
    if (offices.has(h.office) && h.start <= day && day < h.end)
      for (const g of h.given) given.add(g);
  }
  return given.size > 0 ? given : null;
}

/**
 * Whether a given name written in the cable is the table's (`Pieter` for Peter, `Manmahon` for
 * Manmohan): the same first letter and at most two letters changed. Relatives' given names differ
 * more (`Gamal`/`Hosni`, `Ammar`/`Ali`, `Rodrigo`/`Oscar`, `Mario`/`Alvaro`).
 */
export function sameGivenName(written: string, known: string): boolean {
  if (written === known) return true;
  if (written[0] !== known[0] || Math.min(written.length, known.length) < 4) return false;
  return distance(written, known) <= 2;
}
