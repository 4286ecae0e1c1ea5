/**
 * Facet counts (TAGS, origin, classification, caveat; top N each) and the per-month histogram over
 * a whole result set. With the columnar copy (src/search/columns.ts) counting is a pass over typed
 * arrays; without it (small result sets, or an archive changing under an ingest) SQL counts the
 * hits passed as a JSON array, one primary-key seek per hit.
 */
import { type Db, perConnection } from "../store/db.js";
import type { Columns, Dictionary, MultiColumn } from "./columns.js";
import type { FacetCount, SearchResult } from "./types.js";

export const DEFAULT_FACET_LIMIT = 10;

export type FacetResult = Pick<SearchResult, "facets" | "histogram">;

function top(values: string[], counts: Int32Array, limit: number): FacetCount[] {
  const out: FacetCount[] = [];
  for (let code = 1; code < counts.length; code++) {
    if (counts[code]! > 0) out.push({ value: values[code - 1]!, count: counts[code]! });
  }
  out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return out.slice(0, limit);
}

function countDictionary(d: Dictionary, ids: Int32Array): Int32Array {
  const counts = new Int32Array(d.values.length + 1);
  for (const id of ids) if (id < d.codes.length) counts[d.codes[id]!]!++;
  return counts;
}

function countMulti(m: MultiColumn, ids: Int32Array): Int32Array {
  const counts = new Int32Array(m.values.length + 1);
  for (const id of ids) {
    if (id + 1 >= m.start.length) continue;
    for (let k = m.start[id]!; k < m.start[id + 1]!; k++) counts[m.codes[k]!]!++;
  }
  return counts;
}

export function facetsFromColumns(cols: Columns, ids: Int32Array, limit: number): FacetResult {
  const months = countDictionary(cols.month, ids);
  const histogram: { month: string; count: number }[] = [];
  // Dictionary values come sorted from the index, so months are already in order.
  cols.month.values.forEach((month, i) => {
    if (months[i + 1]! > 0) histogram.push({ month, count: months[i + 1]! });
  });
  return {
    facets: {
      tag: top(cols.tags.values, countMulti(cols.tags, ids), limit),
      origin: top(cols.origin.values, countDictionary(cols.origin, ids), limit),
      classification: top(
        cols.classification.values,
        countDictionary(cols.classification, ids),
        limit,
      ),
      caveat: top(cols.caveats.values, countMulti(cols.caveats, ids), limit),
    },
    histogram,
  };
}

function statements(db: Db) {
  const column = (name: string) =>
    db.prepare<[string, number], FacetCount>(
      `SELECT m.${name} AS value, count(*) AS count
         FROM json_each(?) j CROSS JOIN cables m INDEXED BY cables_search_meta ON m.id = j.value
        WHERE m.${name} IS NOT NULL GROUP BY m.${name} ORDER BY count DESC, value LIMIT ?`,
    );
  // CROSS JOIN keeps the hits outside: one primary-key range per hit, not a scan of the table.
  const multi = (table: string, name: string) =>
    db.prepare<[string, number], FacetCount>(
      `SELECT t.${name} AS value, count(*) AS count
         FROM json_each(?) j CROSS JOIN ${table} t ON t.cable_id = j.value
        GROUP BY t.${name} ORDER BY count DESC, value LIMIT ?`,
    );
  return {
    origin: column("origin"),
    classification: column("classification"),
    tag: multi("tags", "tag"),
    caveat: multi("caveats", "caveat"),
    histogram: db.prepare<[string], { month: string; count: number }>(
      `SELECT m.month AS month, count(*) AS count
         FROM json_each(?) j CROSS JOIN cables m INDEXED BY cables_search_meta ON m.id = j.value
        WHERE m.month IS NOT NULL GROUP BY m.month ORDER BY m.month`,
    ),
  };
}
const stmts = perConnection(statements);

export function facetsFromSql(db: Db, ids: Int32Array, limit: number): FacetResult {
  const s = stmts(db);
  const json = JSON.stringify(Array.from(ids));
  return {
    facets: {
      tag: s.tag.all(json, limit),
      origin: s.origin.all(json, limit),
      classification: s.classification.all(json, limit),
      caveat: s.caveat.all(json, limit),
    },
    histogram: s.histogram.all(json),
  };
}
