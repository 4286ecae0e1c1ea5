/**
 * What coverage (src/analytics/coverage.ts) reads of every cable of a SQLite archive, kept per
 * connection until the archive changes (any write: the search layer's stamp): station, year and
 * serial by rowid, and each cable's cited ids that are not in the archive. In SQL a broad set's
 * view joined 50,000 REF rows and looked each target up by reference id — most of the view's time
 * at 26,000 cables; from the index it is a pass over the set.
 */
import { splitId } from "../model/reference-id.js";
import { stamp } from "../search/columns.js";
import type { Db } from "../store/db.js";

export interface CoverageIndex {
  stamp: string;
  size: number;
  /** Index into `stations` + 1 by rowid (0: not counted — no station, year or serial). */
  station: Int32Array;
  year: Int32Array;
  serial: Int32Array;
  stations: string[];
  /** Missing cited ids of cable `id`: targets[missing[start[id]..start[id+1])]. */
  start: Int32Array;
  missing: Int32Array;
  /** Distinct missing targets, parsed (station -1 when the id does not parse). */
  targetStation: Int32Array;
  targetYear: Int32Array;
  targetSerial: Int32Array;
}

const indexes = new WeakMap<Db, CoverageIndex>();

function buildIndex(db: Db, now: string): CoverageIndex {
  const size = (db.prepare<[], number | null>("SELECT max(id) FROM cables").pluck().get() ?? 0) + 1;
  const station = new Int32Array(size);
  const year = new Int32Array(size);
  const serial = new Int32Array(size);
  const stations: string[] = [];
  const stationCode = new Map<string, number>();
  const code = (s: string) => {
    let c = stationCode.get(s);
    if (c === undefined) {
      c = stations.length;
      stations.push(s);
      stationCode.set(s, c);
    }
    return c;
  };
  for (const [id, s, y, n] of db
    .prepare<[], [number, string, number, number]>(
      `SELECT id, station, year, serial FROM cables INDEXED BY cables_analytics
        WHERE station IS NOT NULL AND year IS NOT NULL AND serial IS NOT NULL`,
    )
    .raw()
    .iterate()) {
    station[id] = code(s) + 1;
    year[id] = y;
    serial[id] = n;
  }
  const start = new Int32Array(size + 1);
  const missing: number[] = [];
  const targetIndex = new Map<string, number>();
  const parsed: number[] = [];
  let next = 0;
  for (const [id, target] of db
    .prepare<[], [number, string]>(
      `SELECT r.cable_id, r.target_id FROM refs r
        WHERE r.target_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM cables t WHERE t.reference_id = r.target_id)
        ORDER BY r.cable_id`,
    )
    .raw()
    .iterate()) {
    if (id >= size) continue;
    for (; next < id; next++) start[next + 1] = missing.length;
    let t = targetIndex.get(target);
    if (t === undefined) {
      t = targetIndex.size;
      targetIndex.set(target, t);
      const p = splitId(target);
      parsed.push(p ? code(p.station) : -1, p?.year ?? 0, p?.serial ?? 0);
    }
    missing.push(t);
  }
  for (; next < size; next++) start[next + 1] = missing.length;
  const n = targetIndex.size;
  const index: CoverageIndex = {
    stamp: now,
    size,
    station,
    year,
    serial,
    stations,
    start,
    missing: Int32Array.from(missing),
    targetStation: Int32Array.from({ length: n }, (_, t) => parsed[t * 3]!),
    targetYear: Int32Array.from({ length: n }, (_, t) => parsed[t * 3 + 1]!),
    targetSerial: Int32Array.from({ length: n }, (_, t) => parsed[t * 3 + 2]!),
  };
  indexes.set(db, index);
  return index;
}

/** The connection's coverage index: fresh, built now when `build`, else null. */
export function coverageIndex(db: Db, build: boolean): CoverageIndex | null {
  const now = stamp(db);
  const index = indexes.get(db);
  if (index?.stamp === now) return index;
  return build ? buildIndex(db, now) : null;
}

/** Builds the connection's coverage index now (what the first large set would do). */
export function loadCoverageIndex(db: Db): number {
  return db.transaction(() => coverageIndex(db, true)!.missing.length)();
}
