/**
 * search() on a PostgreSQL archive: the same query language, options and SearchResult as
 * src/search/index.ts. One REPEATABLE READ read-only transaction, so the page, the total and the
 * facets describe one snapshot. The page is a keyset seek in SQL (`(key, id) > cursor`), with the
 * same numeric keys and cursors as SQLite; total, facets and histogram are SQL aggregates over the
 * matches, nothing is carried to Node but the page.
 */
import { canonicalId } from "../../model/reference-id.js";
import type { Sql } from "../../store/postgres/connect.js";
import type { QueryNode } from "../ast.js";
import { NO_DATE } from "../columns.js";
import { compile as compileSqlite } from "../compile.js";
import { decodeCursor, encodeCursor } from "../cursor.js";
import { DEFAULT_FACET_LIMIT } from "../facets.js";
import { effectiveSort } from "../hits.js";
import { queryId } from "../id-query.js";
import { idPrefix, idWord, MAX_SUGGESTIONS } from "../ids.js";
import type { SearchTuning } from "../index.js";
import { parseQuery } from "../parser.js";
import type { FacetCount, SearchHit, SearchResult, SortOrder } from "../types.js";
import { checkOptions, QuerySyntaxError } from "../types.js";
import { compilePostgres, type Lexer, type PgCatalog } from "./compile.js";
import { snippetsFor } from "./snippets.js";

/** `word~` needs the archive's vocabulary of spellings, which the PostgreSQL back end does not keep yet. */
function refuseUnsupported(n: QueryNode): void {
  if (n.kind === "text" && n.fuzzy)
    throw new QuerySyntaxError(
      `${n.text}~ (spelling variants) is not available on archives on PostgreSQL yet`,
      n.pos,
    );
  if (n.kind === "and" || n.kind === "or") n.children.forEach(refuseUnsupported);
  if (n.kind === "not") refuseUnsupported(n.child);
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

async function facetsOf(
  tx: Sql,
  where: string,
  params: unknown[],
  limit: number,
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
               WHERE month IS NOT NULL GROUP BY month ORDER BY month COLLATE "C") x) AS histogram`,
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
  refuseUnsupported(node);
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
    const cat = catalog(tx);
    const cond = exact
      ? { where: `c.id = $1`, params: [exact.id] as unknown[], rank: null }
      : await compilePostgres(node, lexer(tx), cat);
    // The SQLite plan of the same query says which order relevance falls back to and which terms
    // the snippets mark, so both back ends agree on both.
    const plan = exact
      ? { fts: null, terms: [] }
      : compileSqlite(node, { origins: () => cat.cached });
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
      ? await facetsOf(tx, cond.where, cond.params, facetLimit)
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
            plan.terms,
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
 * describes (src/analytics/result.ts), as matchIds gives it on SQLite.
 */
export async function matchIdsPostgres(
  sql: { begin: <T>(options: string, cb: (tx: Sql) => Promise<T>) => Promise<T> },
  node: QueryNode,
): Promise<Int32Array> {
  refuseUnsupported(node);
  return sql.begin("ISOLATION LEVEL REPEATABLE READ READ ONLY", async (tx) => {
    const cond = await compilePostgres(node, lexer(tx), catalog(tx));
    const [row] = (await tx.unsafe(
      `SELECT coalesce(array_agg(c.id::int ORDER BY c.id), '{}') AS ids FROM cables c WHERE ${cond.where}`,
      cond.params as never[],
    )) as unknown as { ids: number[] }[];
    return Int32Array.from(row!.ids);
  });
}
