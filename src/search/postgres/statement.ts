/**
 * One search as one SQL statement: the matches are found once (the GIN match and its recheck,
 * which reads every candidate's tsvector out of TOAST, are the costly part) into a materialised
 * CTE `m` of narrow columns, and the total, the sort keys, the page, the cursor's position and
 * every facet and the histogram are read from it. Three statements each matching again (page,
 * count, facets) cost three times that.
 *
 * Relevance scores with ts_rank, which reads the whole tsvector of each cable it scores: every
 * match while there are at most RANK_ALL_PG of them; past that, as the SQLite back end does past
 * its RANK_ALL (src/search/hits.ts), the cables whose subject alone satisfies the text come first,
 * ranked on the subject (a few words, from the expression index of migration 005), and the rest
 * follow newest first. Keys are numbers, smaller first, ties by id, as in src/search/hits.ts.
 */
import { ENTITY_TYPES, type EntityType } from "../../store/entities-input.js";
import type { Sql } from "../../store/postgres/connect.js";
import { NO_DATE } from "../columns.js";
import type { CursorPosition } from "../cursor.js";
import type { SortOrder } from "../types.js";

/** Matches up to this many are all ranked by ts_rank (tens of µs each: the tsvector is read). */
export const RANK_ALL_PG = 2_000;
/** Key offset of the unranked tier: above every rank (those are negative or zero). */
const UNRANKED = 1e14;
/** Subject words weigh ten times body words, as the BM25 weights of the SQLite back end. */
export const WEIGHTS = "'{0, 0, 0.1, 1.0}'";
/**
 * The subject tier's rank: ts_rank of the subject vector, read from `tsv` with body words (B)
 * weighing nothing. The subject's positions come first in `tsv` and are the subject vector's own,
 * and a weight of 0 adds nothing to either of ts_rank's formulas, so the number is the same;
 * reading `tsv` costs a detoast, where the subject vector was rebuilt from the text
 * (unaccent, regexp, parser) for every cable of the tier.
 */
export const SUBJECT_WEIGHTS = "'{0, 0, 0, 1.0}'";

export interface StatementInput {
  where: string;
  params: unknown[];
  sort: SortOrder;
  /** tsquery text relevance ranks by (null: no text, every key 0). */
  rank: string | null;
  /** The subject tier's condition on `c` (compile.ts), null when the query has none. */
  subject: string | null;
  after: CursorPosition | null;
  limit: number;
  /** Matches up to this many are all ranked (default RANK_ALL_PG). */
  rankAll?: number;
  facets: { limit: number; pub: boolean } | null;
}

export interface PageRow {
  id: number;
  reference_id: string;
  subject: string | null;
  created: string | null;
  created_est: string | null;
  released: string | null;
  origin: string | null;
  classification: string | null;
  partial: boolean;
  key: number;
}

export interface StatementRow {
  total: number;
  page: PageRow[] | null;
  pos?: number;
  prev?: [number, number] | null;
  [facet: string]: unknown;
}

/**
 * Epoch milliseconds of a timestamptz as a key, NO_DATE when absent; `sign` -1: newest first.
 * extract() computes in numeric, several times the cost of parsing the date; date_part's float8
 * is the same number whenever the instant is a whole second (every date the archive holds so
 * far), so numeric is kept for the others only, and every key is what extract() gave.
 */
export function dateKey(expr: string, sign: number): string {
  const e = `date_part('epoch', ${expr})`;
  return `(CASE WHEN ${expr} IS NULL THEN ${NO_DATE}::float8
    WHEN ${e} = trunc(${e}) THEN ${sign} * ${e} * 1000
    ELSE ${sign} * (extract(epoch FROM ${expr}) * 1000)::float8 END)`;
}

const DATE_COLUMN: Record<string, string> = {
  created: "coalesce(c.created, c.created_est)",
  "-created": "coalesce(c.created, c.created_est)",
  released: "c.released",
  "-released": "c.released",
};

/**
 * The entities of one type the matches name most, as src/search/entity-facets.ts counts them: a
 * cable counts once per entity, ties by name (public: no mention a cable protects).
 */
