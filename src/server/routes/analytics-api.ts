/**
 * `/api/analytics/...`: the analytics views as JSON (documented in src/server/openapi.ts), and any
 * table of a view as CSV with `format=csv&table=NAME`. Registered before the API's catch-all.
 */
import type { Context, Hono } from "hono";
import type { Table } from "../../analytics/table.js";
import {
  addresseesData,
  burstsData,
  coverageData,
  drillData,
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
import { csvResponse } from "./analytics.js";
import type { Deps } from "./page.js";

type Params = { format?: string | undefined; table?: string | undefined };

export function registerAnalyticsApi(app: Hono, deps: Deps): void {
  const src = deps.archive.analytics;
  /** One view: its parameters, validated, to its data function; JSON, or a table as CSV. */
  const route = <P extends Params>(
    name: string,
    params: (c: Context) => P,
    data: (p: P) => Promise<{ tables: Table[] }>,
  ) =>
    app.get(`/api/analytics/${name}`, async (c) => {
      const p = params(c);
      const { tables, ...rest } = await data(p);
      if (p.format === "csv") return csvResponse(c, name, tables, p.table);
      return c.json(rest);
    });

  route(
    "timeline",
    (c) => queryParams(c, timelineParams),
    (p) => timelineData(src, p),
  );
  route(
    "bursts",
    (c) => queryParams(c, burstsParams),
    (p) => burstsData(src, p),
  );
  route(
    "spikes",
    (c) => queryParams(c, spikesParams),
    (p) => spikesData(src, p),
  );
  route(
    "secrecy",
    (c) => queryParams(c, analyticsParams),
    (p) => secrecyData(src, p),
  );
  route(
    "addressees",
    (c) => queryParams(c, analyticsParams),
    (p) => addresseesData(src, p),
  );
  route(
    "coverage",
    (c) => queryParams(c, analyticsParams),
    (p) => coverageData(src, p),
  );
  route(
    "cables",
    (c) => queryParams(c, drillParams),
    (p) => drillData(src, p),
  );

  app.get("/api/analytics/thread/:id", async (c) => {
    const p = queryParams(c, threadParams);
    const d = await threadData(src, validate(idParam, c.req.param("id"), "id"));
    if (p.format === "csv") return csvResponse(c, "thread", d.tables, p.table);
    return c.json(d.thread);
  });
}
