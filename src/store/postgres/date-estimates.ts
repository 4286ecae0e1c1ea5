/**
 * Estimated creation dates of undated cables on PostgreSQL: the witnesses and arithmetic of
 * src/store/date-estimates.ts (estimateUndated), the neighbours read with one query per cable.
 * Run after every ingest, in one transaction, like refreshDateEstimates.
 */
import { splitId } from "../../model/reference-id.js";
import {
  type DateEstimate,
  estimateUndated,
  interpolateSerial,
  isoDay,
  type SerialPoint,
} from "../date-estimates.js";
import type { Pool, Sql } from "./connect.js";
import { WRITER_LOCK } from "./connect.js";

function point(row: { serial: number; created: string } | undefined): SerialPoint | null {
  if (!row) return null;
  const time = Date.parse(row.created);
  return Number.isNaN(time) ? null : { serial: row.serial, time };
}

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
  return { lower: point(lower), higher: point(higher) };
}

/** Estimated creation day of a cable id from the archive's serials, as src/graph/estimate.ts. */
export async function estimateCreated(sql: Sql, referenceId: string): Promise<string | null> {
  const parts = splitId(referenceId);
  if (!parts) return null;
  const { lower, higher } = await serialNeighbours(sql, parts.station, parts.year, parts.serial);
  const t = interpolateSerial(parts.serial, parts.year, lower, higher);
  return t === null ? null : isoDay(t);
}

export async function refreshDateEstimates(
  sql: Pool,
): Promise<{ estimated: number; undated: number }> {
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${WRITER_LOCK})`;
    await tx`UPDATE cables SET created_est = NULL, created_est_json = NULL
              WHERE created IS NOT NULL AND created_est_json IS NOT NULL`;
    const undated = await tx<
      { id: number; station: string; year: number; serial: number; declDate: string | null }[]
    >`
      SELECT id, station, year, serial, decl_date AS "declDate" FROM cables
       WHERE created IS NULL AND station IS NOT NULL AND year IS NOT NULL AND serial IS NOT NULL`;
    let estimated = 0;
    for (const u of undated) {
      const { lower, higher } = await serialNeighbours(tx, u.station, u.year, u.serial);
      const e = estimateUndated(u, lower, higher);
      if (e) estimated++;
      await tx`UPDATE cables SET created_est = ${e?.date ?? null}, created_est_json = ${e ? JSON.stringify(e) : null},
                 month = ${e ? e.date.slice(0, 7) : null} WHERE id = ${u.id}`;
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
