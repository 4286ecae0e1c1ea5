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
import { type BurstOptions, burstModel, burstsWithin, detectBursts } from "./kleinberg.js";
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

/** Months as consecutive integers (year · 12 + month − 1), so a series is an array. */
function monthIndex(yyyymm: number): number {
  return Math.floor(yyyymm / 100) * 12 + (yyyymm % 100) - 1;
}

function monthKey(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

function parseMonth(key: string): number {
  return Number(key.slice(0, 4)) * 12 + Number(key.slice(5, 7)) - 1;
}

/**
 * The value ids the cables of the set have in a dimension, as a list: cable i's are
 * values[start[i]..start[i+1]) — its TAGs, or its origin (none when it has none).
 */
function valuesOf(
  f: FactSet,
  dimension: BurstDimension,
): { start: Int32Array; values: Int32Array } {
  if (dimension === "tag") return f.lists.tags;
  const start = new Int32Array(f.n + 1);
  const values = new Int32Array(f.n);
  let k = 0;
  for (let i = 0; i < f.n; i++) {
    if (f.origin[i] !== 0) values[k++] = f.origin[i]!;
    start[i + 1] = k;
  }
  return { start, values };
}

/**
 * Every value's monthly series, sparse: value v's (month, count) bins are
 * month[start[v]..start[v+1]) (months as monthIndex, in any order, a month possibly repeated),
 * beside the totals every series is measured against, month `first` + t at totals[t].
 */
interface Series {
  labels: string[];
  /** The value id of each label, when the series came from a set's facts. */
  ids: number[] | null;
  start: Int32Array;
  month: Int32Array;
  count: Int32Array;
  first: number;
  totals: Int32Array;
}

/** A set's series: its cables per value and month, and per month (the set's own traffic). */
function setSeries(f: FactSet, dimension: BurstDimension): Series | null {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const months = new Int32Array(f.n);
  for (let i = 0; i < f.n; i++) {
    const m = f.month[i]! === 0 ? -1 : monthIndex(f.month[i]!);
    months[i] = m;
    if (m >= 0) {
      if (m < lo) lo = m;
      if (m > hi) hi = m;
    }
  }
  if (hi < lo) return null;
  const totals = new Int32Array(hi - lo + 1);
  // Pass one numbers the values and counts their bins; pass two lays the bins out per value.
  const slotOf = new Map<number, number>();
  const ids: number[] = [];
  const sizes: number[] = [];
  const { start: from, values } = valuesOf(f, dimension);
  for (let i = 0; i < f.n; i++) {
    if (months[i]! < 0) continue;
    totals[months[i]! - lo]!++;
    for (let k = from[i]!; k < from[i + 1]!; k++) {
      let slot = slotOf.get(values[k]!);
      if (slot === undefined) {
        slot = ids.length;
        slotOf.set(values[k]!, slot);
        ids.push(values[k]!);
        sizes.push(0);
      }
      sizes[slot]!++;
    }
  }
  const start = new Int32Array(ids.length + 1);
  for (let v = 0; v < ids.length; v++) start[v + 1] = start[v]! + sizes[v]!;
  const fill = start.slice(0, ids.length);
  const month = new Int32Array(start[ids.length]!);
  for (let i = 0; i < f.n; i++) {
    if (months[i]! < 0) continue;
    for (let k = from[i]!; k < from[i + 1]!; k++) {
      month[fill[slotOf.get(values[k]!)!]!++] = months[i]!;
    }
  }
  return {
    labels: ids.map((id) => f.text(id) ?? ""),
    ids,
    start,
    month,
    count: new Int32Array(month.length).fill(1),
    first: lo,
    totals,
  };
}

/** The whole archive's series, from the precomputed counts (src/store/traffic-counts.ts). */
function archiveSeries(db: Db, dimension: BurstDimension): Series | null {
  const all = trafficCounts(db, "all");
  if (all.length === 0) return null;
  const lo = parseMonth(all[0]!.month);
  const totals = new Int32Array(parseMonth(all[all.length - 1]!.month) - lo + 1);
  for (const m of all) totals[parseMonth(m.month) - lo] = m.count;
  const rows = trafficCounts(db, dimension);
  const labels: string[] = [];
  const start: number[] = [0];
  const month = new Int32Array(rows.length);
  const count = new Int32Array(rows.length);
  rows.forEach((r, k) => {
    // Rows come ordered by value, then month.
    if (k === 0 || r.value !== rows[k - 1]!.value) {
      if (k > 0) start.push(k);
      labels.push(r.value);
    }
    month[k] = parseMonth(r.month);
    count[k] = r.count;
  });
  if (rows.length > 0) start.push(rows.length);
  return { labels, ids: null, start: Int32Array.from(start), month, count, first: lo, totals };
}

interface Found {
  slot: number;
  start: number;
  end: number;
  strength: number;
  count: number;
}

/**
 * Bursts of every value of the series, strongest first (ties by value), those overlapping
 * `window` (month indexes) when given. Each value's months are summed into one scratch array and
 * only the span the value is active in is searched (kleinberg.ts, burstsWithin).
 */
function rankSeries(
  s: Series,
  opts: BurstOptions,
  window: { from: number; to: number } | null,
): Found[] {
  const n = s.totals.length;
  let allCables = 0;
  for (let t = 0; t < n; t++) allCables += s.totals[t]!;
  const counts = new Int32Array(n);
  const totals = Int32Array.from(s.totals);
  const found: Found[] = [];
  for (let v = 0; v + 1 < s.start.length; v++) {
    let first = n;
    let last = -1;
    let R = 0;
    for (let k = s.start[v]!; k < s.start[v + 1]!; k++) {
      const t = s.month[k]! - s.first;
      if (t < 0 || t >= n) continue;
      counts[t]! += s.count[k]!;
      R += s.count[k]!;
      if (t < first) first = t;
      if (t > last) last = t;
    }
    if (R === 0) continue;
    // A count above the period's total can only come from an archive changing between two reads.
    let D = allCables;
    for (let k = s.start[v]!; k < s.start[v + 1]!; k++) {
      const t = s.month[k]! - s.first;
      if (t >= 0 && t < n && counts[t]! > totals[t]!) {
        D += counts[t]! - totals[t]!;
        totals[t] = counts[t]!;
      }
    }
    // A burst lies within the value's active span, widened back over empty months (burstsWithin).
    let lead = first;
    while (lead > 0 && totals[lead - 1] === 0) lead--;
    const skip =
      window &&
      (last + s.first < window.from || (lead + s.first > window.to && (opts.gamma ?? 1) > 0));
    const model = R >= MIN_CABLES && !skip ? burstModel(R, D, n, opts) : null;
    if (model) {
      for (const b of burstsWithin(counts, totals, first, last, model)) {
        if (window && (b.end + s.first < window.from || b.start + s.first > window.to)) continue;
        found.push({ slot: v, ...b, strength: round(b.strength) });
      }
    }
    for (let k = s.start[v]!; k < s.start[v + 1]!; k++) {
      const t = s.month[k]! - s.first;
      if (t >= 0 && t < n) {
        counts[t] = 0;
        totals[t] = s.totals[t]!;
      }
    }
  }
  const label = s.labels;
  return found.sort(
    (a, b) =>
      b.strength - a.strength ||
      (label[a.slot]! < label[b.slot]! ? -1 : label[a.slot]! > label[b.slot]! ? 1 : 0),
  );
}

/** The first cables of the set with the burst's value in its months, by date. */
function setBurstCables(
  db: Db,
  f: FactSet,
  valueId: number,
  from: number,
  to: number,
  dimension: BurstDimension,
  limit: number,
): BurstCable[] {
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
    const series = facts ? setSeries(facts, dimension) : archiveSeries(db, dimension);
    if (!series) return [];
    const window = opts.window
      ? { from: parseMonth(opts.window.from), to: parseMonth(opts.window.to) }
      : null;
    const found = rankSeries(series, opts, window).slice(0, opts.limit ?? 50);
    const listed = opts.withCables ?? 10;
    return found.map((b, k): RankedBurst => {
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
            ? setBurstCables(
                db,
                facts,
                series.ids[b.slot]!,
                series.first + b.start,
                series.first + b.end,
                dimension,
                10,
              )
            : burstCables(db, burst, 10);
      }
      return burst;
    });
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
