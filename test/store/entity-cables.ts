/**
 * Cables built for the entity-resolution tests (src/store/entities-*.test.ts): one paragraph, an id
 * of the `05ALMATY2121` shape that gives the station, year and serial, and the persons,
 * organisations and places each test names.
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
