/**
 * search() on a PostgreSQL archive: the same query language, options and SearchResult as
 * src/search/index.ts. One REPEATABLE READ read-only transaction, so the page, the total and the
 * facets describe one snapshot. The page is a keyset seek in SQL (`(key, id) > cursor`), with the
 * same numeric keys and cursors as SQLite; total, facets and histogram are SQL aggregates over the
 * matches, nothing is carried to Node but the page.
 */
import { canonicalId } from "../../model/reference-id.js";
import { ENTITY_TYPES, type EntityType } from "../../store/entities-input.js";
import type { Pool, Sql } from "../../store/postgres/connect.js";
import { isPublicModePg, protectedIndexPg } from "../../store/postgres/entities-public.js";
import type { QueryNode } from "../ast.js";
import { NO_DATE } from "../columns.js";
import { compile as compileSqlite } from "../compile.js";
import { decodeCursor, encodeCursor } from "../cursor.js";
import { publicRewrites, termsVisibleIn } from "../entity-visibility.js";
import { DEFAULT_FACET_LIMIT } from "../facets.js";
import { effectiveSort } from "../hits.js";
import { queryId } from "../id-query.js";
import { idPrefix, idWord, MAX_SUGGESTIONS } from "../ids.js";
import type { SearchTuning } from "../index.js";
import { parseQuery } from "../parser.js";
import type { EntityFacetCount, FacetCount, SearchHit, SearchResult, SortOrder } from "../types.js";
import { checkOptions, QuerySyntaxError } from "../types.js";
import { compilePostgres, type Lexer, type PgCatalog } from "./compile.js";
import { snippetsFor } from "./snippets.js";
import { variantExpander } from "./variants.js";

function entityField(n: QueryNode): { field: string; pos: number } | null {
  if (n.kind === "filter") {
    const f = n.filter.field;
    return f === "person" || f === "org" || f === "place" ? { field: f, pos: n.pos } : null;
  }
  if (n.kind === "and" || n.kind === "or") {
    for (const c of n.children) {
      const found = entityField(c);
      if (found) return found;
    }
  }
  return n.kind === "not" ? entityField(n.child) : null;
}

/**
 * `person:`, `org:` and `place:` read resolved entities. Cables ingested into PostgreSQL have
 * their mentions stored but not resolved (docs/server-mode.md, "Entities"): rather than answer
 * from part of the archive, such a query is refused, saying why and what to do.
 */
