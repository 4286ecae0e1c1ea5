/**
 * Reading entities out of the archive: lookups by name or id, and everything a person's (or an
 * organisation's, or a place's) page shows. Over a public-mode connection (entities-public.ts)
 * the mentions a cable protects do not exist: not in the cables listed, the forms, roles, posts,
 * months, counts, co-mentions, nor in lookups by name; an entity known only from such mentions
 * is not found at all.
 */
import { type Db, perConnection } from "./db.js";
import { ENTITY_TYPES, type EntityType } from "./entities-input.js";
import { isPublicMode } from "./entities-public.js";
import {
  type CableMention,
  type CableMentionRow,
  cableMentionsOf,
  lookupConditions,
  relatedByType,
  withCoMentions,
} from "./entity-page.js";
import {
  COMENTIONS_KEPT,
  countedComentions,
  type Related,
  storedComentions,
} from "./entity-summary-comentions.js";
import { liveParts } from "./entity-summary-live.js";
import {
  type CablesCursor,
  type EntityCable,
  type RoleSpan,
  summaryFresh,
  summaryParts,
} from "./entity-summary-read.js";

export interface EntitySummary {
  id: string;
  type: EntityType;
  name: string;
  /** Cables naming the entity (in public mode: outside the cables protecting it). */
  cables: number;
  firstCreated: string | null;
  lastCreated: string | null;
}

export { type CableMention, looksLikeEntityId } from "./entity-page.js";
export type { Related } from "./entity-summary-comentions.js";
export type { EntityCable, RoleSpan } from "./entity-summary-read.js";

export interface EntityDetail extends EntitySummary {
  forms: { form: string; cables: number }[];
  roles: RoleSpan[];
  posts: { station: string; cables: number }[];
  months: { month: string; count: number }[];
  /** Why mentions were placed here: each rule with its number of cables. */
  evidence: { link: string; cables: number }[];
  coPersons: Related[];
  coOrganizations: Related[];
  coPlaces: Related[];
  /** Cables naming the entity, newest first (at most `cableLimit`). */
  cableList: EntityCable[];
  /** The cursor of the next page of cables (`?after=`), or null on the last. */
  next: string | null;
  /** Present when the figures were counted from the mentions: the summaries were not current. */
  stale?: StaleNotice;
}

/** Why a page's figures came from the slow live path, and the command that makes them current. */
export interface StaleNotice {
  source: "live";
  notice: string;
  rebuild: string;
}

/** The command is the CLI's (`cablegram entities --rebuild`): the store cannot run it read-only. */
export const STALE_NOTICE: StaleNotice = {
  source: "live",
  notice:
    "The entity summaries are not current (an ingest or migration left them pending): these figures were counted from every mention, which is slow for large entities.",
  rebuild: "cablegram entities --rebuild --db ARCHIVE",
};

/** A row of the `entities` table, as both back ends read it. */
export interface EntityRow {
  id: string;
  type: EntityType;
  name: string;
  cables: number;
  public_cables: number;
  first_created: string | null;
  last_created: string | null;
}

const stmts = perConnection((db: Db) => ({
  entity: db.prepare<[string], EntityRow>("SELECT * FROM entities WHERE id = ?"),
  related: db.prepare<[string, number], { id: string; type: EntityType; name: string; n: number }>(
    `SELECT o.entity_id AS id, e.type, e.name, count(DISTINCT o.cable_id) AS n
       FROM mentions m
       JOIN mentions o ON o.cable_id = m.cable_id AND o.entity_id <> m.entity_id
       JOIN entities e ON e.id = o.entity_id
      WHERE m.entity_id = ? AND (? = 0 OR (m.protected = 0 AND o.protected = 0))
      GROUP BY o.entity_id ORDER BY n DESC, e.name LIMIT 300`,
  ),
  publicDates: db.prepare<[{ id: string }], EntityDates>(
    `SELECT min(c.created) AS first, max(c.created) AS last
       FROM mentions m JOIN cables c ON c.id = m.cable_id
      WHERE m.entity_id = @id AND c.created IS NOT NULL
        AND m.cable_id NOT IN (SELECT cable_id FROM mentions WHERE entity_id = @id AND protected = 1)`,
  ),
}));

/**
 * The summary of an entity row; public mode counts only the cables not protecting it. `dates`:
 * the first and last dates of those cables, which the row's (over every cable) are not when a
 * cable protects the entity: the date of a protecting cable would lead to it (`created:` that day).
 */
export function summary(
  r: EntityRow,
  pub: boolean,
  dates: (r: EntityRow) => EntityDates,
): EntitySummary {
  const { first, last } =
    pub && hidesCables(r) ? dates(r) : { first: r.first_created, last: r.last_created };
  return {
    id: r.id,
    type: r.type,
    name: r.name,
    cables: pub ? r.public_cables : r.cables,
    firstCreated: first,
    lastCreated: last,
  };
}

/** Whether public mode leaves some of the entity's cables out (those protecting it). */
export function hidesCables(r: EntityRow): boolean {
  return r.public_cables !== r.cables;
}

