/**
 * Bursts (src/analytics/kleinberg.ts) in cable traffic: in a query's series, and in the series of
 * every TAG and every origin, each against all cables of the same periods, so a burst is a rise in
 * the share of the traffic. Ranked by Kleinberg's weight; each burst comes with the query that
 * lists its cables and the first of them.
 */
import type { FactSet } from "../store/analytics-facts.js";
import { readFacts } from "../store/analytics-facts-read.js";
import type { Db } from "../store/db.js";
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
import { idsJson, narrow, quoted } from "./result.js";
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
  return db
    .prepare<[string, number], BurstCable>(
      `SELECT c.reference_id AS referenceId, c.created, c.subject
         FROM json_each(?) j CROSS JOIN cables c ON c.id = j.value
        ORDER BY c.created, c.id LIMIT ?`,
    )
    .all(JSON.stringify(earliestDays(f, hits, limit)), limit);
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
