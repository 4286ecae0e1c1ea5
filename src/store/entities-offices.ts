import { referenceTable } from "../reference/reference-data.js";
import { fold, nameShape } from "./entity-names.js";

/**
 * Who held a US office on a date (data/reference/us-officeholders.csv: Presidents and
 * Secretaries of State, from the State Department's Office of the Historian). A cable signed at
 * STATE is signed in the Secretary's name, and `Secretary Clinton` in 2009 or `President Bush` in
 * 2006 is the holder of that office then: the archive alone cannot tell them from a namesake
 * (`William J. Clinton`, `George H. W. Bush`) whom other cables name in full.
 */

export type Office = "president" | "secretary-of-state";

export interface OfficeHolder {
  office: Office;
  /** As the table writes it (`Hillary Rodham Clinton`). */
  name: string;
  /** Folded given name, its folded other forms (`bill` for `william`), middle names, surname. */
  given: string;
  also: string[];
  middle: string[];
  surname: string;
  start: string;
  end: string;
}

/** The station of cables sent from the Department, signed in the Secretary's name. */
export const DEPARTMENT = "STATE";

let cached: OfficeHolder[] | null = null;

export function officeHolders(): OfficeHolder[] {
  if (cached) return cached;
  cached = referenceTable("us-officeholders.csv").map((r) => ({
    office: r.office as Office,
    name: r.name!,
    given: fold(r.given!),
    also: r.also_given ? r.also_given.split("|").map(fold) : [],
    middle: nameShape(r.name!).middle,
    surname: nameShape(r.surname!).surname!,
    start: r.start!,
    end: r.end!,
  }));
  return cached;
}

/** Folded titles that name the office itself when written before a surname. */
const OFFICE_TITLES: Record<string, Office> = {
  secretary: "secretary-of-state",
  "secretary of state": "secretary-of-state",
  secstate: "secretary-of-state",
  "the secretary": "secretary-of-state",
  president: "president",
  "us president": "president",
  "u.s. president": "president",
};

export function officeOfRole(role: string): Office | null {
  return OFFICE_TITLES[fold(role).trim()] ?? null;
}

/**
 * The holder of `office` on the cable's date; with only a year, the holder only when one held it
 * that whole year (a year of transition says nothing).
 */
export function holderAt(
  office: Office,
  date: string | null,
  year: number | null,
): OfficeHolder | null {
  const day = date ? date.slice(0, 10) : null;
  for (const h of officeHolders()) {
    if (h.office !== office) continue;
    if (day) {
      if (h.start <= day && day < h.end) return h;
    } else if (year !== null && h.start <= `${year}-01-01` && `${year}-12-31` < h.end) return h;
  }
  return null;
}

/** Holders whose surname is `surname` (folded), for the given-name choice of that surname. */
export function holdersNamed(surname: string): OfficeHolder[] {
  return officeHolders().filter((h) => h.surname === surname);
}
