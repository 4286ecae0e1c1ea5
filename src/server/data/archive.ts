/**
 * Counts over the whole archive that the search layer does not give: every value of a column with
 * its count (for browsing), cables per month and per year. Plain SQL over the schema of
 * src/store/migrations; each query reads an index, not the wide cable rows.
 */
import type { FacetCount } from "../../search/types.js";
import { type Db, perConnection } from "../../store/db.js";

export type Column = "origin" | "classification";

function statements(db: Db) {
  const counted = (sql: string) => db.prepare<[], FacetCount>(sql);
  return {
    origin: counted(
      `SELECT origin AS value, count(*) AS count FROM cables WHERE origin IS NOT NULL
        GROUP BY origin ORDER BY count DESC, origin`,
    ),
    classification: counted(
      `SELECT classification AS value, count(*) AS count FROM cables
        WHERE classification IS NOT NULL GROUP BY classification ORDER BY count DESC, classification`,
    ),
    tag: counted(
      "SELECT tag AS value, count(*) AS count FROM tags GROUP BY tag ORDER BY count DESC, tag",
    ),
    months: db.prepare<[], { month: string; count: number }>(
      `SELECT month, count(*) AS count FROM cables WHERE month IS NOT NULL
        GROUP BY month ORDER BY month`,
    ),
  };
}
const stmts = perConnection(statements);

/** Every value of a column with its number of cables, most frequent first. */
export function columnValues(db: Db, column: Column): FacetCount[] {
  return stmts(db)[column].all();
}

/** Every TAG of the archive with its number of cables, most frequent first. */
export function tagCounts(db: Db): FacetCount[] {
  return stmts(db).tag.all();
}

/** Cables created per month (`YYYY-MM`), months without cables left out. */
export function monthCounts(db: Db): { month: string; count: number }[] {
  return stmts(db).months.all();
}

export interface YearCount {
  year: string;
  count: number;
  months: { month: string; count: number }[];
}

/** Cables created per year, each with its months. */
export function yearCounts(db: Db): YearCount[] {
  const years = new Map<string, YearCount>();
  for (const m of monthCounts(db)) {
    const year = m.month.slice(0, 4);
    let y = years.get(year);
    if (!y) {
      y = { year, count: 0, months: [] };
      years.set(year, y);
    }
    y.count += m.count;
    y.months.push(m);
  }
  return [...years.values()];
}
