/**
 * The JSON API under /api (documented in src/server/openapi.ts and docs/api.md). Each route is
 * its parameters, validated, passed to the data function the matching page also uses.
 */
import type { Context, Hono } from "hono";
import { cableJson, resolveId } from "../data/cable.js";
import { citationListResponse } from "../data/cite-list.js";
import { EXPORT_TYPES, exportStream } from "../data/export.js";
import { attachment, exportFileName } from "../data/export-name.js";
import { graphData } from "../data/graph.js";
import { publicCable } from "../data/public-paths.js";
import { composeQuery } from "../data/query.js";
import { apiSearchResult, searchData, searchState } from "../data/search.js";
import { statsData } from "../data/stats.js";
import { tagsData } from "../data/tags.js";
import { openApiDocument } from "../openapi.js";
import {
  citeListParams,
  exportParams,
  graphParams,
  idParam,
  queryParams,
  searchParams,
  validate,
} from "../params.js";
import { notFound } from "../problem.js";
import type { Deps } from "./page.js";

export function cableId(c: Context): string {
  return resolveId(validate(idParam, c.req.param("id"), "id"));
}

export function registerApi(app: Hono, deps: Deps): void {
  const { db } = deps;

  app.get("/api/openapi.json", (c) => c.json(openApiDocument()));

  app.get("/api/search", (c) => {
    const state = searchState(queryParams(c, searchParams));
    return c.json(apiSearchResult(searchData(db, state).result));
  });

  app.get("/api/cables/:id", (c) => {
    const json = cableJson(db, cableId(c));
    return c.json(deps.public ? publicCable(json) : json);
  });

  app.get("/api/cables/:id/graph", (c) => {
    const p = queryParams(c, graphParams);
    return c.json(graphData(db, cableId(c), p));
  });

  app.get("/api/stats", (c) => c.json(statsData(db)));

  app.get("/api/tags", (c) => c.json(tagsData(db)));

  app.get("/api/export", (c) => {
    const p = queryParams(c, exportParams);
    const query = composeQuery(p).text;
    const body = exportStream(db, query, p.format, p.sort ?? "created", { public: deps.public });
    return new Response(body, {
      headers: {
        "content-type": EXPORT_TYPES[p.format],
        "content-disposition": attachment(exportFileName(p, p.format)),
        "cache-control": "no-store",
      },
    });
  });

  app.get("/api/cite", (c) =>
    citationListResponse(db, queryParams(c, citeListParams), deps.baseUrl),
  );

  app.all("/api/*", (c) => {
    throw notFound(`no API route ${c.req.method} ${new URL(c.req.url).pathname}`);
  });
}
