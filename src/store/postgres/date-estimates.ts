/**
 * Estimated creation dates of undated cables on PostgreSQL: the witnesses and arithmetic of
 * src/store/date-estimates.ts (estimateUndated), the neighbours of all undated cables read in one
 * query. Run after every ingest, in one transaction, like refreshDateEstimates.
 */
import { splitId } from "../../model/reference-id.js";
import {
  type DateEstimate,
  estimateUndated,
  interpolateSerial,
  isoDay,
  type SerialPoint,
  serialPoint,
} from "../date-estimates.js";
import type { Pool, Sql } from "./connect.js";
import { WRITER_LOCK } from "./connect.js";

/** The dated cables of the same station and year just below and above a serial (src/store/date-estimates.ts). */
async function serialNeighbours(
  sql: Sql,
  station: string,
  year: number,
  serial: number,
): Promise<{ lower: SerialPoint | null; higher: SerialPoint | null }> {
  const [lower] = await sql<{ serial: number; created: string }[]>`
    SELECT serial, created FROM cables WHERE station = ${station} AND year = ${year}
       AND serial < ${serial} AND created IS NOT NULL ORDER BY serial DESC LIMIT 1`;
  const [higher] = await sql<{ serial: number; created: string }[]>`
    SELECT serial, created FROM cables WHERE station = ${station} AND year = ${year}
       AND serial > ${serial} AND created IS NOT NULL ORDER BY serial ASC LIMIT 1`;
  return { lower: serialPoint(lower), higher: serialPoint(higher) };
}

/** Estimated creation day of a cable id from the archive's serials, as src/graph/estimate.ts. */
export async function estimateCreated(sql: Sql, referenceId: string): Promise<string | null> {
  const parts = splitId(referenceId);
  if (!parts) return null;
  const { lower, higher } = await serialNeighbours(sql, parts.station, parts.year, parts.serial);
  const t = interpolateSerial(parts.serial, parts.year, lower, higher);
  return t === null ? null : isoDay(t);
}

/**
 * Every undated cable's estimate from its serial neighbours, read for all of them in one query
 * (two index probes each, cables_station_year_serial), and written back in one UPDATE that
 * touches only the rows whose estimate changed: a rewritten row is a new tuple in every index,
 * the GIN ones included, so an ingest that dates nothing new writes nothing here.
 */
export async function refreshDateEstimates(
  sql: Pool,
): Promise<{ estimated: number; undated: number }> {
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${WRITER_LOCK})`;
    await tx`UPDATE cables SET created_est = NULL, created_est_json = NULL
              WHERE created IS NOT NULL AND created_est_json IS NOT NULL`;
    const undated = await tx<
      {
        id: number;
        station: string;
        year: number;
        serial: number;
        declDate: string | null;
        loSerial: number | null;
        loCreated: string | null;
        hiSerial: number | null;
        hiCreated: string | null;
      }[]
    >`
      SELECT u.id, u.station, u.year, u.serial, u.decl_date AS "declDate",
             lo.serial AS "loSerial", lo.created AS "loCreated",
             hi.serial AS "hiSerial", hi.created AS "hiCreated"
        FROM cables u
        LEFT JOIN LATERAL (
          SELECT serial, created FROM cables c WHERE c.station = u.station AND c.year = u.year
             AND c.serial < u.serial AND c.created IS NOT NULL ORDER BY c.serial DESC LIMIT 1) lo ON true
        LEFT JOIN LATERAL (
          SELECT serial, created FROM cables c WHERE c.station = u.station AND c.year = u.year
             AND c.serial > u.serial AND c.created IS NOT NULL ORDER BY c.serial ASC LIMIT 1) hi ON true
       WHERE u.created IS NULL AND u.station IS NOT NULL AND u.year IS NOT NULL
         AND u.serial IS NOT NULL`;
    const ids: number[] = [];
    const dates: (string | null)[] = [];
    const jsons: (string | null)[] = [];
    const months: (string | null)[] = [];
    let estimated = 0;
    for (const u of undated) {
      const lower =
        u.loCreated === null ? null : serialPoint({ serial: u.loSerial!, created: u.loCreated });
      const higher =
        u.hiCreated === null ? null : serialPoint({ serial: u.hiSerial!, created: u.hiCreated });
      const e = estimateUndated(u, lower, higher);
      if (e) estimated++;
      ids.push(u.id);
      dates.push(e?.date ?? null);
      jsons.push(e ? JSON.stringify(e) : null);
      months.push(e ? e.date.slice(0, 7) : null);
    }
    if (ids.length > 0) {
      await tx`
        UPDATE cables c SET created_est = u.d, created_est_json = u.j, month = u.m
          FROM unnest(${ids}::bigint[], ${dates}::text[], ${jsons}::text[], ${months}::text[])
               AS u(id, d, j, m)
         WHERE c.id = u.id AND (c.created_est IS DISTINCT FROM u.d
            OR c.created_est_json IS DISTINCT FROM u.j OR c.month IS DISTINCT FROM u.m)`;
    }
    return { estimated, undated: undated.length };
  });
}

export async function dateEstimate(sql: Sql, referenceId: string): Promise<DateEstimate | null> {
  const [row] = await sql<
    { j: string | null }[]
  >`SELECT created_est_json AS j FROM cables WHERE reference_id = ${referenceId}`;
  return row?.j ? (JSON.parse(row.j) as DateEstimate) : null;
}
