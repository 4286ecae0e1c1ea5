/**
 * The OpenAPI 3.1 document of the JSON API, served at /api/openapi.json and checked in as
 * docs/openapi.json (npm run docs). Nothing here is written twice: parameters come from the zod
 * schemas that validate requests (params.ts), answers from the zod schemas the data functions'
 * types are inferred from, error answers from what the middleware and handlers really throw.
 * test/server/openapi.test.ts calls every route and status on a real server and validates the
 * answers against this document.
 */
import { z } from "zod";
import { NeighbourhoodSchema } from "../graph/types.js";
import { CableSchema } from "../model/cable.js";
import { SearchResultSchema } from "../search/types.js";
import {
  AddresseesViewSchema,
  BurstsViewSchema,
  CoverageViewSchema,
  DrillViewSchema,
  SecrecyViewSchema,
  SpikesViewSchema,
  ThreadSchema,
  TimelineViewSchema,
} from "./analytics-answers.js";
import { CableViewSchema, ProblemSchema, StatsDataSchema, TagsDataSchema } from "./answers.js";
import {
  analyticsParams,
  burstsParams,
  drillParams,
  spikesParams,
  threadParams,
  timelineParams,
} from "./data/analytics-params.js";
import { CITATION_TYPES } from "./data/citation.js";
import { EXPORT_TYPES } from "./data/export.js";
import { EntityDetailSchema, EntityListSchema } from "./entity-answers.js";
import {
  citeListParams,
  entityIdParam,
  entityListParams,
  entityNetworkParams,
  entityPageParams,
  exportParams,
  graphParams,
  idParam,
  MAX_URL,
  searchParams,
} from "./params.js";

type Json = Record<string, unknown>;

export interface Route {
  path: string;
  summary: string;
  /** Path parameters, by name. */
  pathParams?: Record<string, { schema: z.ZodType; description: string }>;
  /** The query string, as the handler validates it. */
  query?: z.ZodObject;
  /** The 200 answer: its description and a schema per media type. */
  ok: { description: string; content: Record<string, z.ZodType> };
  /** Errors of this route beyond the ones every request can get. */
  errors?: Partial<Record<400 | 404, string>>;
  /** The page serving the same data (`?format=json` answers exactly this route's JSON). */
  page?: string;
  /**
   * False where a failing archive cannot give a 500: the route never reads it, or streams (a
   * failure after the 200 has gone out ends the connection instead).
   */
  answers500?: false;
}

const ID = { schema: idParam, description: "cable id as written (05ALMATY2121, 05 ALMATY 002121)" };
const BAD = "bad parameter or query syntax (with `param`, and `position` for `q`)";
const mediaType = (contentType: string) => contentType.split(";")[0]!.trim();

/** The API's routes as src/server/routes/ registers them; exported for the page-twin test. */
export const ROUTES: Route[] = [
  {
    path: "/api/search",
    page: "/search",
    summary: "Search the archive: a page of hits, facets and hits per month",
    query: searchParams,
    ok: {
      description:
        "hits, facets, histogram, next cursor; with format=csv|jsonl|gexf every match as a file (as /api/export)",
      content: {
        "application/json": SearchResultSchema,
        [mediaType(EXPORT_TYPES.csv)]: z.string(),
        [mediaType(EXPORT_TYPES.jsonl)]: CableSchema,
        [mediaType(EXPORT_TYPES.gexf)]: z.string(),
      },
    },
    errors: { 400: BAD },
  },
  {
    path: "/api/cables/{id}",
    page: "/cables/{id}",
    summary:
      "A cable as the reader shows it: the Cable JSON plus cites, citedBy, versions, entity mentions, meanings and diffs",
    pathParams: { id: ID },
    ok: { description: "the cable", content: { "application/json": CableViewSchema } },
    errors: { 400: BAD, 404: "not in the archive (with `citedBy` when archive cables cite it)" },
  },
  {
    path: "/api/cables/{id}/graph",
    page: "/cables/{id}/graph",
    summary: "The neighbourhood of a cable in the reference graph",
    pathParams: { id: ID },
    query: graphParams,
    ok: {
      description: "nodes (present or missing cables) and REF edges",
      content: { "application/json": NeighbourhoodSchema },
    },
    errors: { 400: BAD, 404: "neither in the archive nor cited by it" },
  },
  {
    path: "/api/stats",
    page: "/",
    summary: "What the archive holds, in numbers",
    ok: {
      description: "counts, cables per month, top values",
      content: { "application/json": StatsDataSchema },
    },
  },
  {
    path: "/api/tags",
    page: "/tags",
    summary: "Every TAG in the archive with its count, kind and meaning",
    ok: {
      description: "the TAGS glossary of the archive",
      content: { "application/json": TagsDataSchema },
    },
  },
  {
    path: "/api/export",
    summary: "Every cable matching a query, streamed (no cap)",
    query: exportParams,
    ok: {
      description: "the export, streamed; application/x-ndjson has one Cable per line",
      content: {
        [mediaType(EXPORT_TYPES.csv)]: z.string(),
        [mediaType(EXPORT_TYPES.jsonl)]: CableSchema,
        [mediaType(EXPORT_TYPES.gexf)]: z.string(),
      },
    },
    errors: { 400: BAD },
    answers500: false,
  },
  {
    path: "/api/cite",
    summary: "Citations of every cable matching a query (at most 5,000): BibTeX, CSL-JSON or RIS",
    query: citeListParams,
    ok: {
      description: "the citations as a file named after the query and the day",
      content: {
        [mediaType(CITATION_TYPES.bibtex.type)]: z.string(),
        [mediaType(CITATION_TYPES.csl.type)]: z.array(z.looseObject({})),
        [mediaType(CITATION_TYPES.ris.type)]: z.string(),
      },
    },
    errors: { 400: BAD },
    answers500: false,
  },
  ...entityRoutes(),
  ...analyticsRoutes(),
  {
    path: "/api/openapi.json",
    summary: "This document",
    ok: { description: "OpenAPI 3.1", content: { "application/json": z.looseObject({}) } },
    answers500: false,
  },
];

