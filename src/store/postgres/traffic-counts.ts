/**
 * Cables per month of the archive and of each TAG, origin and level on PostgreSQL: the counts of
 * src/store/traffic-counts.ts from the same SQL, stored in `traffic_counts` (migration
 * 002-analytics) when an ingest or `migrate` finishes, and computed from the tables by a reader
 * that finds them older than the archive.
 */
import type { TrafficCount, TrafficDimension } from "../traffic-counts.js";
import type { Sql } from "./connect.js";

const SOURCES: Record<TrafficDimension, string> = {
  all: `SELECT '' AS value, month, count(*)::int AS count
          FROM cables WHERE month IS NOT NULL GROUP BY month`,
  tag: `SELECT t.tag AS value, c.month AS month, count(*)::int AS count
          FROM tags t JOIN cables c ON c.id = t.cable_id
         WHERE c.month IS NOT NULL GROUP BY t.tag, c.month`,
  origin: `SELECT origin AS value, month, count(*)::int AS count
             FROM cables WHERE month IS NOT NULL AND origin IS NOT NULL GROUP BY origin, month`,
  level: `SELECT level AS value, month, count(*)::int AS count
            FROM cables WHERE month IS NOT NULL AND level IS NOT NULL GROUP BY level, month`,
};

async function fresh(sql: Sql): Promise<{ fresh: boolean; version: number }> {
  const [row] = await sql<{ version: number; built: number | null }[]>`
    SELECT (SELECT coalesce(max(id), 0) FROM versions) AS version,
           (SELECT version FROM traffic_counts_state WHERE id = 1) AS built`;
  return { fresh: row!.built === row!.version, version: row!.version };
}

/** Rebuilds every count from the tables, in the caller's transaction, when they are stale. */
export async function refreshTrafficCounts(tx: Sql): Promise<void> {
  const s = await fresh(tx);
  if (s.fresh) return;
  await tx`DELETE FROM traffic_counts`;
  for (const [dimension, source] of Object.entries(SOURCES)) {
    await tx.unsafe(
      `INSERT INTO traffic_counts (dimension, value, month, count)
       SELECT $1, value, month, count FROM (${source}) s`,
      [dimension],
    );
  }
  await tx`INSERT INTO traffic_counts_state (id, version) VALUES (1, ${s.version})
           ON CONFLICT (id) DO UPDATE SET version = excluded.version`;
}

/** Counts per month of one dimension (for 'all', value is ''), ordered by value then month. */
export async function trafficCountsPostgres(
  sql: Sql,
  dimension: TrafficDimension,
): Promise<TrafficCount[]> {
  // Binary order (COLLATE "C"), as SQLite orders text.
  const rows = (await fresh(sql)).fresh
    ? await sql<TrafficCount[]>`
        SELECT value, month, count FROM traffic_counts WHERE dimension = ${dimension} AND count > 0
         ORDER BY value COLLATE "C", month COLLATE "C"`
    : ((await sql.unsafe(
        `SELECT value, month, count FROM (${SOURCES[dimension]}) s
          ORDER BY value COLLATE "C", month COLLATE "C"`,
      )) as unknown as TrafficCount[]);
  return rows.map((r) => ({ value: r.value, month: r.month, count: r.count }));
}
