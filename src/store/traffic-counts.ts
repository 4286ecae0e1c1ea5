/**
 * Cables per month of the whole archive, of each TAG, origin and classification level, kept in
 * `traffic_counts` (migration 006). They are rebuilt in one transaction from the tables whenever
 * the archive has moved on since the last build — every stored cable and every new version adds a
 * `versions` row, so max(versions.id) names the archive's state — which makes them exact after
 * re-ingests and new versions without a trigger on the ingest's hot path (a trigger on `cables`
 * would make FTS5 flush per cable; see migration 003). A read-only connection that finds them stale
 * computes them without storing.
 */
import type { Db } from "./db.js";

export const TRAFFIC_DIMENSIONS = ["all", "tag", "origin", "level"] as const;
export type TrafficDimension = (typeof TRAFFIC_DIMENSIONS)[number];

export interface TrafficCount {
  value: string;
  month: string;
  count: number;
}

/** Each dimension's counts as `value, month, count` rows, straight from the tables. */
const SOURCES: Record<TrafficDimension, string> = {
  all: `SELECT '' AS value, month, count(*) AS count
          FROM cables WHERE month IS NOT NULL GROUP BY month`,
  tag: `SELECT t.tag AS value, c.month AS month, count(*) AS count
          FROM tags t JOIN cables c ON c.id = t.cable_id
         WHERE c.month IS NOT NULL GROUP BY t.tag, c.month`,
  origin: `SELECT origin AS value, month, count(*) AS count
             FROM cables WHERE month IS NOT NULL AND origin IS NOT NULL GROUP BY origin, month`,
  level: `SELECT level AS value, month, count(*) AS count
            FROM cables WHERE month IS NOT NULL AND level IS NOT NULL GROUP BY level, month`,
};

function archiveVersion(db: Db): number {
  return db.prepare<[], number | null>("SELECT max(id) FROM versions").pluck().get() ?? 0;
}

function builtVersion(db: Db): number | null {
  return (
    db.prepare<[], number>("SELECT version FROM traffic_counts_state WHERE id = 1").pluck().get() ??
    null
  );
}

/** Rebuilds every count from the tables (one transaction); returns the archive version built. */
export function refreshTrafficCounts(db: Db): number {
  return db.transaction(() => {
    const version = archiveVersion(db);
    db.exec("DELETE FROM traffic_counts");
    for (const [dimension, sql] of Object.entries(SOURCES)) {
      db.prepare(
        `INSERT INTO traffic_counts (dimension, value, month, count)
         SELECT ?, value, month, count FROM (${sql})`,
      ).run(dimension);
    }
    db.prepare(
      `INSERT INTO traffic_counts_state (id, version) VALUES (1, ?)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version`,
    ).run(version);
    return version;
  })();
}

/** Whether the stored counts describe the archive as it is now. */
export function trafficCountsFresh(db: Db): boolean {
  return builtVersion(db) === archiveVersion(db);
}

/** Errors that mean "cannot store now" (read-only, or another process writing): compute instead. */
function cannotWrite(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === "SQLITE_READONLY" || code === "SQLITE_BUSY";
}

/**
 * Counts per month of one dimension (for 'all', value is ''), ordered by value then month;
 * rebuilt first when stale, or computed without storing when the connection cannot write now.
 */
export function trafficCounts(db: Db, dimension: TrafficDimension): TrafficCount[] {
  if (!trafficCountsFresh(db)) {
    try {
      if (db.readonly) throw Object.assign(new Error("read-only"), { code: "SQLITE_READONLY" });
      refreshTrafficCounts(db);
    } catch (err) {
      if (!cannotWrite(err)) throw err;
      return db
        .prepare<[], TrafficCount>(
          `SELECT value, month, count FROM (${SOURCES[dimension]}) ORDER BY value, month`,
        )
        .all();
    }
  }
  return db
    .prepare<[string], TrafficCount>(
      `SELECT value, month, count FROM traffic_counts
        WHERE dimension = ? AND count > 0 ORDER BY value, month`,
    )
    .all(dimension);
}
