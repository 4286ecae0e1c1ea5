/**
 * What both back ends' entity reads do once they have rows (src/store/entities-read.ts on SQLite,
 * src/store/postgres/entities-read.ts): the lookup condition, a cable's mentions, co-mentions by
 * type, a page's assembly. Pure, so a page is the same whichever back end fetched its rows.
 */
import type { EntityType } from "./entities-input.js";
import { fold, nameWords } from "./entity-names.js";
import type { Related } from "./entity-summary-comentions.js";

/** Whether a string has the shape of an entity id (`person-mark-asquino`). */
export function looksLikeEntityId(s: string): boolean {
  return /^(?:person|org|place)-[a-z0-9-]{1,80}$/.test(s);
}

/** How a back end writes a lookup's condition: a placeholder for a value, and its public flag. */
export interface LookupDialect {
  /** Adds a parameter, returning its placeholder. */
  param: (v: unknown) => string;
  /** The test that a word row is outside protecting cables. */
  isPublic: string;
}

/**
 * The conditions on `entities e` of a lookup: an entity id, or every word of `q` in the entity's
 * forms (the last as a prefix); an empty `q` matches every entity cited at all.
 */
export function lookupConditions(
  q: string,
  pub: boolean,
  type: EntityType | null | undefined,
  { param, isPublic }: LookupDialect,
): string[] {
  const where = [`e.${pub ? "public_cables" : "cables"} > 0`];
  if (type) where.push(`e.type = ${param(type)}`);
  if (looksLikeEntityId(q.trim())) {
    where.push(`e.id = ${param(q.trim())}`);
    return where;
  }
  const words = nameWords(q).map((w) => fold(w.replace(/\.$/, "")));
  words.forEach((w, i) => {
    const match =
      i === words.length - 1
        ? `word >= ${param(w)} AND word < ${param(`${w}\uffff`)}`
        : `word = ${param(w)}`;
    where.push(
      `e.id IN (SELECT entity_id FROM entity_words WHERE ${match}${pub ? ` AND ${isPublic}` : ""})`,
    );
  });
  return where;
}

export interface CableMention {
  entityId: string | null;
  type: EntityType;
  name: string;
  variants: string[];
  roles: string[];
  paragraphs: number[];
  protected: boolean;
}

/** A mention row as both back ends read it for a cable (lists as JSON; SQLite's flag an int). */
export interface CableMentionRow {
  entityId: string | null;
  type: EntityType;
  name: string;
  variants: string;
  roles: string;
  paragraphs: string;
  protected: number | boolean;
}

/** A cable's mentions from its rows, in their order (public: none the cable protects). */
export function cableMentionsOf(rows: readonly CableMentionRow[], pub: boolean): CableMention[] {
  return rows
    .filter((m) => !pub || !m.protected)
    .map((m) => ({
      entityId: m.entityId,
      type: m.type,
      name: m.name,
      variants: JSON.parse(m.variants) as string[],
      roles: JSON.parse(m.roles) as string[],
      paragraphs: JSON.parse(m.paragraphs) as number[],
      protected: m.protected === true || m.protected === 1,
    }));
}

/** Ranked co-mentions split by type, the first `limit` of each. */
export function relatedByType(
  ranked: readonly Related[],
  limit: number,
): Record<EntityType, Related[]> {
  const of = (type: EntityType) => ranked.filter((r) => r.type === type).slice(0, limit);
  return { person: of("person"), org: of("org"), place: of("place") };
}

/** An entity's page: its summary, the parts its mentions give, its co-mentions by type. */
export function withCoMentions<E extends object, P extends object>(
  entity: E,
  parts: P,
  co: Record<EntityType, Related[]>,
): E & P & { coPersons: Related[]; coOrganizations: Related[]; coPlaces: Related[] } {
  return {
    ...entity,
    ...parts,
    coPersons: co.person,
    coOrganizations: co.org,
    coPlaces: co.place,
  };
}
