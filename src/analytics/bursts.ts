/**
 * Bursts (src/analytics/kleinberg.ts) in cable traffic: in a query's series, and in the series of
 * every TAG and every origin, each against all cables of the same periods, so a burst is a rise in
 * the share of the traffic. Ranked by Kleinberg's weight; each burst comes with the query that
 * lists its cables and the first of them.
 */
import type { FactSet } from "../store/analytics-facts.js";
import { type BurstOptions, detectBursts } from "./kleinberg.js";
import { type Period, periodRange, periodsBetween, rollUp } from "./periods.js";
import { narrow, quoted } from "./result.js";
import type { AnalyticsSource, ListedCable } from "./source.js";
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

function burstCable(c: ListedCable): BurstCable {
  return { referenceId: c.referenceId, created: c.created, subject: c.subject };
}

function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The first `limit` cables of a set created within [from, to] (days). */
export async function cablesBetween(
  src: AnalyticsSource,
  ids: Int32Array,
  from: string,
  to: string,
  limit: number,
): Promise<BurstCable[]> {
  return (await src.firstCables(ids, limit, { from, before: dayAfter(to) })).map(burstCable);
}

/**
 * Bursts in one set's series (bins of `by`) against all cables of the archive, strongest first,
 * each with its first `cables` cables.
 */
export async function queryBursts(
  src: AnalyticsSource,
  set: { ids: Int32Array; query: string; label: string },
  by: Period,
  opts: BurstOptions & { cables?: number } = {},
): Promise<RankedBurst[]> {
  const days = await setDays(src, set.ids);
  const counts = rollUp(days, by);
  const totals = await allTraffic(src, by);
  const keys = [...totals.keys()];
  if (keys.length === 0 || counts.size === 0) return [];
  const periods = periodsBetween(keys[0]!, keys[keys.length - 1]!, by);
  const found: RankedBurst[] = [];
  for (const b of seriesBursts(counts, totals, periods, by, opts)) {
    found.push({
      dimension: "query" as const,
      value: set.label,
      ...b,
      query: narrow(set.query, dateRange(b.from, b.to)),
      cables: await cablesBetween(src, set.ids, b.from, b.to, opts.cables ?? 10),
    });
  }
  return found.sort((a, b) => b.strength - a.strength);
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
async function setBurstCables(
  src: AnalyticsSource,
  f: FactSet,
  b: RankedBurst,
  dimension: BurstDimension,
  limit: number,
): Promise<BurstCable[]> {
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
  return (await src.firstCables(hits, limit)).map(burstCable);
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
export async function dimensionBursts(
  src: AnalyticsSource,
  dimension: BurstDimension,
  opts: DimensionBurstOptions = {},
): Promise<RankedBurst[]> {
  const facts = opts.set ? (opts.facts ?? (await src.facts(opts.set.ids))) : null;
  const counted = facts ? setMonthCounts(facts, dimension) : null;
  const rows = counted ? counted.rows : await src.traffic(dimension);
  const totals = new Map<string, number>();
  if (counted) {
    // Every cable of the set once per month: the set's own traffic.
    for (const [month, count] of counted.totals) totals.set(month, count);
  } else {
    for (const m of await src.traffic("all")) totals.set(m.month, m.count);
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
    b.cables = facts
      ? await setBurstCables(src, facts, b, dimension, 10)
      : await burstCables(src, b, 10);
  }
  return top;
}

/** The first cables of a TAG or origin burst in the whole archive, by date. */
async function burstCables(
  src: AnalyticsSource,
  b: RankedBurst,
  limit: number,
): Promise<BurstCable[]> {
  const dimension = b.dimension === "tag" ? "tag" : "origin";
  const window = { from: b.from, before: dayAfter(b.to) };
  return (await src.firstWith(dimension, b.value, window, limit)).map(burstCable);
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
