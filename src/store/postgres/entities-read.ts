/**
 * The entity reads of src/store/entities-read.ts on PostgreSQL: lookups by name or id, an entity's
 * page, a cable's mentions, from the tables of migration 003 with the same SQL meaning; the page
 * is assembled by the same code (partsFromMentions). `pub` is public mode (src/store/postgres/
 * entities-public.ts): the mentions a cable protects do not exist.
 *
 * Text compares and sorts byte-wise (COLLATE "C"), as SQLite's BINARY collation does.
 */
import type { EntityType } from "../entities-input.js";
import {
  type EntityDates,
  type EntityDetail,
  type EntityRow,
  type EntitySummary,
  hidesCables,
  RELATED_SHOWN,
  type Related,
  summary,
} from "../entities-read.js";
import * as page from "../entity-page.js";
import { type MentionRow, partsFromMentions } from "../entity-summary-live.js";
import type { CablesCursor } from "../entity-summary-read.js";
import type { Sql } from "./connect.js";

/** findEntities: every word of `q` in the entity's forms (the last as a prefix), most cited first. */
export async function findEntitiesPg(
  sql: Sql,
  q: string,
  pub: boolean,
  opts: { type?: EntityType | null; limit?: number; offset?: number } = {},
): Promise<EntitySummary[]> {
  const count = pub ? "public_cables" : "cables";
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  const where = page.lookupConditions(q, pub, opts.type, { param: p, isPublic: "public" });
  const rows = (await sql.unsafe(
    `SELECT e.* FROM entities e WHERE ${where.join(" AND ")}
      ORDER BY e.${count} DESC, e.name COLLATE "C" LIMIT ${p(opts.limit ?? 20)} OFFSET ${p(opts.offset ?? 0)}`,
    params as never[],
  )) as unknown as EntityRow[];
  const dates = pub ? await publicDatesPg(sql, rows) : new Map<string, EntityDates>();
  return rows.map((r) => summary(r, pub, (x) => dates.get(x.id) ?? NO_DATES));
}

const NO_DATES: EntityDates = { first: null, last: null };

/** The first and last dates of each entity's cables outside those protecting it (entities-read.ts). */
async function publicDatesPg(
  sql: Sql,
  rows: readonly EntityRow[],
): Promise<Map<string, EntityDates>> {
  const ids = rows.filter(hidesCables).map((r) => r.id);
  if (ids.length === 0) return new Map();
  const found = await sql.unsafe<({ id: string } & EntityDates)[]>(
    `SELECT m.entity_id AS id, min(c.created COLLATE "C") AS first, max(c.created COLLATE "C") AS last
       FROM mentions m JOIN cables c ON c.id = m.cable_id
      WHERE m.entity_id COLLATE "C" = ANY($1::text[]) AND c.created IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM mentions p WHERE p.cable_id = m.cable_id
                           AND p.entity_id = m.entity_id AND p.protected)
      GROUP BY m.entity_id`,
    [ids],
  );
  return new Map(found.map((r) => [r.id, { first: r.first, last: r.last }]));
}

export async function getEntityPg(
  sql: Sql,
  id: string,
  pub: boolean,
): Promise<EntitySummary | null> {
  const [row] = await sql<EntityRow[]>`SELECT * FROM entities WHERE id = ${id}`;
  if (!row || (pub && row.public_cables === 0)) return null;
  const dates = pub ? await publicDatesPg(sql, [row]) : new Map<string, EntityDates>();
  return summary(row, pub, (x) => dates.get(x.id) ?? NO_DATES);
}

/**
 * The entities named most often beside `id` in its cables (public: only mentions no cable
 * protects, on both sides), the first RELATED_SHOWN of each type: the counts the SQLite server
 * takes from its facet columns, ties by name.
 */
async function coMentionsPg(
  sql: Sql,
  id: string,
  pub: boolean,
): Promise<Record<EntityType, Related[]>> {
  const visible = pub ? "AND NOT m.protected AND NOT o.protected" : "";
  const rows = await sql.unsafe<{ id: string; type: EntityType; name: string; cables: number }[]>(
    `SELECT id, type, name, cables FROM (
       SELECT x.id, x.type, coalesce(e.name, x.id) AS name, x.cables,
              row_number() OVER (PARTITION BY x.type
                ORDER BY x.cables DESC, coalesce(e.name, x.id) COLLATE "C", x.id COLLATE "C") AS r
         FROM (SELECT o.entity_id AS id, o.type, count(DISTINCT o.cable_id)::int AS cables
                 FROM mentions m
                 JOIN mentions o ON o.cable_id = m.cable_id AND o.entity_id IS NOT NULL
                                AND o.entity_id <> m.entity_id
                WHERE m.entity_id COLLATE "C" = $1 ${visible}
                GROUP BY o.entity_id, o.type) x
         LEFT JOIN entities e ON e.id = x.id) ranked
      WHERE r <= $2 ORDER BY type, r`,
    [id, RELATED_SHOWN],
  );
  return page.relatedByType(
    rows.map((r) => ({ ...r, cables: Number(r.cables) })),
    RELATED_SHOWN,
  );
}