async function refuseUnresolved(tx: Sql, node: QueryNode): Promise<void> {
  const found = entityField(node);
  if (!found) return;
  const [row] = await tx<{ n: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM mentions WHERE entity_id IS NULL) AS n`;
  if (row?.n) {
    throw new QuerySyntaxError(
      `${found.field}: is not available on archives on PostgreSQL yet for cables ingested into PostgreSQL: their entities are not resolved (ingest into SQLite, then cablegram migrate; docs/server-mode.md)`,
      found.pos,
    );
  }
}

function lexer(tx: Sql): Lexer {
  return async (texts) => {
    const rows = await tx<{ i: number; lex: string[] | null }[]>`
      SELECT t.i::int AS i,
             (SELECT array_agg(s.lexeme ORDER BY s.p)
                FROM (SELECT u.lexeme, unnest(u.positions) AS p
                        FROM unnest(to_tsvector('pg_catalog.simple', coalesce(cg_fold(t.x), ''))) u) s) AS lex
        FROM unnest(${texts}::text[]) WITH ORDINALITY AS t(x, i) ORDER BY t.i`;
    return rows.map((r) => r.lex ?? []);
  };
}

function catalog(tx: Sql): PgCatalog & { cached: string[] } {
  let origins: string[] | null = null;
  return {
    get cached() {
      return origins ?? [];
    },
    async origins() {
      origins ??= (
        await tx<{ v: string }[]>`SELECT DISTINCT origin AS v FROM cables WHERE origin IS NOT NULL`
      ).map((r) => r.v);
      return origins;
    },
  };
}

/** The sort key of each order as SQL: the numbers src/search/hits.ts computes, smaller first. */
function keySql(sort: SortOrder, rankParam: string | null): string {
  const date = (expr: string, sign: number) =>
    `(CASE WHEN ${expr} IS NULL THEN ${NO_DATE}::float8 ELSE ${sign} * (extract(epoch FROM (${expr})::timestamptz) * 1000)::float8 END)`;
  switch (sort) {
    case "created":
      return date("coalesce(c.created, c.created_est)", 1);
    case "-created":
      return date("coalesce(c.created, c.created_est)", -1);
    case "released":
      return date("c.released", 1);
    case "-released":
      return date("c.released", -1);
    default:
      // Subject words weigh ten times body words, as the BM25 weights of the SQLite back end.
      return rankParam
        ? `(-ts_rank('{0, 0, 0.1, 1.0}', c.tsv, ${rankParam}::tsquery))::float8`
        : "0::float8";
  }
}

interface HitRow {
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

/**
 * The entities of one type the matches name most, as src/search/entity-facets.ts counts them: a
 * cable counts once per entity, ties by name (public: no mention a cable protects).
 */
function entityTop(type: EntityType, limit: string, pub: boolean): string {
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

async function facetsOf(
  tx: Sql,
  where: string,
  params: unknown[],
  limit: number,
  pub: boolean,
): Promise<{
  total: number;
  facets: SearchResult["facets"];
  histogram: SearchResult["histogram"];
}> {
  const L = `$${params.length + 1}`;
  const top = (from: string, col: string, extra = "") =>
    `(SELECT coalesce(json_agg(x), '[]') FROM (SELECT ${col} AS value, count(*)::int AS count FROM ${from}
        ${extra} GROUP BY ${col} ORDER BY count(*) DESC, ${col} COLLATE "C" LIMIT ${L}) x)`;
  const [row] = await tx.unsafe(
    `WITH m AS MATERIALIZED (SELECT c.id, c.origin, c.classification, c.month FROM cables c WHERE ${where})
     SELECT (SELECT count(*)::int FROM m) AS total,
            ${top("m JOIN tags t ON t.cable_id = m.id", "t.tag")} AS tag,
            ${top("m", "m.origin", "WHERE m.origin IS NOT NULL")} AS origin,
            ${top("m", "m.classification", "WHERE m.classification IS NOT NULL")} AS classification,
            ${top("m JOIN caveats v ON v.cable_id = m.id", "v.caveat")} AS caveat,
            (SELECT coalesce(json_agg(x), '[]') FROM (SELECT month, count(*)::int AS count FROM m
               WHERE month IS NOT NULL GROUP BY month ORDER BY month COLLATE "C") x) AS histogram,
            ${ENTITY_TYPES.map((t) => `${entityTop(t, L, pub)} AS ${t}`).join(", ")}`,
    [...params, limit] as never[],
  );
  const r = row as Record<string, unknown>;
  return {
    total: r.total as number,
    facets: {
      tag: r.tag as FacetCount[],
      origin: r.origin as FacetCount[],
      classification: r.classification as FacetCount[],
      caveat: r.caveat as FacetCount[],
      person: r.person as EntityFacetCount[],
      org: r.org as EntityFacetCount[],
      place: r.place as EntityFacetCount[],
    },
    histogram: r.histogram as { month: string; count: number }[],
  };
}

/** Search with an already parsed query. */
export async function searchParsedPostgres(
  sql: { begin: <T>(options: string, cb: (tx: Sql) => Promise<T>) => Promise<T> },
  node: QueryNode,
  opts: SearchTuning = {},
): Promise<SearchResult> {
  const { sort: order, limit } = checkOptions(opts);
  const pool = sql as Pool;
  const pub = isPublicModePg(pool);
  return sql.begin("ISOLATION LEVEL REPEATABLE READ READ ONLY", async (tx) => {
    const word = idWord(node);
    const rawId = queryId(node);
    const canonical = rawId ? canonicalId(rawId) : null;
    const exact = canonical
      ? (await tx<{ id: number }[]>`SELECT id FROM cables WHERE reference_id = ${canonical}`)[0]
      : undefined;
    let suggestions: string[] | undefined;
    if (word) {
      const prefix = idPrefix(word);
      suggestions = (
        await tx<{ reference_id: string }[]>`
          SELECT reference_id FROM cables WHERE reference_id COLLATE "C" >= ${prefix}
             AND reference_id COLLATE "C" < ${`${prefix}\uffff`}
           ORDER BY reference_id COLLATE "C" LIMIT ${MAX_SUGGESTIONS + 1}`
      )
        .map((r) => r.reference_id)
        .filter((id) => id !== prefix)
        .slice(0, MAX_SUGGESTIONS);
    }
    if (!exact) await refuseUnresolved(tx, node);
    const cat = catalog(tx);
    // Public mode: the protecting cables the query reaches through a protected name, decided on
    // the query as typed (src/search/entity-visibility.ts), then every query's `word~` expanded.
    const index = pub ? await protectedIndexPg(pool, tx) : null;
    const rewrites = index && !exact ? publicRewrites(index, node) : null;
    const expand = exact
      ? (n: QueryNode) => n
      : await variantExpander(pool, tx, [node], index?.byWord ?? null);
    const expanded = expand(node);
    const cond = exact
      ? { where: `c.id = $1`, params: [exact.id] as unknown[], rank: null }
      : await compilePostgres(
          expanded,
          lexer(tx),
          cat,
          rewrites?.map((g) => ({ cables: g.cables, node: expand(g.node) })) ?? null,
        );
    // The SQLite plan of the same query says which order relevance falls back to and which terms
    // the snippets mark, so both back ends agree on both.
    const plan = exact
      ? { fts: null, terms: [] }
      : compileSqlite(expanded, { origins: () => cat.cached });
    const sort = effectiveSort(order, { ...plan, root: { kind: "all" }, subjectFts: null });
    const after = opts.cursor ? decodeCursor(opts.cursor, sort) : null;
    const params = [...cond.params];
    const rankParam = cond.rank && sort === "relevance" ? `$${params.push(cond.rank)}` : null;
    const key = keySql(sort, rankParam);
    let seek = "";
    if (after) {
      seek = ` AND (${key}, c.id) > ($${params.push(after.key)}::float8, $${params.push(after.id)}::bigint)`;
    }
    const pageRows = (await tx.unsafe(
      `SELECT c.id, c.reference_id, c.subject, c.created, c.created_est, c.released, c.origin,
              c.classification, c.partial, ${key} AS key
         FROM cables c WHERE (${cond.where})${seek}
        ORDER BY key, c.id LIMIT ${limit + 1}`,
      params as never[],
    )) as unknown as HitRow[];
    const facetLimit = opts.facetLimit ?? DEFAULT_FACET_LIMIT;
    const counted = opts.facets
      ? await facetsOf(tx, cond.where, cond.params, facetLimit, pub)
      : {
          total: (
            (await tx.unsafe(
              `SELECT count(*)::int AS n FROM cables c WHERE ${cond.where}`,
              cond.params as never[],
            )) as unknown as { n: number }[]
          )[0]!.n,
          facets: null,
          histogram: null,
        };
    const page = pageRows.slice(0, limit);
    const last = page.at(-1);
    const snippets =
      opts.snippets === false
        ? new Map<number, { snippet: string | null; paragraph: number | null }>()
        : await snippetsFor(
            tx,
            page.map((r) => r.id),
            index ? (id) => termsVisibleIn(index, id, plan.terms) : () => plan.terms,
          );
    const hits: SearchHit[] = page.map((r) => ({
      referenceId: r.reference_id,
      subject: r.subject,
      created: r.created,
      createdEstimate: r.created_est,
      released: r.released,
      origin: r.origin,
      classification: r.classification,
      ...(snippets.get(r.id) ?? { snippet: null, paragraph: null }),
      partial: r.partial,
    }));
    const result: SearchResult = {
      total: counted.total,
      hits,
      facets: counted.facets,
      histogram: counted.histogram,
      next:
        pageRows.length > limit && last
          ? encodeCursor(sort, { key: Number(last.key), id: Number(last.id) })
          : null,
      exactId: exact ? canonical : null,
      ...(suggestions ? { suggestions } : {}),
      offset: 0,
    };
    if (after) {
      const beforeParams = [...cond.params];
      const rp = cond.rank && sort === "relevance" ? `$${beforeParams.push(cond.rank)}` : null;
      const k = keySql(sort, rp);
      const upto = ` AND (${k}, c.id) <= ($${beforeParams.push(after.key)}::float8, $${beforeParams.push(after.id)}::bigint)`;
      const [pos] = (await tx.unsafe(
        `SELECT count(*)::int AS n FROM cables c WHERE (${cond.where})${upto}`,
        beforeParams as never[],
      )) as unknown as { n: number }[];
      result.offset = pos!.n;
      if (pos!.n > 0) {
        if (pos!.n > limit) {
          const [prev] = (await tx.unsafe(
            `SELECT c.id, ${k} AS key FROM cables c WHERE (${cond.where})${upto}
              ORDER BY key DESC, c.id DESC OFFSET ${limit} LIMIT 1`,
            beforeParams as never[],
          )) as unknown as { id: number; key: number }[];
          result.prev = encodeCursor(sort, { key: Number(prev!.key), id: Number(prev!.id) });
        } else {
          result.prev = null;
        }
      }
    }
    return result;
  });
}

export function searchPostgres(
  sql: Parameters<typeof searchParsedPostgres>[0],
  query: string,
  opts: SearchTuning = {},
): Promise<SearchResult> {
  return searchParsedPostgres(sql, parseQuery(query), opts);
}

/**
 * Rowids of every cable a parsed query matches, ascending: the result set an analytics view
 * describes (src/analytics/result.ts), as matchIds and visibleIds give it on SQLite. In public
 * mode the protecting cables a query reaches through a protected name count only if the query
 * still finds them without it, exactly as searchParsedPostgres decides its hits.
 */
export async function matchIdsPostgres(
  sql: { begin: <T>(options: string, cb: (tx: Sql) => Promise<T>) => Promise<T> },
  node: QueryNode,
): Promise<Int32Array> {
  const pool = sql as Pool;
  const pub = isPublicModePg(pool);
  return sql.begin("ISOLATION LEVEL REPEATABLE READ READ ONLY", async (tx) => {
    const index = pub ? await protectedIndexPg(pool, tx) : null;
    const rewrites = index ? publicRewrites(index, node) : null;
    // Spelling variants (`word~`) expanded as the search expands them.
    const expand = await variantExpander(pool, tx, [node], index?.byWord ?? null);
    const cond = await compilePostgres(
      expand(node),
      lexer(tx),
      catalog(tx),
      rewrites?.map((g) => ({ cables: g.cables, node: expand(g.node) })) ?? null,
    );
    const [row] = (await tx.unsafe(
      `SELECT coalesce(array_agg(c.id::int ORDER BY c.id), '{}') AS ids FROM cables c WHERE ${cond.where}`,
      cond.params as never[],
    )) as unknown as { ids: number[] }[];
    return Int32Array.from(row!.ids);
  });
}
