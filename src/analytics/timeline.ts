/**
 * Timelines: cables per day, week, month or year for up to five result sets overlaid, by creation
 * date, each beside all cables of the period so a series can be read as its share of the traffic
 * (the corpus is uneven over time: a rise in a query's count may only be a rise of everything).
 */
import type { Db } from "../store/db.js";
import { trafficCounts } from "../store/traffic-counts.js";
import { type Period, periodRange, periodsBetween, rollUp } from "./periods.js";
import { idsJson } from "./result.js";
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
}

export interface TimelinePoint {
  period: string;
  from: string;
  to: string;
  /** Cables of each series in the period, in series order. */
  counts: number[];
  /** All cables of the archive in the period. */
  all: number;
}

export interface Timeline {
  by: Period;
  series: TimelineSeries[];
  points: TimelinePoint[];
}

type DayCount = { day: string; count: number };

function setDays(db: Db, ids: Int32Array): DayCount[] {
  return db
    .prepare<[string], DayCount>(
      `SELECT substr(c.created, 1, 10) AS day, count(*) AS count
         FROM json_each(?) j CROSS JOIN cables c INDEXED BY cables_search_meta ON c.id = j.value
        WHERE c.created IS NOT NULL GROUP BY day`,
    )
    .all(idsJson(ids));
}

/** All cables per period: months and years from the precomputed counts, days and weeks by index. */
export function allTraffic(db: Db, by: Period): Map<string, number> {
  if (by === "month" || by === "year") {
    const months = trafficCounts(db, "all").map((m) => ({ day: `${m.month}-01`, count: m.count }));
    return rollUp(months, by);
  }
  const days = db
    .prepare<[], DayCount>(
      `SELECT substr(created, 1, 10) AS day, count(*) AS count
         FROM cables INDEXED BY cables_created WHERE created IS NOT NULL GROUP BY day`,
    )
    .all();
  return rollUp(days, by);
}

/** The timeline of each set over every period from the first to the last one any set touches. */
export function timeline(db: Db, sets: readonly SeriesInput[], by: Period): Timeline {
  if (sets.length === 0 || sets.length > MAX_SERIES) {
    throw new RangeError(`a timeline takes 1 to ${MAX_SERIES} series`);
  }
  return db.transaction((): Timeline => {
    const perSet = sets.map((s) => rollUp(setDays(db, s.ids), by));
    const keys = perSet.flatMap((m) => [...m.keys()]).sort();
    const all = allTraffic(db, by);
    const periods = keys.length === 0 ? [] : periodsBetween(keys[0]!, keys[keys.length - 1]!, by);
    const series = sets.map((s, i) => {
      let dated = 0;
      for (const n of perSet[i]!.values()) dated += n;
      return { label: s.label, total: s.ids.length, undated: s.ids.length - dated };
    });
    const points = periods.map((period) => ({
      period,
      ...periodRange(period, by),
      counts: perSet.map((m) => m.get(period) ?? 0),
      all: all.get(period) ?? 0,
    }));
    return { by, series, points };
  })();
}

/** Share of all traffic, rounded to 6 places (null for a period without cables). */
export function share(count: number, all: number): number | null {
  return all === 0 ? null : Math.round((count / all) * 1e6) / 1e6;
}

/** The timeline as a table: period, its days, each series' count (and share), all cables. */
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
    ],
    rows: t.points.map((p) => [
      p.period,
      p.from,
      p.to,
      ...p.counts,
      ...(normalise ? p.counts.map((c) => share(c, p.all)) : []),
      p.all,
    ]),
  };
}
