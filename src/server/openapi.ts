/**
 * The OpenAPI 3.1 document of the JSON API, served at /api/openapi.json. test/server/openapi.test.ts
 * calls every documented route on a real server and validates the answers against these schemas.
 */
import { analyticsPaths, analyticsSchemas } from "./openapi-analytics.js";
import { componentSchemas } from "./openapi-schemas.js";
import {
  EXPORT_FORMATS,
  MAX_CURSOR,
  MAX_FILTERS,
  MAX_PAGE_SIZE,
  MAX_QUERY,
  MAX_VALUE,
  SORTS,
} from "./params.js";

type Json = Record<string, unknown>;

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});
const ok = (schema: string, description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: `#/components/schemas/${schema}` } } },
});
const query = (name: string, schema: Json, description: string, extra: Json = {}) => ({
  name,
  in: "query",
  required: false,
  schema,
  description,
  ...extra,
});
const list = (name: string, description: string) =>
  query(
    name,
    { type: "array", maxItems: MAX_FILTERS, items: { type: "string", maxLength: MAX_VALUE } },
    description,
    { style: "form", explode: true },
  );
const datePrefix = { type: "string", pattern: "^\\d{4}(-\\d{2}(-\\d{2})?)?$" };

const FILTERS = [
  query("q", { type: "string", maxLength: MAX_QUERY }, "query language (docs/query-language.md)"),
  list("tag", "only cables with this TAG (repeatable)"),
  list("origin", "only cables from this origin (repeatable)"),
  list("classification", "only cables of this classification (repeatable)"),
  list("caveat", "only cables with this caveat (repeatable)"),
  query("from", datePrefix, "created on or after (YYYY, YYYY-MM or YYYY-MM-DD)"),
  query("to", datePrefix, "created on or before (the whole period given)"),
];
const SORT = query("sort", { enum: [...SORTS] }, "order (default relevance; exports: created)");
const ID = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string", maxLength: 64 },
  description: "cable id as written (05ALMATY2121, 05 ALMATY 002121)",
};
const BAD = problem("bad parameter or query syntax (with `param`, and `position` for `q`)");

export function openApiDocument(): Json {
  return {
    openapi: "3.1.0",
    info: {
      title: "Cablegram API",
      version: "1",
      description:
        "Read-only JSON API over a Cablegram archive. Errors are application/problem+json; bad input is a 4xx, an unknown id 404, an oversized request target 414.",
    },
    paths: {
      "/api/search": {
        get: {
          summary: "Search the archive: a page of hits, facets and hits per month",
          parameters: [
            ...FILTERS,
            SORT,
            query(
              "cursor",
              { type: "string", maxLength: MAX_CURSOR },
              "`next` of the previous page",
            ),
            query(
              "limit",
              { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE },
              "hits per page (default 20)",
            ),
          ],
          responses: { 200: ok("SearchResult", "hits, facets, histogram, next cursor"), 400: BAD },
        },
      },
      "/api/cables/{id}": {
        get: {
          summary: "A cable: the Cable JSON plus cites, citedBy and versions",
          parameters: [ID],
          responses: {
            200: ok("CableWithGraph", "the cable"),
            400: BAD,
            404: problem("not in the archive (with `citedBy` when archive cables cite it)"),
          },
        },
      },
      "/api/cables/{id}/graph": {
        get: {
          summary: "The neighbourhood of a cable in the reference graph",
          parameters: [
            ID,
            query(
              "hops",
              { type: "integer", minimum: 0, maximum: 5 },
              "REF edges away (default 2)",
            ),
            query("limit", { type: "integer", minimum: 1, maximum: 500 }, "node cap (default 200)"),
          ],
          responses: {
            200: ok("Neighbourhood", "nodes (present or missing cables) and REF edges"),
            400: BAD,
            404: problem("neither in the archive nor cited by it"),
          },
        },
      },
      "/api/stats": {
        get: {
          summary: "What the archive holds, in numbers",
          responses: { 200: ok("Stats", "counts, cables per month, top values") },
        },
      },
      "/api/tags": {
        get: {
          summary: "Every TAG in the archive with its count, kind and meaning",
          responses: { 200: ok("Tags", "the TAGS glossary of the archive") },
        },
      },
      "/api/export": {
        get: {
          summary: "Every cable matching a query, streamed (no cap)",
          parameters: [
            ...FILTERS,
            query("format", { enum: [...EXPORT_FORMATS] }, "csv, jsonl (Cable JSON) or gexf", {
              required: true,
            }),
            SORT,
          ],
          responses: {
            200: {
              description: "the export, streamed",
              content: {
                "text/csv": { schema: { type: "string" } },
                "application/x-ndjson": { schema: { $ref: "#/components/schemas/Cable" } },
                "application/gexf+xml": { schema: { type: "string" } },
              },
            },
            400: BAD,
          },
        },
      },
      ...analyticsPaths({ filters: FILTERS, query, problem, id: ID }),
      "/api/openapi.json": {
        get: {
          summary: "This document",
          responses: {
            200: {
              description: "OpenAPI 3.1",
              content: { "application/json": { schema: { type: "object" } } },
            },
          },
        },
      },
    },
    components: { schemas: { ...componentSchemas(), ...analyticsSchemas() } },
  };
}