export interface EntityDates {
  first: string | null;
  last: string | null;
}

/** The dates of the cables naming the entity outside those protecting it (SQLite). */
function publicDates(db: Db): (r: EntityRow) => EntityDates {
  return (r) => stmts(db).publicDates.get({ id: r.id }) ?? { first: null, last: null };
}

export function isEntityType(s: string): s is EntityType {
  return (ENTITY_TYPES as readonly string[]).includes(s);
}

/**
 * Entities whose forms hold every word of `q` (the last one as a prefix), most cited first.
 * An empty `q` lists the most cited entities.
 */
export function findEntities(
  db: Db,
  q: string,
  opts: { type?: EntityType | null; limit?: number; offset?: number } = {},
): EntitySummary[] {
  const pub = isPublicMode(db);
  const limit = opts.limit ?? 20;
  const offset = opts.offset ?? 0;
  const count = pub ? "public_cables" : "cables";
  const params: unknown[] = [];
  const param = (v: unknown) => {
    params.push(v);
    return "?";
  };
  const where = lookupConditions(q, pub, opts.type, { param, isPublic: "public = 1" });
  const rows = db
    .prepare<unknown[], EntityRow>(
      `SELECT e.* FROM entities e WHERE ${where.join(" AND ")}
        ORDER BY e.${count} DESC, e.name LIMIT ? OFFSET ?`,
    )
    .all(...params, limit, offset);
  return rows.map((r) => summary(r, pub, publicDates(db)));
}

/** One entity, or null (also in public mode when only protecting cables name it). */
export function getEntity(db: Db, id: string): EntitySummary | null {
  const pub = isPublicMode(db);
  const row = stmts(db).entity.get(id);
  if (!row || (pub && row.public_cables === 0)) return null;
  return summary(row, pub, publicDates(db));
}

/**
 * Co-mentions of an entity over its cables (in public mode: those not protecting it), at most
 * `limit` per type: how a caller with a faster way to count them than the SQL join (the search
 * layer's facet columns, src/search/entity-facets.ts) provides them. `cables` is the entity's
 * cables when the page had to read them, else null (the provider finds them itself).
 */
export type CoMentions = (
  entity: string,
  cables: Int32Array | null,
  limit: number,
) => Record<EntityType, Related[]>;

export interface DetailOptions {
  /** Cables listed, newest first. */
  cableLimit?: number;
  /** Where the list starts: the `next` cursor of the page before. */
  after?: CablesCursor | null;
  coMentions?: CoMentions;
}

/** Co-mentioned entities shown per type. */
export const RELATED_SHOWN = COMENTIONS_KEPT;

/**
 * Everything an entity's page shows: from its summary (entity-summary-read.ts) when that is
 * fresh — a few hundred rows and one page of cables whatever the entity's size — else computed
 * from its mentions (entity-summary-live.ts), with the same result.
 */
export function entityDetail(
  db: Db,
  id: string,
  { cableLimit = 200, after = null, coMentions }: DetailOptions = {},
): EntityDetail | null {
  const entity = getEntity(db, id);
  if (!entity) return null;
  const pub = isPublicMode(db);
  const fresh = summaryFresh(db, id);
  const { cables, ...parts } = fresh
    ? summaryParts(db, id, pub, cableLimit, after)
    : liveParts(db, id, pub, cableLimit, after);
  // Stored for a large entity; else counted over the caller's facet arrays (a server's, in
  // memory), or over the entity's few packed lists, or by the SQL join for a stale entity.
  const co =
    (fresh ? storedComentions(db, id, pub) : null) ??
    (coMentions ? coMentions(id, cables, RELATED_SHOWN) : null) ??
    (fresh ? countedComentions(db, id, pub) : null) ??
    relatedBySql(db, id, pub);
  const detail = withCoMentions(entity, parts, co);
  return fresh ? detail : { ...detail, stale: STALE_NOTICE };
}

/** Co-mentions by joining the mentions of the entity's cables (no facet columns at hand). */
function relatedBySql(db: Db, id: string, pub: boolean): Record<EntityType, Related[]> {
  const related = stmts(db)
    .related.all(id, pub ? 1 : 0)
    .map((r) => ({ id: r.id, type: r.type, name: r.name, cables: r.n }));
  return relatedByType(related, RELATED_SHOWN);
}

const cableStmts = perConnection((db: Db) => ({
  mentions: db.prepare<[string], CableMentionRow>(
    `SELECT m.entity_id AS entityId, m.type, m.name, m.variants, m.roles, m.paragraphs, m.protected
       FROM mentions m WHERE m.cable_id = (SELECT id FROM cables WHERE reference_id = ?)
      ORDER BY m.seq`,
  ),
}));

/** The persons, organisations and places of one cable, with their entities (public: none protected). */
export function cableMentions(db: Db, referenceId: string): CableMention[] {
  const pub = isPublicMode(db);
  return cableMentionsOf(cableStmts(db).mentions.all(referenceId), pub);
}
