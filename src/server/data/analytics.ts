/**
 * Data of the analytics pages and `/api/analytics/...`: the query and filters of the URL composed
 * as on the search page, matched once, and handed to the analytics layer. Each view answers with
 * its analysis plus the tables its charts draw (what `format=csv&table=` serves).
 */
import { addressees, flowCables } from "../../analytics/addressees.js";
import {
  burstTable,
  dimensionBursts,
  queryBursts,
  type RankedBurst,
} from "../../analytics/bursts.js";
import { type Coverage, coverage, coverageTable } from "../../analytics/coverage.js";
import { reportingCables } from "../../analytics/reported.js";
import { type CableSet, matchQuery } from "../../analytics/result.js";
import {
  hasSignal,
  levelCodes,
  type Secrecy,
  SIGNAL_TITLES,
  type Signal,
  secrecy,
  signalBits,
} from "../../analytics/secrecy.js";
import type { AnalyticsSource } from "../../analytics/source.js";
import { cellMembers, type Matrix, matrixTable, type Table } from "../../analytics/table.js";
import { type Thread, thread, threadTable } from "../../analytics/thread.js";
import { type Timeline, timeline, timelineTable } from "../../analytics/timeline.js";
import { QuerySyntaxError } from "../../search/index.js";
import { MARK_SLOTS } from "../../store/analytics-facts.js";
import { timed } from "../../store/analytics-phases.js";
import { badRequest, notFound, ProblemError } from "../problem.js";
import type {
  AnalyticsParams,
  BurstsParams,
  DrillMatrix,
  DrillParams,
  SpikesParams,
  TimelineParams,
} from "./analytics-params.js";
import { resolveId } from "./cable.js";
import { composeQuery, type Filters, queryAndFilters } from "./query.js";

export interface AnalyticsState extends Filters {
  q: string;
}

/** What every view answers with, around its own analysis. */
export interface ViewData<T> {
  /** The query run: `q` with the filters as terms. */
  query: string;
  state: AnalyticsState;
  /** Cables in the result set. */
  total: number;
  analysis: T;
  tables: Table[];
}

export function analyticsState(p: AnalyticsParams): AnalyticsState {
  return queryAndFilters(p);
}

/** The result set of the URL's query and filters; bad syntax is a 400 naming `q`. */
export async function resultSet(
  src: AnalyticsSource,
  state: AnalyticsState,
  q = state.q,
): Promise<CableSet> {
  const composed = composeQuery({ ...state, q });
  try {
    return await matchQuery(src, composed.node, composed.text);
  } catch (err) {
    if (err instanceof QuerySyntaxError) throw badRequest(err.message, { param: "q" });
    throw err;
  }
}

function view<T>(state: AnalyticsState, set: CableSet, analysis: T, tables: Table[]): ViewData<T> {
  return { query: set.query, state, total: set.ids.length, analysis, tables };
}

async function timelineDataNow(
  src: AnalyticsSource,
  p: TimelineParams,
): Promise<ViewData<Timeline> & { normalise: boolean }> {
  const state = analyticsState(p);
  const sets: { label: string; set: CableSet }[] = [];
  for (const [i, q] of [state.q, ...p.vs].entries()) {
    try {
      sets.push({ label: q || "all cables", set: await resultSet(src, state, q) });
    } catch (err) {
      // The error names the overlaid query it came from.
      if (i > 0 && err instanceof ProblemError) {
        throw badRequest(`vs: ${err.problem.detail}`, { param: "vs" });
      }
      throw err;
    }
  }
  const t = await timeline(
    src,
    sets.map((s) => ({ label: s.label, ids: s.set.ids })),
    p.by ?? "month",
    { reported: p.reported },
  );
  return {
    ...view(state, sets[0]!.set, t, [timelineTable(t, p.normalise)]),
    normalise: p.normalise,
  };
}

export interface BurstsAnalysis {
  by: string;
  kind: "query" | "tag" | "origin";
  bursts: RankedBurst[];
}

async function burstsDataNow(
  src: AnalyticsSource,
  p: BurstsParams,
): Promise<ViewData<BurstsAnalysis>> {
  const state = analyticsState(p);
  const set = await resultSet(src, state);
  const kind = p.kind ?? (state.q || set.query ? "query" : "tag");
  const by = kind === "query" ? (p.by ?? "month") : "month";
  const whole = set.query === "";
  const bursts =
    kind === "query"
      ? await queryBursts(src, { ...set, label: set.query || "all cables" }, by)
      : await dimensionBursts(src, kind, { set: whole ? undefined : set, limit: 50 });
  return view(state, set, { by, kind, bursts }, [
    burstTable("bursts", `Bursts (${kind === "query" ? "this query" : `every ${kind}`})`, bursts),
  ]);
}

