/**
 * Coverage: how much of each post's traffic the archive holds. Serial numbers run per post and
 * year, so a post's highest serial seen bounds how many cables it sent that year (from below: later
 * serials may be missing too). Per post and year: cables held, the highest serial held or cited,
 * the share held, and the cables cited by archive cables but not held.
 */
import { splitId } from "../model/reference-id.js";
import type { CoverageIndex } from "./coverage-index.js";
import type { AnalyticsSource, HeldCount } from "./source.js";
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

/** Sets from this size build the index when the back end keeps one (SQLite) and has none yet. */
export const COVERAGE_INDEX_FROM = 2000;

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
 * Coverage of the set's posts and years (the whole archive when `ids` is null): from the back
 * end's index when it keeps one and has it or the set is large (SQLite), else from the counts it
 * reads for the set (PostgreSQL, and small sets on SQLite).
 */
export async function coverage(src: AnalyticsSource, ids: Int32Array | null): Promise<Coverage> {
  const index = await src.coverageIndex(ids === null || ids.length >= COVERAGE_INDEX_FROM);
  return index ? fromIndex(index, ids) : coverageFromCounts(src, ids);
}

/** Coverage from the set's held counts and absent citations (what the index holds, read for the set). */
export async function coverageFromCounts(
  src: AnalyticsSource,
  ids: Int32Array | null,
): Promise<Coverage> {
  const held: HeldCount[] = await src.held(ids);
  const cited = await src.citedAbsent(ids);
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
  for (const target of cited) {
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
}

export function coverageTable(c: Coverage): Table {
  return {
    name: "coverage",
    title: "Coverage per post and year: cables held against the highest serial seen",
    columns: ["station", "year", "held", "highest serial", "share held", "cited, not held"],
    rows: c.rows.map((r) => [r.station, r.year, r.held, r.highestSerial, r.share, r.missing]),
  };
}
