/**
 * Coverage: how much of each post's traffic the archive holds. Serial numbers run per post and
 * year, so a post's highest serial seen bounds how many cables it sent that year (from below: later
 * serials may be missing too). Per post and year: cables held, the highest serial held or cited,
 * the share held, and the cables cited by archive cables but not held.
 */
import { splitId } from "../model/reference-id.js";
import { stamp } from "../search/columns.js";
import type { Db } from "../store/db.js";
import { idsJson } from "./result.js";
import type { Table } from "./table.js";

export interface CoverageRow {
  station: string;
  year: number;
  held: number;
  /** Highest serial held or cited for this post and year. */
  highestSerial: number;
  /** held / highestSerial (rounded to 4 places). */
  share: number;
  /** Distinct cables of this post and year cited by the set but not in the archive. */
  missing: number;
}

export interface Coverage {
  /** Cables of the set counted (those with a station, year and serial). */
  counted: number;
  rows: CoverageRow[];
}

/**
 * What coverage reads of every cable, kept per connection until the archive changes (any write:
 * the search layer's stamp): station, year and serial by rowid, and each cable's cited ids that are
 * not in the archive. In SQL a broad set's view joined 50,000 REF rows and looked each target up
 * by reference id — most of the view's time at 26,000 cables; here it is a pass over the set.
 */
interface CoverageIndex {
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

/** Sets from this size build the index when the connection has none. */
export const COVERAGE_INDEX_FROM = 2000;

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
function coverageIndex(db: Db, build: boolean): CoverageIndex | null {
  const now = stamp(db);
  const index = indexes.get(db);
  if (index?.stamp === now) return index;
  return build ? buildIndex(db, now) : null;
}

/** Builds the connection's coverage index now (what the first large set would do). */
export function loadCoverageIndex(db: Db): number {
  return db.transaction(() => coverageIndex(db, true)!.missing.length)();
}

/** Coverage of the cables at `ids` (every rowid when null) from the index. */
function fromIndex(x: CoverageIndex, ids: Int32Array | null): Coverage {
  const rows = new Map<number, CoverageRow>();
  const row = (station: number, year: number) => {
    const k = station * 10_000 + year;
    let r = rows.get(k);
    if (!r) {
      r = { station: x.stations[station]!, year, held: 0, highestSerial: 0, share: 0, missing: 0 };
      rows.set(k, r);
    }
    return r;
  };
  const seen = new Uint8Array(x.targetStation.length);
  let counted = 0;
  const count = ids ? ids.length : x.size;
  for (let i = 0; i < count; i++) {
    const id = ids ? ids[i]! : i;
    if (id >= x.size) continue;
    const s = x.station[id]!;
    if (s > 0) {
      const r = row(s - 1, x.year[id]!);
      r.held++;
      if (x.serial[id]! > r.highestSerial) r.highestSerial = x.serial[id]!;
      counted++;
    }
    for (let k = x.start[id]!; k < x.start[id + 1]!; k++) {
      const t = x.missing[k]!;
      if (seen[t] === 1) continue;
      seen[t] = 1;
      if (x.targetStation[t]! < 0) continue;
      const r = row(x.targetStation[t]!, x.targetYear[t]!);
      r.missing++;
      r.highestSerial = Math.max(r.highestSerial, x.targetSerial[t]!);
    }
  }
  return finish([...rows.values()], counted);
}

function finish(out: CoverageRow[], counted: number): Coverage {
  for (const r of out) {
    r.share = r.highestSerial > 0 ? Math.round((r.held / r.highestSerial) * 1e4) / 1e4 : 0;
  }
  out.sort((a, b) => (a.station < b.station ? -1 : a.station > b.station ? 1 : a.year - b.year));
  return { counted, rows: out };
}

/**
 * Coverage of the set's posts and years (the whole archive when `ids` is null): from the
 * connection's index when it has one or the set is large, else in SQL.
 */
export function coverage(db: Db, ids: Int32Array | null): Coverage {
  return db.transaction((): Coverage => {
    const index = coverageIndex(db, ids === null || ids.length >= COVERAGE_INDEX_FROM);
    return index ? fromIndex(index, ids) : coverageInSql(db, ids);
  })();
}

/** Coverage in SQL: what the index holds, read for the set alone. */
export function coverageInSql(db: Db, ids: Int32Array | null): Coverage {
  return db.transaction((): Coverage => {
    const source = ids
      ? "json_each(?) j CROSS JOIN cables c INDEXED BY cables_analytics ON c.id = j.value"
      : "cables c";
    const args = ids ? [idsJson(ids)] : [];
    const held = db
      .prepare<string[], { station: string; year: number; held: number; top: number }>(
        `SELECT c.station, c.year, count(*) AS held, max(c.serial) AS top FROM ${source}
          WHERE c.station IS NOT NULL AND c.year IS NOT NULL AND c.serial IS NOT NULL
          GROUP BY c.station, c.year`,
      )
      .all(...args);
    const cited = db
      .prepare<string[], { target: string }>(
        `SELECT DISTINCT r.target_id AS target FROM ${source}
           JOIN refs r ON r.cable_id = c.id
          WHERE r.target_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM cables t WHERE t.reference_id = r.target_id)`,
      )
      .all(...args);
    const key = (s: string, y: number) => `${s} ${y}`;
    const rows = new Map<string, CoverageRow>();
    for (const h of held) {
      rows.set(key(h.station, h.year), {
        station: h.station,
        year: h.year,
        held: h.held,
        highestSerial: h.top,
        share: 0,
        missing: 0,
      });
    }
    for (const { target } of cited) {
      const p = splitId(target);
      if (!p) continue;
      const k = key(p.station, p.year);
      let row = rows.get(k);
      if (!row) {
        row = { station: p.station, year: p.year, held: 0, highestSerial: 0, share: 0, missing: 0 };
        rows.set(k, row);
      }
      row.missing++;
      row.highestSerial = Math.max(row.highestSerial, p.serial);
    }
    return finish(
      [...rows.values()],
      held.reduce((s, h) => s + h.held, 0),
    );
  })();
}

export function coverageTable(c: Coverage): Table {
  return {
    name: "coverage",
    title: "Coverage per post and year: cables held against the highest serial seen",
    columns: ["station", "year", "held", "highest serial", "share held", "cited, not held"],
    rows: c.rows.map((r) => [r.station, r.year, r.held, r.highestSerial, r.share, r.missing]),
  };
}
