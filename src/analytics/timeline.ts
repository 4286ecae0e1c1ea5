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

/** Occurrences of each day value id in `days[from..to)`, by value id. */
function tally(days: Int32Array, from: number, to: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (let k = from; k < to; k++) {
    const d = days[k]!;
    if (d !== 0) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  return counts;
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
  // Each set's facts read once, for the days sent and the days reported; periods as integers.
  const facts: FactSet[] = [];
  for (const s of sets) facts.push(await src.facts(s.ids));
  const dayOfs = facts.map((f) => dayNumbersOf(src, f));
  const perSet = facts.map((f, i) => {
    const out = new Map<number, number>();
    for (const [id, n] of tally(f.day, 0, f.n)) {
      const day = dayOfs[i]!(id);
      if (Number.isNaN(day)) continue;
      const p = periodIndex(day, by);
      out.set(p, (out.get(p) ?? 0) + n);
    }
    return out;
  });
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const m of perSet) {
    for (const p of m.keys()) {
      if (p < lo) lo = p;
      if (p > hi) hi = p;
    }
  }
  const sent = lo <= hi;
  const offAxis = sets.map(() => 0);
  const allReported = sets.map(() => 0);
  let perSetReported: Map<number, number>[] | null = null;
  if (opts.reported) {
    const first = sent ? dayNumber(periodAt(lo, by).from) - REPORTED_MARGIN_DAYS : 0;
    const last = sent ? dayNumber(periodAt(hi, by).to) + REPORTED_MARGIN_DAYS : 0;
    perSetReported = facts.map((f, i) => {
      const { start, values } = f.lists.reported;
      const out = new Map<number, number>();
      for (const [id, n] of tally(values, 0, start[f.n]!)) {
        allReported[i]! += n;
        const day = dayOfs[i]!(id);
        // NaN (no date) compares false both ways: off the axis.
        if (!sent || !(day >= first && day <= last)) {
          offAxis[i]! += n;
          continue;
        }
        const p = periodIndex(day, by);
        out.set(p, (out.get(p) ?? 0) + n);
        if (p < lo) lo = p;
        if (p > hi) hi = p;
      }
      return out;
    });
  }
  const all = await allTraffic(src, by);
  const series = sets.map((s, i): TimelineSeries => {
    let dated = 0;
    for (const n of perSet[i]!.values()) dated += n;
    const out: TimelineSeries = {
      label: s.label,
      total: s.ids.length,
      undated: s.ids.length - dated,
    };
    if (perSetReported) {
      let onAxis = 0;
      for (const n of perSetReported[i]!.values()) onAxis += n;
      out.reported = onAxis;
      out.reportedOffAxis = sent ? offAxis[i]! : allReported[i]!;
    }
    return out;
  });
  const points: TimelinePoint[] = [];
  for (let p = lo; sent && p <= hi; p++) {
    const at = periodAt(p, by);
    const point: TimelinePoint = {
      period: at.period,
      from: at.from,
      to: at.to,
      counts: perSet.map((m) => m.get(p) ?? 0),
      all: all.get(at.period) ?? 0,
    };
    if (perSetReported) point.reported = perSetReported.map((m) => m.get(p) ?? 0);
    points.push(point);
  }
  return { by, reported: perSetReported !== null, series, points };
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
