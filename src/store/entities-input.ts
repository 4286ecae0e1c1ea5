import type { Cable, Organization, Person, Place } from "../model/cable.js";

/**
 * The per-cable entity fields of the Cable JSON contract (`persons`, `organizations`, `places`;
 * shapes in src/model/entities.ts) as the archive reads them. A cable stored before the parser
 * emitted them has none: they read as empty.
 */

export interface CableEntities {
  persons: Person[];
  organizations: Organization[];
  places: Place[];
}

/** Entity kinds of the archive: `org` and `place` are the contract's organizations and places. */
export type EntityType = "person" | "org" | "place";
export const ENTITY_TYPES: readonly EntityType[] = ["person", "org", "place"];

/** The entity fields of a cable, empty where the cable has none. */
export function cableEntities(cable: Cable): CableEntities {
  const c = cable as Partial<CableEntities>;
  return {
    persons: Array.isArray(c.persons) ? c.persons : [],
    organizations: Array.isArray(c.organizations) ? c.organizations : [],
    places: Array.isArray(c.places) ? c.places : [],
  };
}