/** People, organisations and places (src/server/routes/entities.tsx). */
function entityRoutes(): Route[] {
  const ENTITY_ID = {
    schema: entityIdParam,
    description: "entity id (person-…, org-…, place-…), from a lookup or a search facet",
  };
  return [
    {
      path: "/api/entities",
      page: "/entities",
      summary: "Look entities up by words of their names, most cited first",
      query: entityListParams,
      ok: {
        description: "the entities found",
        content: { "application/json": EntityListSchema },
      },
      errors: { 400: BAD },
    },
    {
      path: "/api/entities/{id}",
      page: "/entities/{id}",
      summary: "One entity: forms, roles, posts, months, evidence, co-mentions, cables",
      pathParams: { id: ENTITY_ID },
      query: entityPageParams,
      ok: { description: "the entity", content: { "application/json": EntityDetailSchema } },
      errors: { 400: BAD, 404: "no such entity (with `suggestions`)" },
    },
    {
      path: "/api/entities/export.csv",
      summary: "Entities as CSV (the lookup's `q` and `type`; every match)",
      query: entityListParams,
      ok: { description: "one row per entity", content: { "text/csv": z.string() } },
      errors: { 400: BAD },
    },
    {
      path: "/api/entities/network.gexf",
      summary: "The people's co-mention network as GEXF 1.3 (edge weight: cables naming both)",
      query: entityNetworkParams,
      ok: {
        description: "the network",
        content: { [mediaType(EXPORT_TYPES.gexf)]: z.string() },
      },
      errors: { 400: BAD },
    },
  ];
}

/** The analytics views (src/server/routes/analytics-api.ts): JSON, or one table as CSV. */
function analyticsRoutes(): Route[] {
  const view = (name: string, summary: string, query: z.ZodObject, schema: z.ZodType): Route => ({
    path: `/api/analytics/${name}`,
    page: `/analytics/${name}`,
    summary,
    query,
    ok: {
      description: "the analysis; with format=csv, the table named by `table` as CSV",
      content: { "application/json": schema, "text/csv": z.string() },
    },
    errors: { 400: BAD },
  });
  return [
    view(
      "timeline",
      "Cables per period for a query, up to five overlaid",
      timelineParams,
      TimelineViewSchema,
    ),
    view(
      "bursts",
      "Kleinberg bursts of a query, or of every TAG or origin in it",
      burstsParams,
      BurstsViewSchema,
    ),
    view(
      "spikes",
      "What spiked: the strongest TAG and origin bursts in a period",
      spikesParams,
      SpikesViewSchema,
    ),
    view(
      "secrecy",
      "Levels, markings, matrices, DECL horizon, over-classification signals, classifiers",
      analyticsParams,
      SecrecyViewSchema,
    ),
    view(
      "addressees",
      "Who was told what: addressees, flow, precedence, routing indicators",
      analyticsParams,
      AddresseesViewSchema,
    ),
    view(
      "coverage",
      "Cables held per post and year against the serial range",
      analyticsParams,
      CoverageViewSchema,
    ),
    view(
      "cables",
      "The cables behind a cell (matrix, row, col; (other) and (none) included), a flow (sender, addressee), a signal, or reported dates (reported_from, reported_to)",
      drillParams,
      DrillViewSchema,
    ),
    {
      path: "/api/analytics/thread/{id}",
      page: "/analytics/thread/{id}",
      summary: "A cable's thread: what it cites, replies, follow-ups, who answered, who did not",
      pathParams: { id: ID },
      query: threadParams,
      ok: {
        description: "the thread; with format=csv, its table as CSV",
        content: { "application/json": ThreadSchema, "text/csv": z.string() },
      },
      errors: { 400: BAD, 404: "not in the archive" },
    },
  ];
}

