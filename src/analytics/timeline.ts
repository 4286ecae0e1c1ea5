/**
 * Timelines: cables per day, week, month or year for up to five result sets overlaid, by creation
 * date, each beside all cables of the period so a series can be read as its share of the traffic
 * (the corpus is uneven over time: a rise in a query's count may only be a rise of everything).
 * With `reported`, each series also counts the dates its cables report in their text (cable-days,
 * src/analytics/reported.ts): when things happened, beside when the cables were sent.
 */

import type { FactSet } from "../store/analytics-facts.js";
import { dayNumber, type Period, periodAt, periodIndex, rollUp } from "./periods.js";
import { countDays } from "./reported.js";
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
  /**
   * Whether `points` leaves out the periods in which no series has a cable or a reported date
   * (they count zero in every series): day timelines, whose axis spans decades of mostly empty
   * days. Other periods list every one from the first to the last.
   */
  sparse: boolean;
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
 * All cables per period, kept per archive while it stays at the same version (every new cable or
 * version adds a `versions` row): days and weeks are a scan of every cable's date, which a narrow
 * query's timeline should not pay each time.
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

/**
 * Day numbers of day value ids (src/analytics/periods.ts), kept per archive: value ids keep their
 * text for good, so the cache only grows with the dictionary.
 */
const dayNumbers = new WeakMap<AnalyticsSource, Float64Array>();

function dayNumbersOf(src: AnalyticsSource, f: FactSet): (id: number) => number {
  let known = dayNumbers.get(src) ?? new Float64Array(0);
  const local = new Map<number, number>();
  const parse = (id: number) => {
    const text = f.text(id);
    return text === null ? Number.NaN : dayNumber(text);
  };
  return (id) => {
    if (id < 0) {
      let d = local.get(id);
      if (d === undefined) {
        d = parse(id);
        local.set(id, d);
      }
      return d;
    }
    if (id >= known.length) {
      const grown = new Float64Array(Math.max(id + 1, known.length * 2)).fill(
        Number.POSITIVE_INFINITY,
      );
      grown.set(known);
      known = grown;
      dayNumbers.set(src, known);
    }
    let d = known[id]!;
    if (d === Number.POSITIVE_INFINITY) {
      d = parse(id);
      known[id] = d;
    }
    return d;
  };
}

/** Periods whose timelines leave out the empty ones (see Timeline.sparse). */
export const SPARSE_PERIODS: ReadonlySet<Period> = new Set(["day"]);

/**
 * Counts per value id, reused between calls: a typed array indexed by value id, of which only the
 * touched slots are read and reset, so a tally allocates nothing per cable or per call.
 */
let scratch = new Int32Array(0);

/** Each distinct nonzero value id of `values[from..to)` and its occurrences. */
function tally(values: Int32Array, from: number, to: number): { ids: number[]; counts: number[] } {
  const ids: number[] = [];
  const counts: number[] = [];
  const local = new Map<number, number>();
  for (let k = from; k < to; k++) {
    const v = values[k]!;
    if (v === 0) continue;
    if (v < 0) {
      // Derived just now, not in the dictionary: rare, so a Map.
      local.set(v, (local.get(v) ?? 0) + 1);
      continue;
    }
    if (v >= scratch.length) {
      const grown = new Int32Array(Math.max(v + 1, scratch.length * 2));
      grown.set(scratch);
      scratch = grown;
    }
    if (scratch[v] === 0) ids.push(v);
    scratch[v]!++;
  }
  for (const v of ids) {
    counts.push(scratch[v]!);
    scratch[v] = 0;
  }
  for (const [v, n] of local) {
    ids.push(v);
    counts.push(n);
  }
  return { ids, counts };
}

/** A set's counts by period index, as (period, count) pairs, from counts per day value id. */
function byPeriod(
  days: { ids: number[]; counts: number[] },
  dayOf: (id: number) => number,
  by: Period,
): { periods: number[]; counts: number[] } {
  const periods: number[] = [];
  const counts: number[] = [];
  days.ids.forEach((id, k) => {
    const day = dayOf(id);
    if (Number.isNaN(day)) return;
    periods.push(periodIndex(day, by));
    counts.push(days.counts[k]!);
  });
  return { periods, counts };
}

/** Pairs summed into a dense array over periods lo..hi (pairs outside it are left out). */
function dense(pairs: { periods: number[]; counts: number[] }, lo: number, hi: number): Int32Array {
  const out = new Int32Array(Math.max(0, hi - lo + 1));
  pairs.periods.forEach((p, k) => {
    if (p >= lo && p <= hi) out[p - lo]! += pairs.counts[k]!;
  });
  return out;
}

/**
 * The timeline of each set over every period from the first to the last one any set touches (the
 * empty ones left out of a sparse timeline). Periods are integers and counts dense arrays over
 * them, so the work is a pass over the sets' days and one over the axis.
 */
