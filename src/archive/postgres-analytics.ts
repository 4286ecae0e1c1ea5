/**
 * The analytics views' reads (src/analytics/source.ts) on PostgreSQL: the result set from the
 * PostgreSQL search, facts and traffic counts from migration 002-analytics, and the rows the views
 * list by the statements of src/analytics/sqlite-source.ts. Text orders by COLLATE "C" and NULLs
 * first, as SQLite orders them, so both back ends list the same cables in the same order.
 */
import type { AnalyticsSource, HeldCount, ListedCable, ThreadCable } from "../analytics/source.js";
import { matchIdsPostgres } from "../search/postgres/search.js";
import { readFactsPostgres, reportedTextsPostgres } from "../store/postgres/analytics-facts.js";
import type { PgArchive } from "../store/postgres/connect.js";
import { trafficCountsPostgres } from "../store/postgres/traffic-counts.js";

type Guard = <T>(f: () => Promise<T>) => Promise<T>;

const LISTED = `c.id, c.reference_id AS "referenceId", c.created, c.level, c.origin, c.subject`;
const THREAD = `c.id, c.reference_id AS "referenceId", c.origin, c.station, c.created, c.subject`;
const BY_CREATION = `created COLLATE "C" NULLS FIRST, id`;

export function postgresAnalytics(pg: PgArchive, guard: Guard): AnalyticsSource {
  const sql = pg.sql;
  const rows = async <T>(text: string, params: unknown[]): Promise<T[]> => [
    ...((await sql.unsafe(text, params as never[])) as unknown as T[]),
  ];
  /** The set's cables: a join with its ids (hashable, unlike a long `= ANY`), or every cable. */
  const setSql = (ids: Int32Array | null) =>
    ids
      ? { from: "unnest($1::bigint[]) AS s(id) JOIN cables c ON c.id = s.id", params: [[...ids]] }
      : { from: "cables c", params: [] };
  const source: AnalyticsSource = {
    match: (node) => guard(() => matchIdsPostgres(sql, node)),
    // One snapshot: the build state, the stored records and the dictionary agree.
    facts: (ids) =>
      guard(() =>
        sql.begin("ISOLATION LEVEL REPEATABLE READ READ ONLY", (tx) =>
          readFactsPostgres(tx, pg, ids),
        ),
      ),
    traffic: (dimension) => guard(() => trafficCountsPostgres(sql, dimension)),
    days: () =>
      guard(() =>
        rows<{ day: string; count: number }>(
          `SELECT substr(created, 1, 10) AS day, count(*)::int AS count
             FROM cables WHERE created IS NOT NULL GROUP BY 1`,
          [],
        ),
      ),
    version: () =>
      guard(async () => {
        const [row] = await sql<{ v: number }[]>`SELECT coalesce(max(id), 0) AS v FROM versions`;
        return row!.v;
      }),
    cables: (ids) =>
      guard(async () => {
        const list = Array.from(ids);
        const found = new Map(
          (
            await rows<ListedCable>(
              `SELECT ${LISTED} FROM cables c WHERE c.id = ANY($1::bigint[])`,
              [list],
            )
          ).map((c) => [c.id, c]),
        );
        return list.flatMap((id) => {
          const c = found.get(id);
          return c ? [c] : [];
        });
      }),
    firstCables: (ids, limit, window) =>
      guard(() =>
        rows<ListedCable>(
          `SELECT * FROM (SELECT ${LISTED} FROM unnest($1::bigint[]) AS s(id)
              JOIN cables c ON c.id = s.id
             ${window ? "WHERE c.created >= $3 AND c.created < $4" : ""}) x
            ORDER BY ${BY_CREATION} LIMIT $2`,
          [Array.from(ids), limit, ...(window ? [window.from, window.before] : [])],
        ),
      ),
    firstWith: (dimension, value, window, limit) =>
      guard(() =>
        rows<ListedCable>(
          dimension === "tag"
            ? `SELECT * FROM (SELECT ${LISTED} FROM tags t JOIN cables c ON c.id = t.cable_id
                 WHERE t.tag = $1 AND c.created >= $2 AND c.created < $3) x
                ORDER BY ${BY_CREATION} LIMIT $4`
            : `SELECT * FROM (SELECT ${LISTED} FROM cables c
                 WHERE c.origin = $1 AND c.created >= $2 AND c.created < $3) x
                ORDER BY ${BY_CREATION} LIMIT $4`,
          [value, window.from, window.before, limit],
        ),
      ),
    reportedTexts: (ids, from, to) =>
      guard(async () => {
        // The facts say which cables report a day in the window: only their paragraphs are read.
        const f = await source.facts(Int32Array.from(ids));
        const { start, values } = f.lists.reported;
        const hits: number[] = [];
        for (let i = 0; i < f.n; i++) {
          for (let k = start[i]!; k < start[i + 1]!; k++) {
            const day = f.text(values[k]!) ?? "";
            if (day >= from && day <= to) {
              hits.push(f.ids[i]!);
              break;
            }
          }
        }
        return reportedTextsPostgres(sql, hits, from, to);
      }),
    classifierTitles: (cableIds) =>
      guard(async () => {
        const rows = await sql<{ id: number; t: string | null }[]>`
          SELECT id, cable_json::json #>> '{classifiedBy,title}' AS t FROM cables
           WHERE id = ANY(${[...cableIds]}::bigint[])`;
        return new Map(rows.map((r) => [r.id, r.t]));
      }),
    // No index kept per process: PostgreSQL counts a set's posts and citations in SQL.
    coverageIndex: async () => null,
    held: (ids) =>
      guard(() => {
        const s = setSql(ids);
        return rows<HeldCount>(
          `SELECT c.station, c.year, count(*)::int AS held, max(c.serial) AS top FROM ${s.from}
            WHERE c.station IS NOT NULL AND c.year IS NOT NULL AND c.serial IS NOT NULL
            GROUP BY c.station, c.year`,
          s.params,
        );
      }),
    citedAbsent: (ids) =>
      guard(async () => {
        const s = setSql(ids);
        return (
          await rows<{ target: string }>(
            `SELECT DISTINCT r.target_id AS target FROM ${s.from}
               JOIN refs r ON r.cable_id = c.id
              WHERE r.target_id IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM cables t WHERE t.reference_id = r.target_id)`,
            s.params,
          )
        ).map((r) => r.target);
      }),
    threadCable: (referenceId) =>
      guard(async () => {
        const [row] = await rows<ThreadCable>(
          `SELECT ${THREAD} FROM cables c WHERE c.reference_id = $1`,
          [referenceId],
        );
        return row ?? null;
      }),
    citesOf: (cableId) =>
      guard(async () =>
        (
          await sql<{ target: string }[]>`
            SELECT target_id AS target FROM refs WHERE cable_id = ${cableId} AND target_id IS NOT NULL
             GROUP BY target_id ORDER BY min(seq)`
        ).map((r) => r.target),
      ),
    citing: (referenceId, limit) =>
      guard(() =>
        rows<ThreadCable>(
          `SELECT * FROM (SELECT DISTINCT ${THREAD} FROM refs r JOIN cables c ON c.id = r.cable_id
             WHERE r.target_id = $1) x ORDER BY ${BY_CREATION} LIMIT $2`,
          [referenceId, limit],
        ),
      ),
    addressed: (cableId) =>
      guard(async () => [
        ...(await sql<{ role: "to" | "info"; route: string | null; name: string }[]>`
          SELECT role, route, name FROM recipients WHERE cable_id = ${cableId}
           ORDER BY role COLLATE "C" DESC, seq`),
      ]),
  };
  return source;
}