export interface SpikesAnalysis {
  start: string;
  end: string;
  tags: RankedBurst[];
  origins: RankedBurst[];
}

/** The default "what spiked" window: the archive's busiest month. */
async function busiestMonth(src: AnalyticsSource): Promise<string | null> {
  let best: { month: string; count: number } | null = null;
  for (const m of await src.traffic("all")) if (!best || m.count > best.count) best = m;
  return best?.month ?? null;
}

async function spikesDataNow(
  src: AnalyticsSource,
  p: SpikesParams,
): Promise<ViewData<SpikesAnalysis>> {
  const state = analyticsState(p);
  const set = await resultSet(src, state);
  const start = p.start ?? p.end ?? (await busiestMonth(src)) ?? "2000-01";
  const end = p.end ?? start;
  if (end < start) throw badRequest("end: before start", { param: "end" });
  const whole = set.query === "";
  const opts = {
    set: whole ? undefined : set,
    // Read once for both dimensions.
    facts: whole ? undefined : await src.facts(set.ids),
    window: { from: start, to: end },
    limit: 20,
  };
  const tags = await dimensionBursts(src, "tag", opts);
  const origins = await dimensionBursts(src, "origin", opts);
  return view(state, set, { start, end, tags, origins }, [
    burstTable("tag-bursts", "TAG bursts in the period", tags),
    burstTable("origin-bursts", "Origin bursts in the period", origins),
  ]);
}

async function secrecyDataNow(
  src: AnalyticsSource,
  p: AnalyticsParams,
): Promise<ViewData<Secrecy>> {
  const state = analyticsState(p);
  const set = await resultSet(src, state);
  const s = await secrecy(src, set.ids);
  return view(state, set, s, [
    s.levels,
    matrixTable(s.levelByYear),
    matrixTable(s.levelByOrigin),
    s.caveats,
    s.reasons,
    s.markings,
    s.horizon,
    s.classifiers,
  ]);
}

async function addresseesDataNow(src: AnalyticsSource, p: AnalyticsParams) {
  const state = analyticsState(p);
  const set = await resultSet(src, state);
  const a = await addressees(src, set.ids);
  return view(state, set, a, [
    matrixTable(a.flow),
    a.addressees,
    a.precedence,
    matrixTable(a.precedenceByYear),
    a.collectives,
    a.routes,
  ]);
}

async function coverageDataNow(
  src: AnalyticsSource,
  p: AnalyticsParams,
): Promise<ViewData<Coverage>> {
  const state = analyticsState(p);
  const set = await resultSet(src, state);
  const c = await coverage(src, set.query === "" ? null : set.ids);
  return view(state, set, c, [coverageTable(c)]);
}

export async function threadData(
  src: AnalyticsSource,
  rawId: string,
): Promise<{ thread: Thread; tables: Table[] }> {
  const id = resolveId(rawId);
  const t = await thread(src, id);
  if (!t) throw notFound(`${id} is not in the archive`);
  return { thread: t, tables: [threadTable(t)] };
}

export interface DrillCable {
  referenceId: string;
  created: string | null;
  level: string | null;
  origin: string | null;
  subject: string | null;
  /** For cables reporting dates: the dates as written. */
  reported?: string[];
}

export interface DrillAnalysis {
  title: string;
  /** Cables of the set the selection holds (the list shows the first DRILL_LIMIT). */
  count: number;
  cables: DrillCable[];
}

export const DRILL_LIMIT = 500;

/** The first DRILL_LIMIT of the cables by creation date, as the list shows them. */
async function drillRows(src: AnalyticsSource, rowids: number[]): Promise<DrillCable[]> {
  return (await src.firstCables(rowids, DRILL_LIMIT)).map((c) => ({
    referenceId: c.referenceId,
    created: c.created,
    level: c.level,
    origin: c.origin,
    subject: c.subject,
  }));
}

/** The matrix or count table of a view, computed for the set as the view computes it. */
async function drillSource(
  src: AnalyticsSource,
  ids: Int32Array,
  name: DrillMatrix,
): Promise<Matrix | Table> {
  const s = ["flow", "precedence", "precedence-by-year", "collectives"].includes(name)
    ? await addressees(src, ids)
    : null;
  switch (name) {
    case "flow":
      return s!.flow;
    case "precedence":
      return s!.precedence;
    case "precedence-by-year":
      return s!.precedenceByYear;
    case "collectives":
      return s!.collectives;
  }
  const r = await secrecy(src, ids, 0);
  return {
    levels: r.levels,
    caveats: r.caveats,
    reasons: r.reasons,
    horizon: r.horizon,
    "level-by-year": r.levelByYear,
    "level-by-origin": r.levelByOrigin,
  }[name];
}

