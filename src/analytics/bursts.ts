/**
 * Bursts (src/analytics/kleinberg.ts) in cable traffic: in a query's series, and in the series of
 * every TAG and every origin, each against all cables of the same periods, so a burst is a rise in
 * the share of the traffic. Ranked by Kleinberg's weight; each burst comes with the query that
 * lists its cables and the first of them.
 */
import { sortedHas } from "../search/sorted-ids.js";
import type { Db } from "../store/db.js";
import { trafficCounts } from "../store/traffic-counts.js";
import { type BurstOptions, detectBursts } from "./kleinberg.js";
import { type Period, periodRange, periodsBetween, rollUp } from "./periods.js";
import { idsJson, narrow, quoted } from "./result.js";
import type { Table } from "./table.js";
import { allTraffic } from "./timeline.js";

export const BURST_DIMENSIONS = ["tag", "origin"] as const;
export type BurstDimension = (typeof BURST_DIMENSIONS)[number];

/** A value needs this many cables before its series is searched for bursts. */
export const MIN_CABLES = 5;

export interface BurstCable {
  referenceId: string;
  created: string | null;
  subject: string | null;
}

export interface RankedBurst {
  /** What burst: the query's label, or the TAG / origin. */
  dimension: BurstDimension | "query";
  value: string;
  /** First and last period of the burst, and their first and last days. */
  start: string;
  end: string;
  from: string;
  to: string;
  strength: number;
  /** Cables of the value in the burst's periods. */
  count: number;
  /** Query language text listing exactly those cables (null when the value cannot be quoted). */
  query: string | null;
  /** The first cables of the burst, by date (filled for the strongest bursts only). */
  cables?: BurstCable[];
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Bursts of a series against its totals, both keyed by period, over `periods`. */
function seriesBursts(
  counts: Map<string, number>,
  totals: Map<string, number>,
  periods: string[],
  by: Period,
  opts: BurstOptions,
) {
  const r = periods.map((p) => counts.get(p) ?? 0);
  // A count above the period's total can only come from an archive changing between two reads.
  const d = periods.map((p, i) => Math.max(totals.get(p) ?? 0, r[i]!));
  return detectBursts(r, d, opts).map((b) => {
    const start = periods[b.start]!;
    const end = periods[b.end]!;
    return {
      start,
      end,
      from: periodRange(start, by).from,
      to: periodRange(end, by).to,
      strength: round(b.strength),
      count: b.count,
    };
  });
}

function dateRange(from: string, to: string): string {
  return `created:${from}..${to}`;
}

const cablesStatement = (db: Db) =>
  db.prepare<[string, string, string, number], BurstCable>(
    `SELECT c.reference_id AS referenceId, c.created, c.subject
       FROM json_each(?) j CROSS JOIN cables c ON c.id = j.value
      WHERE c.created >= ? AND c.created < ? ORDER BY c.created, c.id LIMIT ?`,
  );

function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The first `limit` cables of a set created within [from, to] (days). */
export function cablesBetween(
  db: Db,
  ids: Int32Array,
  from: string,
  to: string,
  limit: number,
): BurstCable[] {
  return cablesStatement(db).all(idsJson(ids), from, dayAfter(to), limit);
}

/**
 * Bursts in one set's series (bins of `by`) against all cables of the archive, strongest first,
 * each with its first `cables` cables.
 */
export function queryBursts(
  db: Db,
  set: { ids: Int32Array; query: string; label: string },
  by: Period,
  opts: BurstOptions & { cables?: number } = {},
): RankedBurst[] {
  return db.transaction((): RankedBurst[] => {
    const days = db
      .prepare<[string], { day: string; count: number }>(
        `SELECT substr(c.created, 1, 10) AS day, count(*) AS count
           FROM json_each(?) j CROSS JOIN cables c INDEXED BY cables_search_meta ON c.id = j.value
          WHERE c.created IS NOT NULL GROUP BY day`,
      )
      .all(idsJson(set.ids));
    const counts = rollUp(days, by);
    const totals = allTraffic(db, by);
    const keys = [...totals.keys()];
    if (keys.length === 0 || counts.size === 0) return [];
    const periods = periodsBetween(keys[0]!, keys[keys.length - 1]!, by);
    return seriesBursts(counts, totals, periods, by, opts)
      .map((b) => ({
        dimension: "query" as const,
        value: set.label,
        ...b,
        query: narrow(set.query, dateRange(b.from, b.to)),
        cables: cablesBetween(db, set.ids, b.from, b.to, opts.cables ?? 10),
      }))
      .sort((a, b) => b.strength - a.strength);
  })();
}

type MonthCount = { value: string; month: string; count: number };

function setMonthCounts(db: Db, dimension: BurstDimension, ids: Int32Array): MonthCount[] {
  const sql =
    dimension === "tag"
      ? // Each cable's month read once, then its TAGs: one seek per cable, not one per TAG row.
        `SELECT t.tag AS value, c.month AS month, count(*) AS count
           FROM json_each(?) j CROSS JOIN cables c INDEXED BY cables_search_meta ON c.id = j.value
           CROSS JOIN tags t ON t.cable_id = c.id
          WHERE c.month IS NOT NULL GROUP BY t.tag, c.month`
      : `SELECT c.origin AS value, c.month AS month, count(*) AS count
           FROM json_each(?) j CROSS JOIN cables c INDEXED BY cables_search_meta ON c.id = j.value
          WHERE c.month IS NOT NULL AND c.origin IS NOT NULL GROUP BY c.origin, c.month`;
  return db.prepare<[string], MonthCount>(sql).all(idsJson(ids));
}

export interface DimensionBurstOptions extends BurstOptions {
  /** Only the cables of this set (all cables when absent); totals are then the set's own months. */
  set?: { ids: Int32Array; query: string } | undefined;
  /** Keep bursts overlapping these months (`YYYY-MM`, inclusive): "what spiked" in a period. */
  window?: { from: string; to: string } | undefined;
  /** How many bursts to return (default 50) and to list cables for (default 10, 10 cables each). */
  limit?: number;
  withCables?: number;
}

/**
 * Bursts of every TAG or origin, monthly, strongest first. Over the whole archive the series come
 * from the precomputed counts (src/store/traffic-counts.ts).
 */
export function dimensionBursts(
  db: Db,
  dimension: BurstDimension,
  opts: DimensionBurstOptions = {},
): RankedBurst[] {
  return db.transaction((): RankedBurst[] => {
    const rows = opts.set
      ? setMonthCounts(db, dimension, opts.set.ids)
      : trafficCounts(db, dimension);
    const totals = new Map<string, number>();
    if (opts.set) {
      // Every cable of the set once per month: the set's own traffic.
      for (const d of db
        .prepare<[string], { month: string; count: number }>(
          `SELECT c.month AS month, count(*) AS count
             FROM json_each(?) j CROSS JOIN cables c INDEXED BY cables_search_meta ON c.id = j.value
            WHERE c.month IS NOT NULL GROUP BY c.month`,
        )
        .all(idsJson(opts.set.ids))) {
        totals.set(d.month, d.count);
      }
    } else {
      for (const m of trafficCounts(db, "all")) totals.set(m.month, m.count);
    }
    const months = [...totals.keys()].sort();
    if (months.length === 0) return [];
    const periods = periodsBetween(months[0]!, months[months.length - 1]!, "month");
    const byValue = new Map<string, Map<string, number>>();
    for (const r of rows) {
      let m = byValue.get(r.value);
      if (!m) {
        m = new Map();
        byValue.set(r.value, m);
      }
      m.set(r.month, r.count);
    }
    const found: RankedBurst[] = [];
    for (const [value, counts] of byValue) {
      let n = 0;
      for (const c of counts.values()) n += c;
      if (n < MIN_CABLES) continue;
      const v = quoted(value);
      for (const b of seriesBursts(counts, totals, periods, "month", opts)) {
        if (opts.window && (b.end < opts.window.from || b.start > opts.window.to)) continue;
        found.push({
          dimension,
          value,
          ...b,
          query: v
            ? narrow(opts.set?.query ?? "", `${dimension}:${v}`, dateRange(b.start, b.end))
            : null,
        });
      }
    }
    found.sort(
      (a, b) => b.strength - a.strength || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
    );
    const top = found.slice(0, opts.limit ?? 50);
    const listed = opts.withCables ?? 10;
    for (const b of top.slice(0, listed)) b.cables = burstCables(db, b, opts.set?.ids, 10);
    return top;
  })();
}

/** The first cables of a TAG or origin burst, by date (within the set when given). */
function burstCables(
  db: Db,
  b: RankedBurst,
  ids: Int32Array | undefined,
  limit: number,
): BurstCable[] {
  // Membership in the set is tested here, not with `IN (json_each(?))`, which would index the
  // whole set's JSON again for every burst listed.
  const sql =
    b.dimension === "tag"
      ? `SELECT c.id, c.reference_id AS referenceId, c.created, c.subject
           FROM tags t JOIN cables c ON c.id = t.cable_id
          WHERE t.tag = ? AND c.created >= ? AND c.created < ? ORDER BY c.created, c.id`
      : `SELECT c.id, c.reference_id AS referenceId, c.created, c.subject
           FROM cables c INDEXED BY cables_origin
          WHERE c.origin = ? AND c.created >= ? AND c.created < ? ORDER BY c.created, c.id`;
  const out: BurstCable[] = [];
  for (const r of db
    .prepare<[string, string, string], BurstCable & { id: number }>(sql)
    .iterate(b.value, b.from, dayAfter(b.to))) {
    if (ids && !sortedHas(ids, r.id)) continue;
    out.push({ referenceId: r.referenceId, created: r.created, subject: r.subject });
    if (out.length >= limit) break;
  }
  return out;
}

/** Bursts as a table, strongest first. */
export function burstTable(name: string, title: string, bursts: readonly RankedBurst[]): Table {
  return {
    name,
    title,
    columns: ["kind", "value", "start", "end", "from", "to", "strength", "cables", "query"],
    rows: bursts.map((b) => [
      b.dimension,
      b.value,
      b.start,
      b.end,
      b.from,
      b.to,
      b.strength,
      b.count,
      b.query,
    ]),
  };
}
