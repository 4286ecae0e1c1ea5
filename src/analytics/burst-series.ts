/**
 * Monthly series of every TAG or origin, for burst detection over all of them at once
 * (src/analytics/bursts.ts): months as integers, each value's months laid out once, and the
 * automaton run over each value's active span only (src/analytics/kleinberg.ts, burstsWithin).
 */
import type { FactSet } from "../store/analytics-facts.js";
import type { TrafficCount } from "../store/traffic-counts.js";
import { type BurstOptions, burstModel, burstsWithin } from "./kleinberg.js";

export const BURST_DIMENSIONS = ["tag", "origin"] as const;
export type BurstDimension = (typeof BURST_DIMENSIONS)[number];

/** Value ids below this index typed arrays; others (rare) a Map. */
const DENSE_IDS = 1 << 20;

/** A value needs this many cables before its series is searched for bursts. */
export const MIN_CABLES = 5;

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Months as consecutive integers (year · 12 + month − 1), so a series is an array. */
export function monthIndex(yyyymm: number): number {
  return Math.floor(yyyymm / 100) * 12 + (yyyymm % 100) - 1;
}

export function monthKey(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

export function parseMonth(key: string): number {
  return Number(key.slice(0, 4)) * 12 + Number(key.slice(5, 7)) - 1;
}

/**
 * The value ids the cables of the set have in a dimension, as a list: cable i's are
 * values[start[i]..start[i+1]) — its TAGs, or its origin (none when it has none).
 */
export function valuesOf(
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
export interface Series {
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
export function setSeries(f: FactSet, dimension: BurstDimension): Series | null {
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
  // Each element's slot is kept beside it, so the value id is looked up once (a typed array for
  // dictionary ids, a Map for the rare ids of facts derived just now).
  const { start: from, values } = valuesOf(f, dimension);
  let maxId = 0;
  for (let k = 0; k < values.length; k++) if (values[k]! > maxId) maxId = values[k]!;
  const dense = new Int32Array(Math.min(maxId, DENSE_IDS) + 1).fill(-1);
  const local = new Map<number, number>();
  const slotAt = new Int32Array(values.length);
  const ids: number[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < f.n; i++) {
    if (months[i]! < 0) continue;
    totals[months[i]! - lo]!++;
    for (let k = from[i]!; k < from[i + 1]!; k++) {
      const v = values[k]!;
      const inDense = v >= 0 && v < dense.length;
      let slot = inDense ? dense[v]! : (local.get(v) ?? -1);
      if (slot < 0) {
        slot = ids.length;
        if (inDense) dense[v] = slot;
        else local.set(v, slot);
        ids.push(v);
        sizes.push(0);
      }
      slotAt[k] = slot;
      sizes[slot]!++;
    }
  }
  const start = new Int32Array(ids.length + 1);
  for (let v = 0; v < ids.length; v++) start[v + 1] = start[v]! + sizes[v]!;
  const fill = start.slice(0, ids.length);
  const month = new Int32Array(start[ids.length]!);
  for (let i = 0; i < f.n; i++) {
    if (months[i]! < 0) continue;
    for (let k = from[i]!; k < from[i + 1]!; k++) month[fill[slotAt[k]!]!++] = months[i]!;
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

/**
 * The whole archive's series, from the precomputed counts (src/store/traffic-counts.ts): `all`,
 * the archive's months in order, and `rows`, a dimension's, grouped by value.
 */
export function archiveSeries(
  all: readonly TrafficCount[],
  rows: readonly TrafficCount[],
): Series | null {
  if (all.length === 0) return null;
  const lo = parseMonth(all[0]!.month);
  const totals = new Int32Array(parseMonth(all[all.length - 1]!.month) - lo + 1);
  for (const m of all) totals[parseMonth(m.month) - lo] = m.count;
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

export interface Found {
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
export function rankSeries(
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