export async function timeline(
  src: AnalyticsSource,
  sets: readonly SeriesInput[],
  by: Period,
  opts: { reported?: boolean } = {},
): Promise<Timeline> {
  if (sets.length === 0 || sets.length > MAX_SERIES) {
    throw new RangeError(`a timeline takes 1 to ${MAX_SERIES} series`);
  }
  {
    // Each set's facts read once, for the days sent and the days reported.
    const facts: FactSet[] = [];
    for (const s of sets) facts.push(await src.facts(s.ids));
    const dayOfs = facts.map((f) => dayNumbersOf(src, f));
    const sentPairs = facts.map((f, i) => byPeriod(tally(f.day, 0, f.n), dayOfs[i]!, by));
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const { periods } of sentPairs) {
      for (const p of periods) {
        if (p < lo) lo = p;
        if (p > hi) hi = p;
      }
    }
    const sent = lo <= hi;
    const offAxis = sets.map(() => 0);
    const allReported = sets.map(() => 0);
    let reportedPairs: { periods: number[]; counts: number[] }[] | null = null;
    if (opts.reported) {
      const first = sent ? dayNumber(periodAt(lo, by).from) - REPORTED_MARGIN_DAYS : 0;
      const last = sent ? dayNumber(periodAt(hi, by).to) + REPORTED_MARGIN_DAYS : 0;
      reportedPairs = facts.map((f, i) => {
        const { start, values } = f.lists.reported;
        const days = tally(values, 0, start[f.n]!);
        const periods: number[] = [];
        const counts: number[] = [];
        days.ids.forEach((id, k) => {
          const n = days.counts[k]!;
          allReported[i]! += n;
          const day = dayOfs[i]!(id);
          // NaN (no date) compares false both ways: off the axis.
          if (!sent || !(day >= first && day <= last)) {
            offAxis[i]! += n;
            return;
          }
          const p = periodIndex(day, by);
          periods.push(p);
          counts.push(n);
          if (p < lo) lo = p;
          if (p > hi) hi = p;
        });
        return { periods, counts };
      });
    }
    const perSet = sentPairs.map((pairs) => dense(pairs, lo, hi));
    const perSetReported = reportedPairs?.map((pairs) => dense(pairs, lo, hi)) ?? null;
    const sum = (a: Int32Array) => a.reduce((x, y) => x + y, 0);
    const series = sets.map((s, i): TimelineSeries => {
      const out: TimelineSeries = {
        label: s.label,
        total: s.ids.length,
        undated: s.ids.length - sum(perSet[i]!),
      };
      if (perSetReported) {
        out.reported = sum(perSetReported[i]!);
        out.reportedOffAxis = sent ? offAxis[i]! : allReported[i]!;
      }
      return out;
    });
    const sparse = SPARSE_PERIODS.has(by);
    const all = await allTraffic(src, by);
    const points: TimelinePoint[] = [];
    for (let p = lo; sent && p <= hi; p++) {
      const t = p - lo;
      if (sparse && !perSet.some((c) => c[t] !== 0) && !perSetReported?.some((c) => c[t] !== 0)) {
        continue;
      }
      const at = periodAt(p, by);
      const point: TimelinePoint = {
        period: at.period,
        from: at.from,
        to: at.to,
        counts: perSet.map((c) => c[t]!),
        all: all.get(at.period) ?? 0,
      };
      if (perSetReported) point.reported = perSetReported.map((c) => c[t]!);
      points.push(point);
    }
    return { by, reported: perSetReported !== null, sparse, series, points };
  }
}

/**
 * Every period of a timeline from its first point to its last, the ones a sparse timeline leaves
 * out filled with zeros (and all cables of the period): what a period-by-period listing prints.
 */
export async function everyPeriod(src: AnalyticsSource, t: Timeline): Promise<TimelinePoint[]> {
  if (!t.sparse || t.points.length === 0) return t.points;
  const all = await allTraffic(src, t.by);
  const zeros = t.series.map(() => 0);
  const byPeriodKey = new Map(t.points.map((p) => [p.period, p]));
  const first = periodIndex(dayNumber(t.points[0]!.from), t.by);
  const last = periodIndex(dayNumber(t.points[t.points.length - 1]!.from), t.by);
  const out: TimelinePoint[] = [];
  for (let p = first; p <= last; p++) {
    const at = periodAt(p, t.by);
    const known = byPeriodKey.get(at.period);
    if (known) {
      out.push(known);
      continue;
    }
    const point: TimelinePoint = { ...at, counts: zeros, all: all.get(at.period) ?? 0 };
    if (t.reported) point.reported = zeros;
    out.push(point);
  }
  return out;
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
