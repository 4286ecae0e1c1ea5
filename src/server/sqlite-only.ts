/**
 * The views that read SQLite only so far: analytics and reference graphs. On an
 * archive on PostgreSQL their paths answer a 404 problem that says so — never a 5xx, never a
 * page that half works — and the pages leave their links out (ViewContext.sqliteViews).
 * docs/server-mode.md lists them; a view that learns PostgreSQL leaves this list.
 */
import type { Hono } from "hono";
import { ProblemError } from "./problem.js";
import { registerAnalytics } from "./routes/analytics.js";
import { registerAnalyticsApi } from "./routes/analytics-api.js";
import { registerGraph } from "./routes/graph.js";
import type { Deps } from "./routes/page.js";

/** Each path and what it is, in the words of the answer. */
export const SQLITE_ONLY_PATHS: readonly (readonly [path: string, what: string])[] = [
  ["/analytics", "analytics"],
  ["/analytics/*", "analytics"],
  ["/api/analytics/*", "analytics"],
  ["/cables/:id/graph", "reference graphs"],
  ["/api/cables/:id/graph", "reference graphs"],
];

export const NOT_ON_POSTGRES = "urn:cablegram:problem:not-on-postgresql";

export function notOnPostgres(what: string): ProblemError {
  return new ProblemError(
    404,
    `not available on PostgreSQL archives yet: ${what} (docs/server-mode.md)`,
    { type: NOT_ON_POSTGRES, title: "Not available on PostgreSQL" },
  );
}

/** Registers the views on a SQLite archive, or their refusals on any other. */
export function registerSqliteOnly(app: Hono, deps: Deps): void {
  const db = deps.archive.sqlite;
  if (db) {
    const full = { ...deps, db };
    // Kept in step with the base URL, which a server on port 0 learns once it listens.
    Object.defineProperty(full, "baseUrl", { get: () => deps.baseUrl });
    registerAnalyticsApi(app, full);
    registerGraph(app, full);
    registerAnalytics(app, full);
    return;
  }
  for (const [path, what] of SQLITE_ONLY_PATHS) {
    app.get(path, () => {
      throw notOnPostgres(what);
    });
  }
}