export function entityTop(type: EntityType, limit: string, pub: boolean): string {
  return `(SELECT coalesce(json_agg(x), '[]') FROM (
      SELECT y.value, coalesce(e.name, y.value) AS label, y.count FROM (
        SELECT mm.entity_id AS value, count(DISTINCT mm.cable_id)::int AS count
          FROM m JOIN mentions mm ON mm.cable_id = m.id
         WHERE mm.type = '${type}' AND mm.entity_id IS NOT NULL${pub ? " AND NOT mm.protected" : ""}
         GROUP BY mm.entity_id) y
      LEFT JOIN entities e ON e.id = y.value
      ORDER BY y.count DESC, coalesce(e.name, y.value) COLLATE "C", y.value COLLATE "C"
      LIMIT ${limit}) x)`;
}

/**
 * The matches grouped by their (tags, caveats) pair (cable_facets, migration 006): a broad match's
 * tens of thousands of cables share a few thousand pairs, and only those are unnested and summed,
 * where joining `tags` counted one row per cable and tag.
 */
const FACET_SETS = `fs AS MATERIALIZED (SELECT f.tags, f.caveats, count(*)::int AS n
    FROM m JOIN cable_facets f ON f.id = m.id GROUP BY f.tags, f.caveats)`;

function facetColumns(L: string, pub: boolean): string {
  const top = (from: string, col: string, extra = "") =>
    `(SELECT coalesce(json_agg(x), '[]') FROM (SELECT ${col} AS value, count(*)::int AS count FROM ${from}
        ${extra} GROUP BY ${col} ORDER BY count(*) DESC, ${col} COLLATE "C" LIMIT ${L}) x)`;
  const unnested = (col: string) =>
    `(SELECT coalesce(json_agg(x), '[]') FROM (SELECT u.v AS value, sum(fs.n)::int AS count
        FROM fs, unnest(fs.${col}) AS u(v) GROUP BY u.v ORDER BY sum(fs.n) DESC, u.v COLLATE "C"
        LIMIT ${L}) x)`;
  return `${unnested("tags")} AS tag,
    ${top("m", "m.origin", "WHERE m.origin IS NOT NULL")} AS origin,
    ${top("m", "m.classification", "WHERE m.classification IS NOT NULL")} AS classification,
    ${unnested("caveats")} AS caveat,
    (SELECT coalesce(json_agg(x), '[]') FROM (SELECT month, count(*)::int AS count FROM m
       WHERE month IS NOT NULL GROUP BY month ORDER BY month COLLATE "C") x) AS histogram,
    ${ENTITY_TYPES.map((t) => `${entityTop(t, L, pub)} AS ${t}`).join(", ")}`;
}

/**
 * `(id, key)` of the subject tier: the matches (`m`) whose subject satisfies `subject`, when there
 * are more than `few` allows, keyed by the subject's rank. The subject matches are found from the
 * subject index on their own (OFFSET 0 keeps the planner from probing every match's subject
 * instead, computing its vector each time), then only those among the matches are scored, on the
 * subject's own vector where `cable_subjects` holds the current version's (migration 008), else on
 * `tsv`: the same number, without reading the whole tsvector out of TOAST.
 */
export function subjectTier(subject: string, few: string, rank: string): string {
  // The stored vector by a subquery, not a join: as a join the planner scanned all of
  // `cable_subjects` into a hash (iran's 10,706-cable tier: 117 ms, against 64 ms by key).
  return `SELECT x.id, (-ts_rank(${SUBJECT_WEIGHTS}, coalesce(
        (SELECT s.tsv FROM cable_subjects s WHERE s.id = x.id AND s.version_id = x.version_id),
        x.tsv), ${rank}))::float8 AS key
      FROM (SELECT c.id, c.version_id, c.tsv FROM cables c WHERE NOT ${few} AND (${subject})
            OFFSET 0) x
      JOIN m ON m.id = x.id`;
}

