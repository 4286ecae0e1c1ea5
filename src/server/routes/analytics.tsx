/**
 * The analytics pages (`/analytics/...`): each view of a result set as a page, as JSON with
 * `?format=json`, and any of its tables as CSV with `?format=csv&table=NAME`. The same data
 * functions answer `/api/analytics/...` (src/server/routes/analytics-api.ts).
 */
import type { Context, Hono } from "hono";
import type { Table } from "../../analytics/table.js";
import { tableCsv } from "../../export/table-csv.js";
import {
  addresseesData,
  burstsData,
  coverageData,
  drillData,
  pickTable,
  secrecyData,
  spikesData,
  threadData,
  timelineData,
} from "../data/analytics.js";
import {
  analyticsParams,
  burstsParams,
  drillParams,
  spikesParams,
  threadParams,
  timelineParams,
} from "../data/analytics-params.js";
import { idParam, queryParams, validate } from "../params.js";
import { AddresseesPage, DrillPage } from "../views/analytics-addressees.js";
import { BurstsPage, SpikesPage, TimelinePage } from "../views/analytics-bursts.js";
import { CoveragePage, ThreadPage } from "../views/analytics-coverage.js";
import { SecrecyPage } from "../views/analytics-secrecy.js";
import { analyticsUrl } from "../views/analytics-url.js";
import { type Deps, respond, viewContext } from "./page.js";

/** A table of the view as a CSV download. */
export function csvResponse(
  c: Context,
  view: string,
  tables: readonly Table[],
  name?: string,
): Response {
  const t = pickTable(tables, name);
  return c.body(tableCsv(t), 200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="cablegram-${view}-${t.name}.csv"`,
  });
}

/** The JSON of a view: everything but the tables (they restate the analysis for CSV). */
function json<T extends { tables: unknown }>(d: T): Omit<T, "tables"> {
  const { tables: _, ...rest } = d;
  return rest;
}

export function registerAnalytics(app: Hono, deps: Deps): void {
  const src = deps.archive.analytics;

  app.get("/analytics", (c) => {
    const p = queryParams(c, analyticsParams);
    return c.redirect(analyticsUrl("/analytics/timeline", { ...p, q: p.q ?? "" }), 302);
  });

  app.get("/analytics/timeline", async (c) => {
    const p = queryParams(c, timelineParams);
    const d = await timelineData(src, p);
    if (p.format === "csv") return csvResponse(c, "timeline", d.tables, p.table);
    return respond(c, json(d), () => (
      <TimelinePage ctx={viewContext(c, deps)} data={d} vs={p.vs} />
    ));
  });

  app.get("/analytics/bursts", async (c) => {
    const p = queryParams(c, burstsParams);
    const d = await burstsData(src, p);
    if (p.format === "csv") return csvResponse(c, "bursts", d.tables, p.table);
    return respond(c, json(d), () => <BurstsPage ctx={viewContext(c, deps)} data={d} />);
  });

  app.get("/analytics/spikes", async (c) => {
    const p = queryParams(c, spikesParams);
    const d = await spikesData(src, p);
    if (p.format === "csv") return csvResponse(c, "spikes", d.tables, p.table);
    return respond(c, json(d), () => <SpikesPage ctx={viewContext(c, deps)} data={d} />);
  });

  app.get("/analytics/secrecy", async (c) => {
    const p = queryParams(c, analyticsParams);
    const d = await secrecyData(src, p);
    if (p.format === "csv") return csvResponse(c, "secrecy", d.tables, p.table);
    return respond(c, json(d), () => <SecrecyPage ctx={viewContext(c, deps)} data={d} />);
  });

  app.get("/analytics/addressees", async (c) => {
    const p = queryParams(c, analyticsParams);
    const d = await addresseesData(src, p);
    if (p.format === "csv") return csvResponse(c, "addressees", d.tables, p.table);
    return respond(c, json(d), () => <AddresseesPage ctx={viewContext(c, deps)} data={d} />);
  });

  app.get("/analytics/coverage", async (c) => {
    const p = queryParams(c, analyticsParams);
    const d = await coverageData(src, p);
    if (p.format === "csv") return csvResponse(c, "coverage", d.tables, p.table);
    return respond(c, json(d), () => <CoveragePage ctx={viewContext(c, deps)} data={d} />);
  });

  app.get("/analytics/cables", async (c) => {
    const p = queryParams(c, drillParams);
    const d = await drillData(src, p);
    if (p.format === "csv") return csvResponse(c, "cables", d.tables, p.table);
    const extra = {
      signal: p.signal,
      sender: p.sender,
      addressee: p.addressee,
      matrix: p.matrix,
      row: p.row,
      col: p.col,
      reported_from: p.reported_from,
      reported_to: p.reported_to,
    };
    return respond(c, json(d), () => (
      <DrillPage ctx={viewContext(c, deps)} data={d} extra={extra} />
    ));
  });

  app.get("/analytics/thread/:id", async (c) => {
    const p = queryParams(c, threadParams);
    const d = await threadData(src, validate(idParam, c.req.param("id"), "id"));
    if (p.format === "csv") return csvResponse(c, "thread", d.tables, p.table);
    return respond(c, d.thread, () => (
      <ThreadPage ctx={viewContext(c, deps)} thread={d.thread} table={d.tables[0]!} />
    ));
  });
}