/**
 * Co-mentions counted by the caller, over entity arrays a server keeps in memory
 * (src/search/postgres/entity-columns.ts); null when it has none fresh, and SQL counts.
 */
export type CountedCoMentions = (
  id: string,
  limit: number,
) => Promise<Record<EntityType, Related[]> | null>;

/**
 * One entity with everything its page shows, its cables from `after` on, or null (public: also
 * when only protecting cables name it). Reads all its mentions, as SQLite does for an entity
 * whose summary is stale: the summaries of migration 012 are not on PostgreSQL yet.
 */
export async function entityDetailPg(
  sql: Sql,
  id: string,
  pub: boolean,
  after: CablesCursor | null = null,
  cableLimit = 200,
  counted?: CountedCoMentions,
): Promise<EntityDetail | null> {
  const entity = await getEntityPg(sql, id, pub);
  if (!entity) return null;
  const rows = await sql<(Omit<MentionRow, "protected"> & { protected: boolean })[]>`
    SELECT coalesce(c.created, '') AS sort_created, m.cable_id, m.seq, c.reference_id,
           c.created, c.station, c.subject, c.month, m.name, m.variants, m.roles, m.paragraphs,
           m.protected, m.link
      FROM mentions m JOIN cables c ON c.id = m.cable_id
     WHERE m.entity_id COLLATE "C" = ${id}
     ORDER BY coalesce(c.created, '') COLLATE "C" DESC, m.cable_id DESC, m.seq DESC`;
  const mentions: MentionRow[] = rows.map((r) => ({ ...r, protected: r.protected ? 1 : 0 }));
  const { cables: _, ...parts } = partsFromMentions(mentions, pub, cableLimit, after);
  const co =
    (counted ? await counted(id, RELATED_SHOWN) : null) ?? (await coMentionsPg(sql, id, pub));
  return page.withCoMentions(entity, parts, co);
}

/** The persons, organisations and places of one cable (public: none it protects). */
export async function cableMentionsPg(
  sql: Sql,
  referenceId: string,
  pub: boolean,
): Promise<page.CableMention[]> {
  const rows = await sql<page.CableMentionRow[]>`
    SELECT m.entity_id AS "entityId", m.type, m.name, m.variants, m.roles, m.paragraphs, m.protected
      FROM mentions m WHERE m.cable_id = (SELECT id FROM cables WHERE reference_id = ${referenceId})
     ORDER BY m.seq`;
  return page.cableMentionsOf(rows, pub);
}

/** The forms of each entity, most written first (public: outside protecting cables). */
export async function entityFormsPg(
  sql: Sql,
  ids: readonly string[],
  pub: boolean,
): Promise<Map<string, string[]>> {
  const count = pub ? "public_cables" : "cables";
  const rows = await sql.unsafe<{ entity_id: string; forms: string[] }[]>(
    `SELECT entity_id, array_agg(form ORDER BY ${count} DESC, form COLLATE "C") AS forms
       FROM entity_forms WHERE entity_id = ANY($1::text[]) AND ${count} > 0 GROUP BY entity_id`,
    [ids as string[]],
  );
  return new Map(rows.map((r) => [r.entity_id, r.forms]));
}

/** People named together: pairs of `ids` with the cables naming both, at least `min` of them. */
export async function comentionEdgesPg(
  sql: Sql,
  ids: readonly string[],
  min: number,
  pub: boolean,
): Promise<{ s: string; t: string; w: number }[]> {
  const visible = pub ? "AND NOT a.protected AND NOT b.protected" : "";
  return sql.unsafe<{ s: string; t: string; w: number }[]>(
    `SELECT a.entity_id AS s, b.entity_id AS t, count(DISTINCT a.cable_id)::int AS w
       FROM mentions a JOIN mentions b ON b.cable_id = a.cable_id
                                      AND b.entity_id COLLATE "C" > a.entity_id COLLATE "C"
      WHERE a.entity_id COLLATE "C" = ANY($1::text[]) AND b.entity_id = ANY($1::text[])
        AND a.type = 'person' AND b.type = 'person' ${visible}
      GROUP BY a.entity_id, b.entity_id HAVING count(DISTINCT a.cable_id) >= $2
      ORDER BY a.entity_id COLLATE "C", b.entity_id COLLATE "C"`,
    [ids as string[], min],
  );
}

/**
 * Whether resolution is due (src/store/postgres/entities-resolve.ts): an unplaced mention, or a
 * batch written since the last run (the writer's mark in `entity_dirty`).
 */
export async function resolutionPending(sql: Sql): Promise<boolean> {
  const [row] = await sql<{ pending: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM mentions WHERE entity_id IS NULL)
        OR EXISTS (SELECT 1 FROM entity_dirty) AS pending`;
  return row?.pending === true;
}

/**
 * Mentions that resolution has not placed yet: a PostgreSQL ingest writes them so, and places them
 * at its end (docs/server-mode.md).
 */
export async function unresolvedMentionsPg(sql: Sql): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM mentions WHERE entity_id IS NULL`;
  return row?.n ?? 0;
}
