/**
 * search() on a PostgreSQL archive: the same query language, options and SearchResult as
 * src/search/index.ts. One REPEATABLE READ read-only transaction, so the page, the total and the
 * facets describe one snapshot, and the same numeric keys and cursors as SQLite. With the
 * columnar copy at hand (./columns.ts), SQL sends the matching ids and the scores only it can
 * compute, and Node pages and counts (./columnar.ts); without it (stale while an ingest commits,
 * or an exact id) one statement does all of it in SQL (./statement.ts). Both give the same numbers.
 */
import { canonicalId } from "../../model/reference-id.js";
import type { EntityColumns } from "../../store/entity-summary-columns.js";
import type { Pool, Sql } from "../../store/postgres/connect.js";
import { isPublicModePg, protectedIndexPg } from "../../store/postgres/entities-public.js";
import { PerArchiveState } from "../../store/postgres/per-state.js";
import type { QueryNode } from "../ast.js";
import type { Columns } from "../columns.js";
import { compile as compileSqlite, subjectRankingNodes } from "../compile.js";
import { type CursorPosition, decodeCursor, encodeCursor } from "../cursor.js";
import { publicRewrites, termsVisibleIn } from "../entity-visibility.js";
import { DEFAULT_FACET_LIMIT } from "../facets.js";
import { effectiveSort } from "../hits.js";
import { queryId } from "../id-query.js";
import { idPrefix, idWord, MAX_SUGGESTIONS } from "../ids.js";
import type { SearchTuning } from "../index.js";
import { parseQuery } from "../parser.js";
import type { EntityFacetCount, FacetCount, SearchHit, SearchResult } from "../types.js";
import { checkOptions, QuerySyntaxError } from "../types.js";
import { searchColumnar } from "./columnar.js";
import { columnsIfFreshPg, int32s } from "./columns.js";
import { compilePostgres, type Lexer, type PgCatalog } from "./compile.js";
import { entityColumnsIfFreshPg } from "./entity-columns.js";
import { snippetsFor } from "./snippets.js";
import {
  oneRow,
  type PageRow,
  type StatementInput,
  type StatementRow,
  searchStatement,
} from "./statement.js";
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
 * `person:`, `org:` and `place:` read resolved entities. An ingest into PostgreSQL resolves them at
 * its end (src/store/postgres/entities-resolve.ts); one stopped before that leaves mentions
 * unplaced: rather than answer from part of the archive, such a query is refused, saying why and
 * what to do.
 */
