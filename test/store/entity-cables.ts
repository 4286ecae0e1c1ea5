/**
 * Cables built for the entity-resolution and summary tests (src/store/entit*.test.ts and
 * test/entities): one paragraph, an id of the `05ALMATY2121` shape that gives the station, year and
 * serial, and the persons, organisations and places each test names or draws at random.
 */
import { type Cable, emptyCable, type Person } from "../../src/model/cable.js";
import type { CableEntities } from "../../src/store/entities-input.js";

/** A person named in paragraph 1, neither a US official nor protected unless `extra` says so. */
export const person = (name: string, extra: Partial<Person> = {}): Person => ({
  name,
  variants: [],
  roles: [],
  paragraphs: [1],
  usOfficial: false,
  protected: false,
  ...extra,
});

/** A cable `id` created at `created` naming `entities`; its body (by default its id) is paragraph 1. */
export function entityCable(
  id: string,
  created: string,
  entities: Partial<CableEntities>,
  body = id,
): Cable {
  const m = /^(\d\d)([A-Z]+)(\d+)$/.exec(id);
  if (!m) throw new Error(`not a cable id of the 05ALMATY2121 shape: ${id}`);
  return Object.assign(emptyCable(), {
    referenceId: id,
    station: m[2]!,
    year: 2000 + Number(m[1]),
    serial: Number(m[3]),
    created,
    subject: `Subject of ${id}`,
    body,
    paragraphs: [{ number: 1, marking: null, heading: null, text: body }],
    persons: [],
    organizations: [],
    places: [],
    ...entities,
  });
}

/** One of `xs`, drawn by `rand`. */
export const pick = <T>(rand: () => number, xs: readonly T[]): T =>
  xs[Math.floor(rand() * xs.length)]!;

/**
 * A random cable id of the `05ALMATY2121` shape for the property tests: a station of `stations`,
 * a year from 2005 on, one of `years`, and `serial` above 1000 (so ids differ by serial).
 */
export function randomCableId(
  rand: () => number,
  stations: readonly string[],
  years: number,
  serial: number,
): { id: string; year: number } {
  const station = pick(rand, stations);
  const year = 5 + Math.floor(rand() * years);
  return { id: `0${year}${station}${1000 + serial}`, year };
}

/** What `randomPersons` draws from. */
export interface PersonDraws {
  first: readonly string[];
  last: readonly string[];
  roles: readonly string[];
  /** The share written by surname alone (`Scobey`): the names resolution must place. */
  surnameOnly: number;
  /** The share protected; when absent none is, and nothing is drawn for it. */
  protectedShare?: number;
}

/** One to four persons of a cable, four in ten with a role; a name drawn twice is kept once. */
export function randomPersons(rand: () => number, draws: PersonDraws): Person[] {
  const persons = new Map<string, Person>();
  for (let i = 0, n = 1 + Math.floor(rand() * 4); i < n; i++) {
    const last = pick(rand, draws.last);
    const name =
      draws.surnameOnly > 0 && rand() < draws.surnameOnly
        ? last
        : `${pick(rand, draws.first)} ${last}`;
    const roles = rand() < 0.4 ? [pick(rand, draws.roles)] : [];
    const extra =
      draws.protectedShare === undefined
        ? { roles }
        : { roles, protected: rand() < draws.protectedShare };
    persons.set(name, person(name, extra));
  }
  return [...persons.values()];
}
