/**
 * The analytics views' reads (src/analytics/source.ts) on a SQLite archive: the statements the
 * views ran themselves before they were written against the interface, and the connection's
 * in-memory structures they read at scale (the facts as typed-array columns,
 * src/store/analytics-facts-read.ts; the coverage index, src/analytics/coverage-index.ts).
 */
import { columnsIfBuilt } from "../search/columns.js";
import { visibleIds } from "../search/entity-visibility.js";
import { matchIds } from "../search/hits.js";
import { planQuery } from "../search/plan.js";
import { stmts } from "../store/analytics-facts.js";
import { readFacts } from "../store/analytics-facts-read.js";
import type { Db } from "../store/db.js";
import { ensureEventDates, readEventDates } from "../store/event-dates.js";
import { trafficCounts } from "../store/traffic-counts.js";
import { coverageIndex } from "./coverage-index.js";
import type { AnalyticsSource, HeldCount, ListedCable, ThreadCable } from "./source.js";

const LISTED = `c.id, c.reference_id AS referenceId, c.created, c.level, c.origin, c.subject`;
const THREAD = `c.id, c.reference_id AS referenceId, c.origin, c.station, c.created, c.subject`;

function json(ids: ArrayLike<number>): string {
  return JSON.stringify(Array.from(ids));
}

/** The set's cables as SQL reads them: one primary-key seek per id, or the whole table. */
function setSource(ids: Int32Array | null): { from: string; args: string[] } {
  return ids
    ? {
        from: "json_each(?) j CROSS JOIN cables c INDEXED BY cables_analytics ON c.id = j.value",
        args: [json(ids)],
      }
    : { from: "cables c", args: [] };
}

function reportedTexts(db: Db, ids: ArrayLike<number>, from: string, to: string) {
  const stale = ensureEventDates(db);
  const out = db
    .prepare<[string, string, string], { id: number; text: string }>(
      `SELECT e.cable_id AS id, e.text FROM json_each(?) j
         CROSS JOIN event_dates e ON e.cable_id = j.value
        WHERE e.start BETWEEN ? AND ? ORDER BY e.cable_id, e.seq, e.start, e.rowid`,
    )
    .all(json(ids), from, to)
    .filter((r) => !stale.has(r.id));
  if (stale.size > 0) {
    const created = db
      .prepare<[number], string | null>("SELECT created FROM cables WHERE id = ?")
      .pluck();
    for (const id of Array.from(ids)) {
      if (!stale.has(id)) continue;
      for (const e of readEventDates(db, id, created.get(id) ?? null)) {
        if (e.start >= from && e.start <= to) out.push({ id, text: e.text });
      }
    }
  }
  return out;
}

