/**
 * Coverage: how much of each post's traffic the archive holds. Serial numbers run per post and
 * year, so a post's highest serial seen bounds how many cables it sent that year (from below: later
 * serials may be missing too). Per post and year: cables held, the highest serial held or cited,
 * the share held, and the cables cited by archive cables but not held.
 */
import { splitId } from "../model/reference-id.js";
import type { AnalyticsSource } from "./source.js";
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

/** Coverage of the set's posts and years (the whole archive when `ids` is null). */
export async function coverage(src: AnalyticsSource, ids: Int32Array | null): Promise<Coverage> {
  const held = await src.held(ids);
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
  const out = [...rows.values()];
  for (const r of out) {
    r.share = r.highestSerial > 0 ? Math.round((r.held / r.highestSerial) * 1e4) / 1e4 : 0;
  }
  out.sort((a, b) => (a.station < b.station ? -1 : a.station > b.station ? 1 : a.year - b.year));
  return { counted: held.reduce((s, h) => s + h.held, 0), rows: out };
}

export function coverageTable(c: Coverage): Table {
  return {
    name: "coverage",
    title: "Coverage per post and year: cables held against the highest serial seen",
    columns: ["station", "year", "held", "highest serial", "share held", "cited, not held"],
    rows: c.rows.map((r) => [r.station, r.year, r.held, r.highestSerial, r.share, r.missing]),
  };
}