async function refuseUnresolved(tx: Sql, node: QueryNode): Promise<void> {
  const found = entityField(node);
  if (!found) return;
  const [row] = await tx<{ n: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM mentions WHERE entity_id IS NULL) AS n`;
  if (row?.n) {
    throw new QuerySyntaxError(
      `${found.field}: is not available while the entities of this PostgreSQL archive are not resolved: an ingest resolves them at its end, and one is running or stopped before it (run \`cablegram ingest\` again, or \`cablegram entities --rebuild\`; docs/server-mode.md)`,
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

/**
 * The archive's distinct origins (`origin:` matches its labels against them), read once per
 * archive state: a scan of `cables` each search cost 98 ms at 251,287 cables.
 */
const originLists = new PerArchiveState<string[]>(async (tx) =>
  (await tx<{ v: string }[]>`SELECT DISTINCT origin AS v FROM cables WHERE origin IS NOT NULL`).map(
    (r) => r.v,
  ),
);

function catalog(pool: Pool, tx: Sql): PgCatalog & { cached: string[] } {
  let origins: string[] | null = null;
  return {
    publicMode: isPublicModePg(pool),
    get cached() {
      return origins ?? [];
    },
    async pairIndex() {
      const [row] = await tx<{ x: boolean }[]>`
        SELECT EXISTS (SELECT 1 FROM pg_index x
                        WHERE x.indexrelid = to_regclass('cables_phrase_pairs') AND x.indisvalid) AS x`;
      return row!.x;
    },
    async origins() {
      origins ??= await originLists.get(pool, tx);
      return origins;
    },
  };
}

interface PageAnswer {
  total: number;
  page: PageRow[];
  next: CursorPosition | null;
  offset: number;
  prev: CursorPosition | null;
  facets: SearchResult["facets"];
  histogram: SearchResult["histogram"];
}

/** The page, cursors and facets from one SQL statement (no columnar copy at hand). */
async function pageFromSql(tx: Sql, input: StatementInput): Promise<PageAnswer> {
  const r = await oneRow<StatementRow>(tx, searchStatement(input));
  const pageRows = r.page ?? [];
  const page = pageRows.slice(0, input.limit);
  const last = page.at(-1);
  const f = r as Record<string, unknown>;
  return {
    total: r.total,
    page,
    next:
      pageRows.length > input.limit && last ? { key: Number(last.key), id: Number(last.id) } : null,
    offset: r.pos ?? 0,
    prev: r.prev ? { key: Number(r.prev[1]), id: Number(r.prev[0]) } : null,
    facets: input.facets
      ? {
          tag: f.tag as FacetCount[],
          origin: f.origin as FacetCount[],
          classification: f.classification as FacetCount[],
          caveat: f.caveat as FacetCount[],
          person: f.person as EntityFacetCount[],
          org: f.org as EntityFacetCount[],
          place: f.place as EntityFacetCount[],
        }
      : null,
    histogram: input.facets ? (f.histogram as { month: string; count: number }[]) : null,
  };
}

/** The same answer with the ids from SQL and the rest counted in Node (./columnar.ts). */
async function pageFromColumns(
  tx: Sql,
  cols: Columns,
  entities: EntityColumns | null,
  input: StatementInput,
): Promise<PageAnswer> {
  const a = await searchColumnar(tx, cols, entities, input);
  const { ids, keys } = a.matches;
  const at = (i: number): CursorPosition => ({ key: keys[i]!, id: ids[i]! });
  const shown = a.picked.slice(0, input.limit);
  const prevIndex = a.position.prevIndex;
  return {
    total: a.total,
    page: shown.map((i) => ({ ...a.pageRows.get(ids[i]!)!, key: keys[i]! })),
    next: a.picked.length > input.limit && shown.length ? at(shown.at(-1)!) : null,
    offset: a.position.offset,
    prev: prevIndex !== undefined && prevIndex >= 0 ? at(prevIndex) : null,
    facets: a.facets.facets,
    histogram: a.facets.histogram,
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
    // A search's statements run for milliseconds: compiling them (JIT, on by default past a
    // plan cost that a broad match reaches) costs more than it saves.
    await tx`SET LOCAL jit = off`;
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
    const cat = catalog(pool, tx);
    // Public mode: the protecting cables the query reaches through a protected name, decided on
    // the query as typed (src/search/entity-visibility.ts), then every query's `word~` expanded.
    const index = pub ? await protectedIndexPg(pool, tx) : null;
    const rewrites = index && !exact ? publicRewrites(index, node) : null;
    const expand = exact
      ? (n: QueryNode) => n
      : await variantExpander(pool, tx, [node], index?.byWord ?? null);
    const expanded = expand(node);
    const cond = exact
      ? { where: `c.id = $1`, params: [exact.id] as unknown[], rank: null, subject: null }
      : await compilePostgres(
          expanded,
          lexer(tx),
          cat,
          rewrites?.map((g) => ({ cables: g.cables, node: expand(g.node) })) ?? null,
          order === "relevance" ? subjectRankingNodes(expanded) : null,
        );
    // The SQLite plan of the same query says which order relevance falls back to and which terms
    // the snippets mark, so both back ends agree on both.
    const plan = exact
      ? { fts: null, terms: [] }
      : compileSqlite(expanded, { origins: () => cat.cached });
    const sort = effectiveSort(order, { ...plan, root: { kind: "all" }, subjectFts: null });
    const after = opts.cursor ? decodeCursor(opts.cursor, sort) : null;
    const input = {
      where: cond.where,
      params: cond.params,
      sort,
      rank: sort === "relevance" ? cond.rank : null,
      subject: cond.subject,
      after,
      limit,
      rankAll: opts.rankAll,
      facets: opts.facets ? { limit: opts.facetLimit ?? DEFAULT_FACET_LIMIT, pub } : null,
    };
    const cols = exact || opts.columns === false ? null : await columnsIfFreshPg(pool, tx);
    const entities = cols && input.facets ? await entityColumnsIfFreshPg(pool, tx) : null;
    const answer = cols
      ? await pageFromColumns(tx, cols, entities, input)
      : await pageFromSql(tx, input);
    const snippets =
      opts.snippets === false
        ? new Map<number, { snippet: string | null; paragraph: number | null }>()
        : await snippetsFor(
            tx,
            answer.page.map((r) => r.id),
            index ? (id) => termsVisibleIn(index, id, plan.terms) : () => plan.terms,
          );
    const hits: SearchHit[] = answer.page.map((r) => ({
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
      total: answer.total,
      hits,
      facets: answer.facets,
      histogram: answer.histogram,
      next: answer.next ? encodeCursor(sort, answer.next) : null,
      exactId: exact ? canonical : null,
      ...(suggestions ? { suggestions } : {}),
      offset: 0,
    };
    if (after) {
      // The hits at or before the cursor: where this page starts, and the cursor of the page
      // before it (null when that is the first page).
      result.offset = answer.offset;
      if (result.offset > 0) {
        result.prev = result.offset > limit && answer.prev ? encodeCursor(sort, answer.prev) : null;
      }
    }
    return result;
  });
}

/**
 * What src/search/index.ts warmUp builds for SQLite, for a pool on PostgreSQL: the columnar copy
 * (seconds at Cablegate scale) and, in public mode, the protected-name index.
 */
export async function warmUpPostgres(pool: Pool): Promise<void> {
  await pool.begin("ISOLATION LEVEL REPEATABLE READ READ ONLY", async (tx) => {
    await columnsIfFreshPg(pool, tx);
    await entityColumnsIfFreshPg(pool, tx);
    if (isPublicModePg(pool)) await protectedIndexPg(pool, tx);
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
      catalog(pool, tx),
      rewrites?.map((g) => ({ cables: g.cables, node: expand(g.node) })) ?? null,
    );
    // 4 bytes an id, where an int[] costs a parsed decimal each (150,000 for a common word).
    const [row] = (await tx.unsafe(
      `SELECT string_agg(int4send(c.id::int), ''::bytea) AS ids FROM cables c WHERE ${cond.where}`,
      cond.params as never[],
    )) as unknown as { ids: Uint8Array | null }[];
    return int32s(row!.ids).sort();
  });
}