export function sqliteAnalytics(db: Db): AnalyticsSource {
  return {
    // What the search finds: on a public connection, not the cables protecting a name the query
    // names (src/search/entity-visibility.ts).
    match: async (node) =>
      db.transaction(() => {
        const built = columnsIfBuilt(db);
        const ids = matchIds(db, planQuery(db, node).plan, built);
        const visible = visibleIds(db, node, ids, (n) =>
          matchIds(db, planQuery(db, n).plan, built),
        );
        return Int32Array.from(visible).sort();
      })(),
    facts: async (ids) => readFacts(db, ids),
    traffic: async (dimension) => trafficCounts(db, dimension),
    days: async () =>
      db
        .prepare<[], { day: string; count: number }>(
          `SELECT substr(created, 1, 10) AS day, count(*) AS count
             FROM cables INDEXED BY cables_created WHERE created IS NOT NULL GROUP BY day`,
        )
        .all(),
    version: async () =>
      db.prepare<[], number | null>("SELECT max(id) FROM versions").pluck().get() ?? 0,
    cables: async (ids) =>
      db
        .prepare<[string], ListedCable>(
          `SELECT ${LISTED} FROM json_each(?) j CROSS JOIN cables c ON c.id = j.value ORDER BY j.key`,
        )
        .all(json(ids)),
    // Ordered through the covering index first, so only the rows listed are read whole.
    firstCables: async (ids, limit, window) =>
      db
        .prepare<(string | number)[], ListedCable>(
          `SELECT ${LISTED} FROM (
             SELECT c.id FROM json_each(?) j
               CROSS JOIN cables c INDEXED BY cables_analytics ON c.id = j.value
              ${window ? "WHERE c.created >= ? AND c.created < ?" : ""}
              ORDER BY c.created, c.id LIMIT ?) s
             CROSS JOIN cables c ON c.id = s.id ORDER BY c.created, c.id`,
        )
        .all(json(ids), ...(window ? [window.from, window.before] : []), limit),
    firstWith: async (dimension, value, window, limit) =>
      db
        .prepare<[string, string, string, number], ListedCable>(
          dimension === "tag"
            ? `SELECT ${LISTED} FROM tags t JOIN cables c ON c.id = t.cable_id
                WHERE t.tag = ? AND c.created >= ? AND c.created < ? ORDER BY c.created, c.id LIMIT ?`
            : `SELECT ${LISTED} FROM cables c INDEXED BY cables_origin
                WHERE c.origin = ? AND c.created >= ? AND c.created < ? ORDER BY c.created, c.id LIMIT ?`,
        )
        .all(value, window.from, window.before, limit),
    reportedTexts: async (ids, from, to) => reportedTexts(db, ids, from, to),
    classifierTitles: async (cableIds) => classifierTitles(db, cableIds),
    coverageIndex: async (build) => db.transaction(() => coverageIndex(db, build))(),
    held: async (ids) => {
      const s = setSource(ids);
      return db
        .prepare<string[], HeldCount>(
          `SELECT c.station, c.year, count(*) AS held, max(c.serial) AS top FROM ${s.from}
            WHERE c.station IS NOT NULL AND c.year IS NOT NULL AND c.serial IS NOT NULL
            GROUP BY c.station, c.year`,
        )
        .all(...s.args);
    },
    citedAbsent: async (ids) => {
      const s = setSource(ids);
      return db
        .prepare<string[], string>(
          `SELECT DISTINCT r.target_id AS target FROM ${s.from}
             JOIN refs r ON r.cable_id = c.id
            WHERE r.target_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM cables t WHERE t.reference_id = r.target_id)`,
        )
        .pluck()
        .all(...s.args);
    },
    threadCable: async (referenceId) =>
      db
        .prepare<[string], ThreadCable>(`SELECT ${THREAD} FROM cables c WHERE reference_id = ?`)
        .get(referenceId) ?? null,
    citesOf: async (cableId) =>
      db
        .prepare<[number], string>(
          `SELECT DISTINCT target_id AS target FROM refs
            WHERE cable_id = ? AND target_id IS NOT NULL ORDER BY seq`,
        )
        .pluck()
        .all(cableId),
    citing: async (referenceId, limit) =>
      db
        .prepare<[string, number], ThreadCable>(
          `SELECT DISTINCT ${THREAD} FROM refs r JOIN cables c ON c.id = r.cable_id
            WHERE r.target_id = ? ORDER BY c.created, c.id LIMIT ?`,
        )
        .all(referenceId, limit),
    addressed: async (cableId) =>
      db
        .prepare<[number], { role: "to" | "info"; route: string | null; name: string }>(
          "SELECT role, route, name FROM recipients WHERE cable_id = ? ORDER BY role DESC, seq",
        )
        .all(cableId),
  };
}

/**
 * Title of each classifying official, from one cable they classified (the title is in the JSON,
 * which costs a parse per cable): kept per connection while the archive stays at the same version,
 * since a broad view asks for the same fifty cables each time.
 */
const titleMemo = new WeakMap<Db, { version: number; titles: Map<number, string | null> }>();

function classifierTitles(db: Db, cableIds: readonly number[]): Map<number, string | null> {
  const version = stmts(db).archiveVersion.get() ?? 0;
  let memo = titleMemo.get(db);
  if (!memo || memo.version !== version) {
    memo = { version, titles: new Map() };
    titleMemo.set(db, memo);
  }
  const known = memo.titles;
  const wanted = cableIds.filter((id) => !known.has(id));
  if (wanted.length > 0) {
    const rows = db
      .prepare<[string], [number, string | null]>(
        `SELECT c.id, json_extract(c.cable_json, '$.classifiedBy.title')
           FROM json_each(?) j CROSS JOIN cables c ON c.id = j.value`,
      )
      .raw()
      .all(JSON.stringify(wanted));
    for (const [id, title] of rows) known.set(id, title);
  }
  return new Map(cableIds.map((id) => [id, known.get(id) ?? null]));
}
