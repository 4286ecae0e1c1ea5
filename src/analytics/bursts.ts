/**
 * Bursts (src/analytics/kleinberg.ts) in cable traffic: in a query's series, and in the series of
 * every TAG and every origin, each against all cables of the same periods, so a burst is a rise in
 * the share of the traffic. Ranked by Kleinberg's weight; each burst comes with the query that
 * lists its cables and the first of them.
 */
import type { FactSet } from "../store/analytics-facts.js";
import {
  archiveSeries,
  BURST_DIMENSIONS,
  type BurstDimension,
  MIN_CABLES,
  monthIndex,
  monthKey,
  parseMonth,
  rankSeries,
  setSeries,
  valuesOf,
} from "./burst-series.js";
import { type BurstOptions, detectBursts } from "./kleinberg.js";
import { dayNumber, type Period, periodRange, periodsBetween, rollUp } from "./periods.js";
import { narrow, quoted } from "./result.js";
import type { AnalyticsSource, ListedCable } from "./source.js";
import type { Table } from "./table.js";
import { allTraffic, setDays } from "./timeline.js";

export { BURST_DIMENSIONS, type BurstDimension, MIN_CABLES };

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
      dimension: "query",
      value: set.label,
      ...b,
      query: narrow(set.query, dateRange(b.from, b.to)),
      cables: await cablesBetween(src, set.ids, b.from, b.to, opts.cables ?? 10),
    });
  }
  return found.sort((a, b) => b.strength - a.strength);
}

/** The first cables of the set with the burst's value in its months, by date. */
async function setBurstCables(
  src: AnalyticsSource,
  f: FactSet,
  valueId: number,
  from: number,
  to: number,
  dimension: BurstDimension,
  limit: number,
): Promise<BurstCable[]> {
  // Positions in the set.
  const hits: number[] = [];
  const { start, values } = valuesOf(f, dimension);
  const months = f.month;
  for (let i = 0; i < f.n; i++) {
    const month = months[i]!;
    if (month === 0) continue;
    const m = monthIndex(month);
    if (m < from || m > to) continue;
    for (let k = start[i]!; k < start[i + 1]!; k++) {
      if (values[k] === valueId) {
        hits.push(i);
        break;
      }
    }
  }
  return (await src.firstCables(earliestDays(f, hits, limit), limit)).map(burstCable);
}

/**
 * The cables of `positions` (positions in the set) created on their earliest days, enough days to
 * hold `limit` cables, as rowids: the first `limit` by creation are among them (a day's cables are
 * all kept, their order within it being the archive's to decide), so the archive sorts a few dozen
 * cables instead of a burst's thousands. Cables without a creation day are kept.
 */
function earliestDays(f: FactSet, positions: number[], limit: number): number[] {
  if (positions.length <= limit) return positions.map((i) => f.ids[i]!);
  const dayOf = new Map<number, number>();
  const days = positions.map((i) => {
    const id = f.day[i]!;
    let d = dayOf.get(id);
    if (d === undefined) {
      d = dayNumber(f.text(id) ?? "");
      dayOf.set(id, d);
    }
    return d;
  });
  const dated = days.filter((d) => !Number.isNaN(d)).sort((a, b) => a - b);
  const cutoff = dated.length > limit ? dated[limit - 1]! : Number.POSITIVE_INFINITY;
  const out: number[] = [];
  positions.forEach((i, k) => {
    const d = days[k]!;
    if (Number.isNaN(d) || d <= cutoff) out.push(f.ids[i]!);
  });
  return out;
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
  const series = facts
    ? setSeries(facts, dimension)
    : archiveSeries(await src.traffic("all"), await src.traffic(dimension));
  if (!series) return [];
  const window = opts.window
    ? { from: parseMonth(opts.window.from), to: parseMonth(opts.window.to) }
    : null;
  const found = rankSeries(series, opts, window).slice(0, opts.limit ?? 50);
  const listed = opts.withCables ?? 10;
  const out: RankedBurst[] = [];
  for (const [k, b] of found.entries()) {
    const value = series.labels[b.slot]!;
    const [start, end] = [monthKey(series.first + b.start), monthKey(series.first + b.end)];
    const from = periodRange(start, "month").from;
    const to = periodRange(end, "month").to;
    const v = quoted(value);
    const burst: RankedBurst = {
      dimension,
      value,
      start,
      end,
      from,
      to,
      strength: b.strength,
      count: b.count,
      query: v ? narrow(opts.set?.query ?? "", `${dimension}:${v}`, dateRange(start, end)) : null,
    };
    if (k < listed) {
      burst.cables =
        facts && series.ids
          ? await setBurstCables(
              src,
              facts,
              series.ids[b.slot]!,
              series.first + b.start,
              series.first + b.end,
              dimension,
              10,
            )
          : await burstCables(src, burst, 10);
    }
    out.push(burst);
  }
  return out;
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
