/**
 * search(db, query, opts): the query language over the archive. Parse → plan → match once into an
 * id array → sort keys, page, facets and histogram from that array (src/search/hits.ts, facets.ts),
 * snippets for the page only. One read transaction, so the total, the page and the facets describe
 * the same snapshot.
 */
import { type Db, perConnection } from "../store/db.js";
import { isPublicMode, protectedIndex } from "../store/entities-public.js";
import type { QueryNode } from "./ast.js";
import { columnsIfBuilt, columnsIfFresh } from "./columns.js";
import type { Plan } from "./compile.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { didYouMean } from "./did-you-mean.js";
import { entityFacetColumns, entityFacets } from "./entity-facets.js";
import { visibleIds, visibleTerms } from "./entity-visibility.js";
import {
  DEFAULT_FACET_LIMIT,
  type FacetResult,
  facetsFromColumns,
  facetsFromSql,
} from "./facets.js";
import { effectiveSort, firstAfter, matchIds, sortKeys } from "./hits.js";
import { suggestIds } from "./ids.js";
import { parseQuery } from "./parser.js";
import { planQuery } from "./plan.js";
import { pagePosition } from "./previous.js";
import { snippetFor } from "./snippets.js";
import { checkOptions, type SearchHit, type SearchOptions, type SearchResult } from "./types.js";
import { termDocs } from "./variants.js";

export { InvalidCursorError } from "./cursor.js";
export { parseQuery } from "./parser.js";
export type * from "./types.js";
export { DEFAULT_LIMIT, QuerySyntaxError } from "./types.js";

/** Extra options beyond the public SearchOptions. */
export interface SearchTuning extends SearchOptions {
  /** Values per facet (default 10). */
  facetLimit?: number;
  /** Compute snippets (default true); exports and id listings skip them. */
  snippets?: boolean;
  /** Text matches up to this many are all ranked by BM25 (default RANK_ALL in hits.ts). */
  rankAll?: number;
  /**
   * PostgreSQL: false counts facets and keys in SQL even when the columnar copy is at hand
   * (src/search/postgres/columnar.ts), so tests and benchmarks can set the two side by side.
   */
  columns?: boolean;
}

function statements(db: Db) {
  return {
    hit: db.prepare<
      [number],
      {
        reference_id: string;
        subject: string | null;
        created: string | null;
        created_est: string | null;
        released: string | null;
        origin: string | null;
        classification: string | null;
        partial: number;
      }
    >(
      `SELECT reference_id, subject, created, created_est, released, origin, classification, partial
         FROM cables WHERE id = ?`,
    ),
  };
}
const stmts = perConnection(statements);

function hitFor(db: Db, id: number, plan: Plan | null, withSnippet: boolean): SearchHit {
  const row = stmts(db).hit.get(id)!;
  const snip = withSnippet
    ? snippetFor(db, id, visibleTerms(db, id, plan?.terms ?? []))
    : { snippet: null, paragraph: null };
  return {
    referenceId: row.reference_id,
    subject: row.subject,
    created: row.created,
    createdEstimate: row.created_est,
    released: row.released,
    origin: row.origin,
    classification: row.classification,
    ...snip,
    partial: row.partial === 1,
  };
}

/**
 * Builds what a connection otherwise builds on its first search of a kind, so that no visitor
 * pays for it: the columnar copy (facets and date sorts over large result sets), the entity facet
 * arrays (every faceted search), the index vocabulary ("did you mean" on a thin result, `word~`)
 * and, in public mode, the index of protected names. At 251,287 cables these take seconds each,
 * the vocabulary most (FTS5 counts every word's cables by reading its whole posting list): paid
 * by the first requests, they held a fresh server worker's event loop for half a minute, and
 * every request queued behind them timed out. Call once after opening the archive in a
 * long-running process (the server, before it listens); optional. Rebuilt lazily, as before,
 * when the archive changes.
 */
export function warmUp(db: Db): void {
  columnsIfFresh(db);
  entityFacetColumns(db);
  termDocs(db, "");
  if (isPublicMode(db)) protectedIndex(db);
}

/** Above this many hits, facets and date keys come from the columnar copy (built if need be). */
const COLUMNS_FROM = 5000;

/** Search with an already parsed query (the API validates once, then pages). */
export function searchParsed(db: Db, node: QueryNode, opts: SearchTuning = {}): SearchResult {
  const { sort: order, limit } = checkOptions(opts);
  const withSnippets = opts.snippets ?? true;

  return db.transaction((): SearchResult => {
    const { plan, exactId, idWord } = planQuery(db, node);
    const suggestions = idWord ? suggestIds(db, idWord) : undefined;
    const sort = effectiveSort(order, plan);
    const after = opts.cursor ? decodeCursor(opts.cursor, sort) : null;
    const built = columnsIfBuilt(db);
    const ids = visibleIds(db, node, matchIds(db, plan, built), (n) =>
      matchIds(db, planQuery(db, n).plan, built),
    );
    const cols = built ?? (ids.length > COLUMNS_FROM ? columnsIfFresh(db) : null);
    const matches = { ids, keys: sortKeys(db, plan, order, ids, cols, opts.rankAll) };
    const picked = firstAfter(matches, after, limit + 1);
    const position = pagePosition(matches, after, limit);
    const spellings = exactId ? [] : didYouMean(db, node, ids.length);
    const page = picked.slice(0, limit);
    const last = page[page.length - 1];
    const facetLimit = opts.facetLimit ?? DEFAULT_FACET_LIMIT;
    const facets: FacetResult = !opts.facets
      ? { facets: null, histogram: null }
      : cols
        ? facetsFromColumns(cols, ids, facetLimit)
        : facetsFromSql(db, ids, facetLimit);
    if (facets.facets) Object.assign(facets.facets, entityFacets(db, ids, facetLimit));
    return {
      total: ids.length,
      hits: page.map((i) => hitFor(db, ids[i]!, plan, withSnippets)),
      ...facets,
      next:
        picked.length > limit && last !== undefined
          ? encodeCursor(sort, { key: matches.keys[last]!, id: ids[last]! })
          : null,
      exactId,
      ...(suggestions ? { suggestions } : {}),
      offset: position.offset,
      ...(position.prevIndex === undefined
        ? {}
        : {
            prev:
              position.prevIndex < 0
                ? null
                : encodeCursor(sort, {
                    key: matches.keys[position.prevIndex]!,
                    id: ids[position.prevIndex]!,
                  }),
          }),
      ...(spellings.length ? { didYouMean: spellings } : {}),
    };
  })();
}

/**
 * Runs a query. Bad syntax, a bad cursor or bad options are QuerySyntaxErrors (message and 0-based
 * position); nothing else escapes for any query text.
 */
export function search(db: Db, query: string, opts: SearchTuning = {}): SearchResult {
  return searchParsed(db, parseQuery(query), opts);
}
