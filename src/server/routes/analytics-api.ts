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
import type { SqliteDeps } from "./page.js";

type Params = { format?: string | undefined; table?: string | undefined };

export function registerAnalyticsApi(app: Hono, deps: SqliteDeps): void {
  const { db } = deps;
  /** One view: its parameters, validated, to its data function; JSON, or a table as CSV. */
  const route = <P extends Params>(
    name: string,
    params: (c: Context) => P,
    data: (p: P) => { tables: Table[] },
  ) =>
    app.get(`/api/analytics/${name}`, (c) => {
      const p = params(c);
      const { tables, ...rest } = data(p);
      if (p.format === "csv") return csvResponse(c, name, tables, p.table);
      return c.json(rest);
    });

  route(
    "timeline",
    (c) => queryParams(c, timelineParams),
    (p) => timelineData(db, p),
  );
  route(
    "bursts",
    (c) => queryParams(c, burstsParams),
    (p) => burstsData(db, p),
  );
  route(
    "spikes",
    (c) => queryParams(c, spikesParams),
    (p) => spikesData(db, p),
  );
  route(
    "secrecy",
    (c) => queryParams(c, analyticsParams),
    (p) => secrecyData(db, p),
  );
  route(
    "addressees",
    (c) => queryParams(c, analyticsParams),
    (p) => addresseesData(db, p),
  );
  route(
    "coverage",
    (c) => queryParams(c, analyticsParams),
    (p) => coverageData(db, p),
  );
  route(
    "cables",
    (c) => queryParams(c, drillParams),
    (p) => drillData(db, p),
  );

  app.get("/api/analytics/thread/:id", (c) => {
    const p = queryParams(c, threadParams);
    const d = threadData(db, validate(idParam, c.req.param("id"), "id"));
    if (p.format === "csv") return csvResponse(c, "thread", d.tables, p.table);
    return c.json(d.thread);
  });
}
