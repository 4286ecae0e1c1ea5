/** Links of the analytics pages: the query and filters travel with every link, as on search. */
import type { AnalyticsState } from "../data/analytics.js";
import { queryAndFilters } from "../data/query.js";
import { withQuery } from "./format.js";

export type Extra = Record<string, string | number | null | undefined | readonly string[]>;

/** The URL of an analytics path (or /search) for the same result set, plus `extra` parameters. */
export function analyticsUrl(path: string, s: AnalyticsState, extra: Extra = {}): string {
  return withQuery(path, {
    ...queryAndFilters(s),
    ...extra,
  });
}

/** The CSV of one table of the current view. */
export function csvUrl(path: string, s: AnalyticsState, table: string, extra: Extra = {}): string {
  return analyticsUrl(path, s, { ...extra, format: "csv", table });
}

/** A search for a query text the analysis built (a burst, a matrix cell). */
export function searchFor(query: string): string {
  return withQuery("/search", { q: query, sort: "created" });
}

/**
 * The drill-down of one cell of a view's matrix or count table (src/server/data/analytics.ts):
 * exactly the cables the cell counts, for the buckets no search can name — (other), (none).
 */
export function cellUrl(s: AnalyticsState, matrix: string, row: string, col?: string): string {
  return analyticsUrl("/analytics/cables", s, { matrix, row, col });
}