/** The CTEs giving `k (id, key)`: every match with its sort key. */
function keyed(input: StatementInput, param: (v: unknown, cast: string) => string): string {
  const date = DATE_COLUMN[input.sort];
  if (date) {
    const sign = input.sort.startsWith("-") ? -1 : 1;
    return `k AS MATERIALIZED (SELECT m.id, ${dateKey("m.d", sign)} AS key FROM m)`;
  }
  if (!input.rank) return "k AS (SELECT m.id, 0::float8 AS key FROM m)";
  const rank = param(input.rank, "::tsquery");
  const rankAll = Math.max(0, Math.floor(input.rankAll ?? RANK_ALL_PG));
  const few = `(SELECT total FROM n) <= ${rankAll}`;
  // Both branches are guarded by a one-time filter on the total: only one of them runs.
  const tier = input.subject
    ? `tier AS (${subjectTier(input.subject, few, rank)}),`
    : "tier AS (SELECT NULL::bigint AS id, NULL::float8 AS key WHERE false),";
  return `${tier}
    k AS MATERIALIZED (
      SELECT m.id, (-ts_rank(${WEIGHTS}, c.tsv, ${rank}))::float8 AS key
        FROM m JOIN cables c ON c.id = m.id WHERE ${few}
      UNION ALL
      SELECT m.id, coalesce(t.key, CASE WHEN m.d IS NULL THEN ${UNRANKED * 2}::float8
                                    ELSE ${UNRANKED}::float8 + ${dateKey("m.d", -1)} END)
        FROM m LEFT JOIN tier t ON t.id = m.id WHERE NOT ${few})`;
}

/** The one row a statement built here answers. */
export async function oneRow<R>(
  tx: Sql,
  statement: { text: string; params: unknown[] },
): Promise<R> {
  const [row] = (await tx.unsafe(statement.text, statement.params as never[])) as unknown as R[];
  return row!;
}

/** The statement and its parameters. */
export function searchStatement(input: StatementInput): { text: string; params: unknown[] } {
  const params = [...input.params];
  const param = (v: unknown, cast: string) => `$${params.push(v)}${cast}`;
  const date = DATE_COLUMN[input.sort] ?? "coalesce(c.created, c.created_est)";
  const ks = keyed(input, param);
  const after = input.after
    ? `(${param(input.after.key, "::float8")}, ${param(input.after.id, "::bigint")})`
    : null;
  const L = input.facets ? param(input.facets.limit, "::int") : null;
  const columns = [
    "(SELECT total FROM n) AS total",
    `(SELECT json_agg(json_build_object('id', c.id, 'reference_id', c.reference_id,
        'subject', c.subject, 'created', c.created, 'created_est', c.created_est,
        'released', c.released, 'origin', c.origin, 'classification', c.classification,
        'partial', c.partial, 'key', p.key) ORDER BY p.key, p.id)
       FROM p JOIN cables c ON c.id = p.id) AS page`,
  ];
  if (after) {
    columns.push(`(SELECT count(*)::int FROM k WHERE (k.key, k.id) <= ${after}) AS pos`);
    columns.push(`(SELECT json_build_array(x.id, x.key) FROM (SELECT id, key FROM k
        WHERE (k.key, k.id) <= ${after} ORDER BY key DESC, id DESC OFFSET ${input.limit} LIMIT 1) x) AS prev`);
  }
  if (L && input.facets) columns.push(facetColumns(L, input.facets.pub));
  const sets = L ? `,\n    ${FACET_SETS}` : "";
  // The date parsed once per match, in `m`: the keys and the tier read it as a timestamptz.
  const text = `WITH m AS MATERIALIZED (
      SELECT c.id, c.origin, c.classification, c.month, (${date})::timestamptz AS d
        FROM cables c WHERE (${input.where})),
    n AS MATERIALIZED (SELECT count(*)::int AS total FROM m),
    ${ks},
    p AS (SELECT id, key FROM k${after ? ` WHERE (k.key, k.id) > ${after}` : ""}
           ORDER BY key, id LIMIT ${input.limit + 1})${sets}
    SELECT ${columns.join(",\n")}`;
  return { text, params };
}
