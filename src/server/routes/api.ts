/**
 * The JSON API under /api (documented in src/server/openapi.ts and docs/api.md). Each route is
 * its parameters, validated, passed to the data function the matching page also uses: a route
 * with a page twin answers exactly what the page's `?format=json` answers (docs/api.md, "URLs").
 */
import type { Context, Hono } from "hono";
import { resolveId } from "../data/cable.js";
import { citationListResponse } from "../data/cite-list.js";
import { exportResponse } from "../data/export.js";
import { statsData } from "../data/stats.js";
import { tagsData } from "../data/tags.js";
import { openApiDocument } from "../openapi.js";
import { citeListParams, exportParams, idParam, queryParams, validate } from "../params.js";
import { notFound } from "../problem.js";
import { cableResource } from "./cable.js";
import type { Deps } from "./page.js";
import { searchResource } from "./search.js";

export function cableId(c: Context): string {
  return resolveId(validate(idParam, c.req.param("id"), "id"));
}

export function registerApi(app: Hono, deps: Deps): void {
  app.get("/api/openapi.json", (c) => c.json(openApiDocument()));

  app.get("/api/search", (c) => searchResource(c, deps));

  app.get("/api/cables/:id", async (c) => c.json(await cableResource(deps, cableId(c))));

  app.get("/api/stats", async (c) => c.json(await statsData(deps.archive)));

  app.get("/api/tags", async (c) => c.json(await tagsData(deps.archive)));

  app.get("/api/export", (c) => {
    const p = queryParams(c, exportParams);
    return exportResponse(deps.archive, p, p.format, { public: deps.public });
  });

  app.get("/api/cite", (c) =>
    citationListResponse(deps.archive, queryParams(c, citeListParams), deps.baseUrl),
  );

  app.all("/api/*", (c) => {
    throw notFound(`no API route ${c.req.method} ${new URL(c.req.url).pathname}`);
  });
}
