/**
 * What the analytics views read of an archive, on either back end: the result set of a query,
 * the per-cable facts of a set (src/store/analytics-facts.ts), the archive's traffic counts, and
 * the few rows a view lists (a burst's first cables, a drill-down's cables, a thread). SQLite
 * answers through src/analytics/sqlite-source.ts, PostgreSQL through
 * src/archive/postgres-analytics.ts; every view is written once against this interface, so both
 * give the same answers from the same input.
 */
import type { QueryNode } from "../search/ast.js";
import type { FactSet } from "../store/analytics-facts.js";
import type { TrafficCount, TrafficDimension } from "../store/traffic-counts.js";
import type { CoverageIndex } from "./coverage-index.js";

/** A cable as the lists of the views show it. */
export interface ListedCable {
  id: number;
  referenceId: string;
  created: string | null;
  level: string | null;
  origin: string | null;
  subject: string | null;
}

/** A cable of a thread (src/analytics/thread.ts). */
export interface ThreadCable {
  id: number;
  referenceId: string;
  origin: string | null;
  station: string | null;
  created: string | null;
  subject: string | null;
}

/** Cables of a post and year (coverage): how many, and the highest serial. */
export interface HeldCount {
  station: string;
  year: number;
  held: number;
  top: number;
}

export interface AnalyticsSource {
  /** Rowids of every cable a parsed query matches, ascending. Throws QuerySyntaxError. */
  match(node: QueryNode): Promise<Int32Array>;
  /** The facts of a set of cables (rowids ascending), by column, in the set's order. */
  facts(ids: Int32Array): Promise<FactSet>;
  /** Cables per month of the archive, of each TAG, origin or level (src/store/traffic-counts.ts). */
  traffic(dimension: TrafficDimension): Promise<TrafficCount[]>;
  /** Cables of the archive per creation day (`YYYY-MM-DD`). */
  days(): Promise<{ day: string; count: number }[]>;
  /** A number that changes whenever the archive does (what may be kept between views). */
  version(): Promise<number | string>;
  /** The given cables' rows, in the given order (ids not in the archive left out). */
  cables(ids: ArrayLike<number>): Promise<ListedCable[]>;
  /**
   * The first `limit` of the given cables by creation date (then rowid), those created from
   * `window.from` (inclusive) to `window.before` (exclusive) when a window is given.
   */
  firstCables(
    ids: ArrayLike<number>,
    limit: number,
    window?: { from: string; before: string },
  ): Promise<ListedCable[]>;
  /** The first `limit` cables of the archive with a TAG or origin, created in the window. */
  firstWith(
    dimension: "tag" | "origin",
    value: string,
    window: { from: string; before: string },
    limit: number,
  ): Promise<ListedCable[]>;
  /** Dates reported from `from` to `to` (days, inclusive) by the given cables, as written. */
  reportedTexts(
    ids: ArrayLike<number>,
    from: string,
    to: string,
  ): Promise<{ id: number; text: string }[]>;
  /** Title of each classifying official, from one cable they classified, by that cable's rowid. */
  classifierTitles(cableIds: readonly number[]): Promise<Map<number, string | null>>;
  /**
   * Coverage: the back end's index of every cable's station, year, serial and absent citations
   * when it keeps one (src/analytics/coverage-index.ts, SQLite), built now if `build`; else null
   * and coverage reads `held` and `citedAbsent` for the set.
   */
  coverageIndex(build: boolean): Promise<CoverageIndex | null>;
  /** Coverage: per post and year of the set (null: the archive), cables held and highest serial. */
  held(ids: Int32Array | null): Promise<HeldCount[]>;
  /** Coverage: the distinct ids the set (null: the archive) cites that the archive lacks. */
  citedAbsent(ids: Int32Array | null): Promise<string[]>;
  /** Thread: a cable held, by reference id. */
  threadCable(referenceId: string): Promise<ThreadCable | null>;
  /** Thread: the distinct ids a cable cites, in REF order. */
  citesOf(cableId: number): Promise<string[]>;
  /** Thread: the first `limit` distinct cables citing an id, by creation date then rowid. */
  citing(referenceId: string, limit: number): Promise<ThreadCable[]>;
  /** Thread: a cable's addressees, TO before INFO, in line order. */
  addressed(
    cableId: number,
  ): Promise<{ role: "to" | "info"; route: string | null; name: string }[]>;
}
