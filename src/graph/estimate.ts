/**
 * Creation dates of absent cables, estimated from serials. A station numbers its telegrams from 1
 * every year, so within one station and year the serial grows with time: a missing serial is dated
 * by linear interpolation between the nearest lower and higher serials present. Past the last known
 * serial the estimate extrapolates at the station's average pace that year (serial 0 on 1 January to
 * the last known point), and stays inside the year; before the first known serial it interpolates
 * from 1 January. No dated neighbour of the same station and year: no estimate. The interpolation
 * itself lives with the archive (src/store/date-estimates.ts), which dates undated cables the same way.
 */
import { splitId } from "../model/reference-id.js";
import {
  interpolateSerial,
  isoDay,
  type SerialPoint,
  serialNeighbours,
} from "../store/date-estimates.js";
import { type Db, perConnection } from "../store/db.js";
import type { EstimateAccuracy } from "./types.js";

export { interpolateSerial, isoDay, type SerialPoint };

const DAY = 86_400_000;

function statements(db: Db) {
  return {
    all: db.prepare<[], { station: string; year: number; serial: number; created: string }>(
      `SELECT station, year, serial, created FROM cables INDEXED BY cables_serial_created
        WHERE station IS NOT NULL AND year IS NOT NULL AND serial IS NOT NULL AND created IS NOT NULL
        ORDER BY station, year, serial`,
    ),
  };
}
const stmts = perConnection(statements);

/** Estimated creation day (`YYYY-MM-DD`) of a cable id from the archive's serials, or null. */
export function estimateCreated(db: Db, referenceId: string): string | null {
  const parts = splitId(referenceId);
  if (!parts) return null;
  const { lower, higher } = serialNeighbours(db, parts.station, parts.year, parts.serial);
  const t = interpolateSerial(parts.serial, parts.year, lower, higher);
  return t === null ? null : isoDay(t);
}

function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

/**
 * Holds back each dated cable in turn, estimates it from the others of its station and year, and
 * reports the error in days. One ordered pass over an index: every estimate uses the same rule as
 * `estimateCreated`, with the held-back cable's own row excluded.
 */
export function estimateAccuracy(db: Db): EstimateAccuracy {
  const errors: number[] = [];
  let unestimated = 0;
  let group: SerialPoint[] = [];
  let key = "";
  let year = 0;
  const flush = () => {
    group.forEach((p, i) => {
      const t = interpolateSerial(p.serial, year, group[i - 1] ?? null, group[i + 1] ?? null);
      if (t === null) unestimated++;
      else errors.push(Math.abs(t - p.time) / DAY);
    });
    group = [];
  };
  for (const row of stmts(db).all.iterate()) {
    const k = `${row.station}|${row.year}`;
    if (k !== key) {
      flush();
      key = k;
      year = row.year;
    }
    const time = Date.parse(row.created);
    if (!Number.isNaN(time)) group.push({ serial: row.serial, time });
  }
  flush();
  errors.sort((a, b) => a - b);
  const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
  return {
    count: errors.length,
    unestimated,
    medianDays: round(quantile(errors, 0.5)),
    p90Days: round(quantile(errors, 0.9)),
    meanDays: round(errors.length ? errors.reduce((a, b) => a + b, 0) / errors.length : null),
  };
}