/** Answers any request can get, whatever the route (hosts.ts, security.ts, start.ts). */
const COMMON_ERRORS: Record<number, string> = {
  414: `the request target (path and query) is longer than ${MAX_URL} characters`,
  421: "the Host header names a host this server does not answer for (see --allowed-host)",
  431: "the request headers are larger than the server accepts",
};
const BAD_HOST = "the Host header is missing or malformed";
/** What app.ts answers when a handler fails unexpectedly (the archive cannot be read). */
const FAILED = { 500: "the server failed to answer; the error is logged" };
/**
 * What a request that reads the archive may also meet on a busy or stopping server (app.ts): a
 * statement past `serve --query-timeout` (PostgreSQL) or a shutdown under way. Sent with
 * `Retry-After` when a retry can succeed.
 */
const BUSY = {
  503: "the archive took longer than the server's --query-timeout to answer (Retry-After says when to try again), or the server is stopping",
};
/**
 * Never read by the client it is for: the client left before its answer, its statements were
 * cancelled, and the access log and reverse proxies see nginx's "client closed request" status.
 */
const CLIENT_CLOSED = {
  description:
    "the client closed the connection before the answer was ready; no body (a status for logs and proxies, never cached)",
};
const METHOD_NOT_ALLOWED = "only GET and HEAD exist: the server only reads";
/** Methods answered 405 on every path (readOnlyMethods in security.ts). */
const REFUSED_METHODS = ["post", "put", "patch", "delete", "options"] as const;

/** zod → JSON Schema 2020-12 (OpenAPI 3.1's dialect); named schemas go to `components`. */
class SchemaSet {
  readonly components: Record<string, Json> = {};

  convert(schema: z.ZodType, io: "input" | "output" = "output"): Json {
    const generated = z.toJSONSchema(schema, {
      target: "draft-2020-12",
      io,
      unrepresentable: "any",
    });
    const text = JSON.stringify(generated).replaceAll('"#/$defs/', '"#/components/schemas/');
    const {
      $schema: _dialect,
      $defs,
      ...root
    } = JSON.parse(text) as Json & {
      $defs?: Record<string, Json>;
    };
    Object.assign(this.components, $defs ?? {});
    return root;
  }
}

function parameters(route: Route, schemas: SchemaSet): Json[] {
  const out: Json[] = [];
  for (const [name, p] of Object.entries(route.pathParams ?? {})) {
    out.push({
      name,
      in: "path",
      required: true,
      description: p.description,
      schema: schemas.convert(p.schema),
    });
  }
  for (const [name, schema] of Object.entries(route.query?.shape ?? {})) {
    const s = schema as z.ZodType;
    // The description goes on the parameter, not twice.
    const { description: _same, ...json } = schemas.convert(s);
    out.push({
      name,
      in: "query",
      // A parameter the schema accepts leaving out is optional (defaults are filled in by it).
      required: !s.safeParse(undefined).success,
      ...(s.description ? { description: s.description } : {}),
      schema: json,
      ...(json.type === "array" ? { style: "form", explode: true } : {}),
    });
  }
  return out;
}

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

export function openApiDocument(): Json {
  const schemas = new SchemaSet();
  schemas.convert(ProblemSchema);
  const paths: Record<string, Json> = {};
  for (const route of ROUTES) {
    const responses: Record<string, Json> = {
      200: {
        description: route.ok.description,
        content: Object.fromEntries(
          Object.entries(route.ok.content).map(([type, s]) => [
            type,
            { schema: schemas.convert(s) },
          ]),
        ),
      },
    };
    const bad = route.errors?.[400];
    for (const [status, description] of Object.entries({
      ...route.errors,
      400: bad ? `${bad}; or ${BAD_HOST}` : BAD_HOST,
      ...COMMON_ERRORS,
      ...(route.answers500 === false ? {} : { ...FAILED, ...BUSY }),
    })) {
      responses[status] = problem(description);
    }
    if (route.answers500 !== false) responses[499] = CLIENT_CLOSED;
    const refused = {
      summary: "Refused: the server only reads",
      responses: { 405: problem(METHOD_NOT_ALLOWED) },
    };
    const twin = route.page
      ? `${route.summary}. The page ${route.page} renders the same data; ${route.page}?format=json answers exactly this.`
      : route.summary;
    paths[route.path] = {
      get: {
        summary: route.summary,
        description: twin,
        parameters: parameters(route, schemas),
        responses,
      },
      ...Object.fromEntries(REFUSED_METHODS.map((m) => [m, refused])),
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Cablegram API",
      version: "1",
      description:
        "Read-only JSON API over a Cablegram archive. Errors are application/problem+json: bad input or a malformed Host is a 400, an unknown id 404, a write method 405, an oversized request target 414, a Host the server does not answer for 421, oversized headers 431, an archive that cannot be read 500, an archive too busy to answer within the server's --query-timeout (or a server stopping) 503 with Retry-After; a request whose client left is logged 499 and has no body.",
    },
    paths,
    components: { schemas: schemas.components },
  };
}
