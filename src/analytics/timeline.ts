/**
 * Timelines: cables per day, week, month or year for up to five result sets overlaid, by creation
 * date, each beside all cables of the period so a series can be read as its share of the traffic
 * (the corpus is uneven over time: a rise in a query's count may only be a rise of everything).
 * With `reported`, each series also counts the dates its cables report in their text (cable-days,
 * src/analytics/reported.ts): when things happened, beside when the cables were sent.
 */
import type { FactSet } from "../store/analytics-facts.js";
import { type Period, periodRange, periodsBetween, rollUp } from "./periods.js";
import { countDays, reportedOf } from "./reported.js";
import type { AnalyticsSource } from "./source.js";
import type { Table } from "./table.js";

export const MAX_SERIES = 5;

export interface SeriesInput {
  label: string;
  ids: Int32Array;
}

export interface TimelineSeries {
  label: string;
  /** Cables in the set. */
  total: number;
  /** Cables of the set without a creation date (in no period). */
  undated: number;
  /** With reported dates: cable-days reported on the axis, and those left off it. */
  reported?: number;
  reportedOffAxis?: number;
}

export interface TimelinePoint {
  period: string;
  from: string;
  to: string;
  /** Cables of each series in the period, in series order. */
  counts: number[];
  /** All cables of the archive in the period. */
  all: number;
  /** With reported dates: cable-days each series' cables report in the period. */
  reported?: number[];
}

export interface Timeline {
  by: Period;
  /** Whether the points carry reported dates. */
  reported: boolean;
  series: TimelineSeries[];
  points: TimelinePoint[];
}

type DayCount = { day: string; count: number };

/** Cables of a set per creation day, from their facts. */
export async function setDays(src: AnalyticsSource, ids: Int32Array): Promise<DayCount[]> {
  const f = await src.facts(ids);
  return countDays(f, f.day, 0, f.n);
}

/**
 * All cables per period, kept per connection while the archive stays at the same version (every
 * new cable or version adds a `versions` row): days and weeks are a scan of every cable's date,
 * which a narrow query's timeline should not pay each time.
 */
const trafficMemo = new WeakMap<
  AnalyticsSource,
  { version: number | string; by: Map<Period, Map<string, number>> }
>();

export async function allTraffic(src: AnalyticsSource, by: Period): Promise<Map<string, number>> {
  const version = await src.version();
  let memo = trafficMemo.get(src);
  if (!memo || memo.version !== version) {
    memo = { version, by: new Map() };
    trafficMemo.set(src, memo);
  }
  let counts = memo.by.get(by);
  if (!counts) {
    counts = await computeTraffic(src, by);
    memo.by.set(by, counts);
  }
  return counts;
}

/** All cables per period: months and years from the precomputed counts, days and weeks by index. */
async function computeTraffic(src: AnalyticsSource, by: Period): Promise<Map<string, number>> {
  if (by === "month" || by === "year") {
    const months = (await src.traffic("all")).map((m) => ({
      day: `${m.month}-01`,
      count: m.count,
    }));
    return rollUp(months, by);
  }
  return rollUp(await src.days(), by);
}

/**
 * How far reported dates may lie outside the span the cables were sent in and still widen the axis:
 * cables recall history (1948, 1979) and a few such dates would otherwise stretch a monthly axis
 * over decades; they are counted as off the axis instead.
 */
const REPORTED_MARGIN_DAYS = 366;

function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The timeline of each set over every period from the first to the last one any set touches. */
export async function timeline(
  src: AnalyticsSource,
  sets: readonly SeriesInput[],
  by: Period,
  opts: { reported?: boolean } = {},
): Promise<Timeline> {
  if (sets.length === 0 || sets.length > MAX_SERIES) {
    throw new RangeError(`a timeline takes 1 to ${MAX_SERIES} series`);
  }
  // Each set's facts read once, for the days sent and the days reported.
  const facts: FactSet[] = [];
  for (const s of sets) facts.push(await src.facts(s.ids));
  const perSet = facts.map((f) => rollUp(countDays(f, f.day, 0, f.n), by));
  let keys = perSet.flatMap((m) => [...m.keys()]).sort();
  const reportedDaysPerSet = opts.reported ? facts.map(reportedOf) : null;
  let perSetReported: Map<string, number>[] | null = null;
  const offAxis = sets.map(() => 0);
  if (reportedDaysPerSet && keys.length > 0) {
    const lo = shiftDay(periodRange(keys[0]!, by).from, -REPORTED_MARGIN_DAYS);
    const hi = shiftDay(periodRange(keys[keys.length - 1]!, by).to, REPORTED_MARGIN_DAYS);
    perSetReported = reportedDaysPerSet.map((days, i) => {
      const kept = days.filter((d) => d.day >= lo && d.day <= hi);
      for (const d of days) if (d.day < lo || d.day > hi) offAxis[i]! += d.count;
      return rollUp(kept, by);
    });
    keys = [...keys, ...perSetReported.flatMap((m) => [...m.keys()])].sort();
  }
  const all = await allTraffic(src, by);
  const periods = keys.length === 0 ? [] : periodsBetween(keys[0]!, keys[keys.length - 1]!, by);
  const series = sets.map((s, i): TimelineSeries => {
    let dated = 0;
    for (const n of perSet[i]!.values()) dated += n;
    const out: TimelineSeries = {
      label: s.label,
      total: s.ids.length,
      undated: s.ids.length - dated,
    };
    if (reportedDaysPerSet) {
      let onAxis = 0;
      for (const n of perSetReported?.[i]?.values() ?? []) onAxis += n;
      out.reported = onAxis;
      out.reportedOffAxis = perSetReported
        ? offAxis[i]!
        : reportedDaysPerSet[i]!.reduce((a, d) => a + d.count, 0);
    }
    return out;
  });
  const points = periods.map((period): TimelinePoint => {
    const point: TimelinePoint = {
      period,
      ...periodRange(period, by),
      counts: perSet.map((m) => m.get(period) ?? 0),
      all: all.get(period) ?? 0,
    };
    if (perSetReported) point.reported = perSetReported.map((m) => m.get(period) ?? 0);
    return point;
  });
  return { by, reported: reportedDaysPerSet !== null, series, points };
}

/** Column label of a series' reported dates (the chart and the table both use it). */
export function reportedLabel(label: string): string {
  return `${label} (dates reported)`;
}

/** Share of all traffic, rounded to 6 places (null for a period without cables). */
export function share(count: number, all: number): number | null {
  return all === 0 ? null : Math.round((count / all) * 1e6) / 1e6;
}

/**
 * The timeline as a table: period, its days, each series' count of cables sent (and share), all
 * cables, then each series' reported cable-days when the timeline has them.
 */
export function timelineTable(t: Timeline, normalise: boolean): Table {
  const labels = t.series.map((s) => s.label);
  return {
    name: "timeline",
    title: `Cables per ${t.by}${normalise ? ", as a share of all cables" : ""}`,
    columns: [
      t.by,
      "from",
      "to",
      ...labels,
      ...(normalise ? labels.map((l) => `${l} (share)`) : []),
      "all cables",
      ...(t.reported ? labels.map(reportedLabel) : []),
    ],
    rows: t.points.map((p) => [
      p.period,
      p.from,
      p.to,
      ...p.counts,
      ...(normalise ? p.counts.map((c) => share(c, p.all)) : []),
      p.all,
      ...(t.reported ? (p.reported ?? []) : []),
    ]),
  };
}