/** The cables of one cell: a row of a count table, or a row × column of a matrix. */
async function cellDrill(
  src: AnalyticsSource,
  ids: Int32Array,
  name: DrillMatrix,
  row: string,
  col: string | undefined,
) {
  const source = await drillSource(src, ids, name);
  const matrix = "cells" in source;
  const rows = matrix ? source.rows : source.rows.map((r) => String(r[0]));
  if (!rows.includes(row)) {
    throw badRequest(`row: '${row}' is not a row of ${name}`, { param: "row" });
  }
  if (matrix && (col === undefined || !source.cols.includes(col))) {
    throw badRequest(`col: give a column of ${name} (${source.cols.slice(0, 5).join(", ")}…)`, {
      param: "col",
    });
  }
  const members = [...new Set(cellMembers(source, row, matrix ? col : "") ?? [])];
  const label = matrix ? `${source.rowLabel} ${row}, ${source.colLabel} ${col}` : row;
  return { title: `${source.title}: ${label}`, members };
}

/** The cables behind one cell or signal: a flow (sender → addressee) or an over-classification signal. */
async function drillDataNow(
  src: AnalyticsSource,
  p: DrillParams,
): Promise<ViewData<DrillAnalysis>> {
  const state = analyticsState(p);
  const set = await resultSet(src, state);
  let analysis: DrillAnalysis;
  if (p.signal) {
    const signal: Signal = p.signal;
    const f = await src.facts(set.ids);
    const codes = levelCodes(f);
    const hits: number[] = [];
    for (let i = 0; i < f.n; i++) {
      const l = f.level[i]!;
      const bits = signalBits(codes.classified(l), codes.secret(l), f.marks, i * MARK_SLOTS.length);
      if (hasSignal(bits, signal)) hits.push(f.ids[i]!);
    }
    analysis = {
      title: SIGNAL_TITLES[signal],
      count: hits.length,
      cables: await drillRows(src, hits),
    };
  } else if (p.matrix) {
    const c = await cellDrill(src, set.ids, p.matrix, p.row ?? "", p.col);
    analysis = {
      title: c.title,
      count: c.members.length,
      cables: await drillRows(src, c.members),
    };
  } else if (p.reported_from || p.reported_to) {
    const from = p.reported_from ?? p.reported_to!;
    const to = p.reported_to ?? from;
    if (to < from) throw badRequest("reported_to: before reported_from", { param: "reported_to" });
    const hits = await reportingCables(src, set.ids, from, to);
    analysis = {
      title: `Cables reporting a date from ${from} to ${to}`,
      count: hits.length,
      cables: (
        await drillRows(
          src,
          hits.slice(0, DRILL_LIMIT).map((h) => h.id),
        )
      ).map((c, i) => ({
        ...c,
        reported: hits[i]!.phrases,
      })),
    };
  } else if (p.sender && p.addressee) {
    const f = await flowCables(src, set.ids, p.sender, p.addressee, DRILL_LIMIT);
    analysis = {
      title: `Cables from ${p.sender} to ${p.addressee}`,
      count: f.total,
      cables: await drillRows(src, f.ids),
    };
  } else {
    throw badRequest(
      "give signal, matrix and row (and col), reported_from, or sender and addressee",
      {
        param: "signal",
      },
    );
  }
  const withReported = analysis.cables.some((c) => c.reported !== undefined);
  const table: Table = {
    name: "cables",
    title: analysis.title,
    columns: [
      "cable",
      "created",
      "level",
      "origin",
      "subject",
      ...(withReported ? ["dates reported"] : []),
    ],
    rows: analysis.cables.map((c) => [
      c.referenceId,
      c.created,
      c.level,
      c.origin,
      c.subject,
      ...(withReported ? [(c.reported ?? []).join("; ")] : []),
    ]),
  };
  return view(state, set, analysis, [table]);
}

/** One table of a view, for `format=csv`: the named one, else the first. */
export function pickTable(tables: readonly Table[], name: string | undefined): Table {
  const t = name ? tables.find((x) => x.name === name) : tables[0];
  if (!t) {
    throw badRequest(`table: none named '${name}' here (${tables.map((x) => x.name).join(", ")})`, {
      param: "table",
    });
  }
  return t;
}

/** A view's data function, its time recorded as the "view" phase when the benchmark asks. */
function phased<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  return (...args) => timed("view", () => fn(...args));
}

export const timelineData = phased(timelineDataNow);
export const burstsData = phased(burstsDataNow);
export const spikesData = phased(spikesDataNow);
export const secrecyData = phased(secrecyDataNow);
export const addresseesData = phased(addresseesDataNow);
export const coverageData = phased(coverageDataNow);
export const drillData = phased(drillDataNow);
