/**
 * Bursts (src/analytics/kleinberg.ts) in cable traffic: in a query's series, and in the series of
 * every TAG and every origin, each against all cables of the same periods, so a burst is a rise in
 * the share of the traffic. Ranked by Kleinberg's weight; each burst comes with the query that
 * lists its cables and the first of them.
 */
import type { FactSet } from "../store/analytics-facts.js";
import { readFacts } from "../store/analytics-facts-read.js";
import type { Db } from "../store/db.js";
import { trafficCounts } from "../store/traffic-counts.js";
import { type BurstOptions, detectBursts } from "./kleinberg.js";
import { type Period, periodRange, periodsBetween, rollUp } from "./periods.js";
import { idsJson, narrow, quoted } from "./result.js";
import type { Table } from "./table.js";
import { allTraffic, setDays } from "./timeline.js";

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
    const days = setDays(db, set.ids);
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

function monthText(m: number): string {
  return `${Math.floor(m / 100)}-${String(m % 100).padStart(2, "0")}`;
}

/** The value ids a cable of the set has in a dimension: its TAGs, or its origin. */
function valuesOf(f: FactSet, dimension: BurstDimension, i: number): ArrayLike<number> {
  if (dimension === "origin") return f.origin[i] === 0 ? [] : [f.origin[i]!];
  const { start, values } = f.lists.tags;
  return values.subarray(start[i]!, start[i + 1]!);
}

/**
 * Cables of the set per value and month, and per month (the set's own traffic), from the facts
 * of its cables (src/store/analytics-facts.ts).
 */
function setMonthCounts(f: FactSet, dimension: BurstDimension) {
  const perValue = new Map<number, Map<number, number>>();
  const perMonth = new Map<number, number>();
  for (let i = 0; i < f.n; i++) {
    const month = f.month[i]!;
    if (month === 0) continue;
    perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
    const values = valuesOf(f, dimension, i);
    for (let k = 0; k < values.length; k++) {
      let m = perValue.get(values[k]!);
      if (!m) {
        m = new Map();
        perValue.set(values[k]!, m);
      }
      m.set(month, (m.get(month) ?? 0) + 1);
    }
  }
  const rows: MonthCount[] = [];
  for (const [value, months] of perValue) {
    for (const [month, count] of months) {
      rows.push({ value: f.text(value) ?? "", month: monthText(month), count });
    }
  }
  const totals = new Map<string, number>();
  for (const [month, count] of perMonth) totals.set(monthText(month), count);
  return { rows, totals };
}

/** The first cables of the set with the burst's value in its months, by date. */
function setBurstCables(
  db: Db,
  f: FactSet,
  b: RankedBurst,
  dimension: BurstDimension,
  limit: number,
): BurstCable[] {
  const [from, to] = [b.start, b.end].map((m) => Number(m.replace("-", "")));
  const hits: number[] = [];
  for (let i = 0; i < f.n; i++) {
    const month = f.month[i]!;
    if (month < from! || month > to!) continue;
    const values = valuesOf(f, dimension, i);
    for (let k = 0; k < values.length; k++) {
      if (f.text(values[k]!) === b.value) {
        hits.push(f.ids[i]!);
        break;
      }
    }
  }
  return db
    .prepare<[string, number], BurstCable>(
      `SELECT c.reference_id AS referenceId, c.created, c.subject
         FROM json_each(?) j CROSS JOIN cables c ON c.id = j.value
        ORDER BY c.created, c.id LIMIT ?`,
    )
    .all(JSON.stringify(hits), limit);
}

export interface DimensionBurstOptions extends BurstOptions {
  /** Only the cables of this set (all cables when absent); totals are then the set's own months. */
  set?: { ids: Int32Array; query: string } | undefined;
  /** The set's facts when the caller has read them (several dimensions of one set). */
  facts?: FactSet | undefined;
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
    const facts = opts.set ? (opts.facts ?? readFacts(db, opts.set.ids)) : null;
    const counted = facts ? setMonthCounts(facts, dimension) : null;
    const rows = counted ? counted.rows : trafficCounts(db, dimension);
    const totals = new Map<string, number>();
    if (counted) {
      // Every cable of the set once per month: the set's own traffic.
      for (const [month, count] of counted.totals) totals.set(month, count);
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
    for (const b of top.slice(0, listed)) {
      b.cables = facts ? setBurstCables(db, facts, b, dimension, 10) : burstCables(db, b, 10);
    }
    return top;
  })();
}

/** The first cables of a TAG or origin burst in the whole archive, by date. */
function burstCables(db: Db, b: RankedBurst, limit: number): BurstCable[] {
  const sql =
    b.dimension === "tag"
      ? `SELECT c.reference_id AS referenceId, c.created, c.subject
           FROM tags t JOIN cables c ON c.id = t.cable_id
          WHERE t.tag = ? AND c.created >= ? AND c.created < ? ORDER BY c.created, c.id LIMIT ?`
      : `SELECT c.reference_id AS referenceId, c.created, c.subject
           FROM cables c INDEXED BY cables_origin
          WHERE c.origin = ? AND c.created >= ? AND c.created < ? ORDER BY c.created, c.id LIMIT ?`;
  return db
    .prepare<[string, string, string, number], BurstCable>(sql)
    .all(b.value, b.from, dayAfter(b.to), limit);
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
