/**
 * The result set an analytics view describes: the rowids of every cable a query matches, found once
 * by the search layer (the same match the search page pages through), and the SQL helpers that read
 * per-cable facts for those rowids. Every view takes a set, so any query with any filters can be
 * analysed.
 */
import type { QueryNode } from "../search/ast.js";
import { timed } from "../store/analytics-phases.js";
import type { AnalyticsSource } from "./source.js";

export interface CableSet {
  /** Rowids of the cables, ascending. */
  ids: Int32Array;
  /** The query text the set came from ('' for the whole archive). */
  query: string;
}

/** Rowids of every cable matching a parsed query. Throws QuerySyntaxError for what cannot run. */
export async function matchQuery(
  src: AnalyticsSource,
  node: QueryNode,
  query: string,
): Promise<CableSet> {
  return timed("set", async () => ({ ids: await src.match(node), query }));
}

/** The ids as the JSON array SQL reads with json_each (one primary-key seek per id). */
export function idsJson(ids: Int32Array): string {
  return JSON.stringify(Array.from(ids));
}

/** Query text for a set narrowed by more terms: `(q) term...`, or the terms alone. */
export function narrow(query: string, ...terms: string[]): string {
  const q = query.trim();
  return [q ? `(${q})` : "", ...terms].filter(Boolean).join(" ");
}

/** A quoted value of the query language, or null when it cannot be written as one. */
export function quoted(value: string): string | null {
  return value.includes('"') || /[\r\n]/.test(value) ? null : `"${value}"`;
}
