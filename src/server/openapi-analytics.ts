/**
 * The analytics part of the OpenAPI document: `/api/analytics/...` paths and their answer schemas,
 * spread into src/server/openapi.ts. Each view answers `{query, state, total, analysis}`, or one of
 * its tables as CSV with `format=csv&table=NAME`.
 */
import { MAX_OVERLAYS } from "./data/analytics-params.js";

type Json = Record<string, unknown>;

const str = { type: "string" };
const int = { type: "integer", minimum: 0 };
const num = { type: "number" };
const nullable = (type: string | string[]) => ({
  type: [...(Array.isArray(type) ? type : [type]), "null"],
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const arrayOf = (items: Json) => ({ type: "array", items });
const object = (properties: Record<string, Json>, optional: string[] = []): Json => ({
  type: "object",
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  properties,
});
const cell = { type: ["string", "number", "null"] };

/** Answer schemas of the analytics views. */
export function analyticsSchemas(): Record<string, Json> {
  const view = (analysis: Json, extra: Record<string, Json> = {}) =>
    object({ query: str, state: { type: "object" }, total: int, analysis, ...extra });
  const burst = object(
    {
      dimension: { enum: ["query", "tag", "origin"] },
      value: str,
      start: str,
      end: str,
      from: str,
      to: str,
      strength: num,
      count: int,
      query: nullable("string"),
      cables: arrayOf(
        object({ referenceId: str, created: nullable("string"), subject: nullable("string") }),
      ),
    },
    ["cables"],
  );
  return {
    AnalyticsTable: object({
      name: str,
      title: str,
      columns: arrayOf(str),
      rows: arrayOf(arrayOf(cell)),
    }),
    AnalyticsMatrix: object({
      name: str,
      title: str,
      rowLabel: str,
      colLabel: str,
      rows: arrayOf(str),
      cols: arrayOf(str),
      cells: arrayOf(arrayOf(int)),
      total: int,
    }),
    Burst: burst,
    TimelineView: view(
      object({
        by: { enum: ["day", "week", "month", "year"] },
        series: arrayOf(object({ label: str, total: int, undated: int })),
        points: arrayOf(
          object({ period: str, from: str, to: str, counts: arrayOf(int), all: int }),
        ),
      }),
      { normalise: { type: "boolean" } },
    ),
    BurstsView: view(
      object({
        by: str,
        kind: { enum: ["query", "tag", "origin"] },
        bursts: arrayOf(ref("Burst")),
      }),
    ),
    SpikesView: view(
      object({ start: str, end: str, tags: arrayOf(ref("Burst")), origins: arrayOf(ref("Burst")) }),
    ),
    SecrecyView: view(
      object({
        total: int,
        levels: ref("AnalyticsTable"),
        caveats: ref("AnalyticsTable"),
        reasons: ref("AnalyticsTable"),
        markings: ref("AnalyticsTable"),
        levelByYear: ref("AnalyticsMatrix"),
        levelByOrigin: ref("AnalyticsMatrix"),
        horizon: ref("AnalyticsTable"),
        signals: { type: "object" },
        classifiers: ref("AnalyticsTable"),
      }),
    ),
    AddresseesView: view(
      object({
        total: int,
        addressees: ref("AnalyticsTable"),
        collectives: ref("AnalyticsTable"),
        precedence: ref("AnalyticsTable"),
        precedenceByYear: ref("AnalyticsMatrix"),
        routes: ref("AnalyticsTable"),
        flow: ref("AnalyticsMatrix"),
      }),
    ),
    CoverageView: view(
      object({
        counted: int,
        rows: arrayOf(
          object({
            station: str,
            year: { type: "integer" },
            held: int,
            highestSerial: int,
            share: num,
            missing: int,
          }),
        ),
      }),
    ),
    DrillView: view(
      object({
        title: str,
        count: int,
        cables: arrayOf(
          object({
            referenceId: str,
            created: nullable("string"),
            level: nullable("string"),
            origin: nullable("string"),
            subject: nullable("string"),
          }),
        ),
      }),
    ),
    Thread: object({
      root: str,
      messages: arrayOf(
        object({
          referenceId: str,
          role: { enum: ["cited", "root", "reply", "follow-up"] },
          held: { type: "boolean" },
          post: nullable("string"),
          created: nullable("string"),
          subject: nullable("string"),
          days: nullable("number"),
          via: nullable("string"),
        }),
      ),
      answered: arrayOf(object({ post: str, first: str, days: nullable("number"), replies: int })),
      silent: arrayOf(object({ post: str, role: { enum: ["to", "info"] } })),
    }),
  };
}

/**
 * The analytics paths, given the document's shared pieces: the query filters, the parameter
 * builder, the 200 and problem answers.
 */
export function analyticsPaths(h: {
  filters: Json[];
  query: (name: string, schema: Json, description: string, extra?: Json) => Json;
  problem: (description: string) => Json;
  id: Json;
}): Record<string, Json> {
  const bad = h.problem("bad parameter or query syntax (with `param`)");
  const format = h.query(
    "format",
    { enum: ["json", "csv"] },
    "json (default), or csv: one table of the view (see `table`)",
  );
  const table = h.query(
    "table",
    { type: "string", pattern: "^[a-z0-9-]+$", maxLength: 64 },
    "with format=csv: the table (default: the view's first)",
  );
  const answer = (schema: string, description: string) => ({
    description,
    content: {
      "application/json": { schema: ref(schema) },
      "text/csv": { schema: { type: "string" } },
    },
  });
  const by = h.query("by", { enum: ["day", "week", "month", "year"] }, "period (default month)");
  const month = { type: "string", pattern: "^\\d{4}-(0[1-9]|1[0-2])$" };
  const get = (
    summary: string,
    parameters: Json[],
    schema: string,
    what: string,
    extra: Json = {},
  ) => ({
    get: {
      summary,
      parameters: [...parameters, format, table],
      responses: { 200: answer(schema, what), 400: bad, ...extra },
    },
  });
  return {
    "/api/analytics/timeline": get(
      "Cables per period for a query, up to five queries overlaid",
      [
        ...h.filters,
        by,
        h.query(
          "vs",
          { type: "array", maxItems: MAX_OVERLAYS, items: { type: "string", maxLength: 4000 } },
          "more queries to overlay (repeatable)",
          { style: "form", explode: true },
        ),
        h.query(
          "normalise",
          { enum: ["1", "0", "true", "false", "on", "off"] },
          "add shares of all cables (CSV)",
        ),
      ],
      "TimelineView",
      "the timeline: series and points",
    ),
    "/api/analytics/bursts": get(
      "Kleinberg bursts of a query's series, or of every TAG or origin",
      [...h.filters, by, h.query("kind", { enum: ["query", "tag", "origin"] }, "whose bursts")],
      "BurstsView",
      "bursts, strongest first",
    ),
    "/api/analytics/spikes": get(
      "What spiked: the strongest TAG and origin bursts overlapping a period",
      [
        ...h.filters,
        h.query("start", month, "first month (default: the busiest month)"),
        h.query("end", month, "last month (default: start)"),
      ],
      "SpikesView",
      "TAG and origin bursts in the period",
    ),
    "/api/analytics/secrecy": get(
      "Secrecy of a result set: levels, markings, matrices, horizon, signals, classifiers",
      h.filters,
      "SecrecyView",
      "the secrecy analysis",
    ),
    "/api/analytics/addressees": get(
      "Who was told what: addressees, flow, precedence, routing indicators",
      h.filters,
      "AddresseesView",
      "the addressee analysis",
    ),
    "/api/analytics/coverage": get(
      "Cables held per post and year against the serial range",
      h.filters,
      "CoverageView",
      "coverage rows",
    ),
    "/api/analytics/cables": get(
      "The cables behind a flow cell (sender, addressee) or an over-classification signal",
      [
        ...h.filters,
        h.query("signal", { enum: ["unclassified-paragraphs", "secret-without-s"] }, "a signal"),
        h.query("sender", { type: "string", maxLength: 200 }, "sending post (flow cell)"),
        h.query("addressee", { type: "string", maxLength: 200 }, "addressee post (flow cell)"),
      ],
      "DrillView",
      "the cables (first 500) and their count",
    ),
    "/api/analytics/thread/{id}": {
      get: {
        summary: "A cable's thread: what it cites, replies, follow-ups, who answered, who did not",
        parameters: [h.id, format, table],
        responses: {
          200: answer("Thread", "the thread"),
          400: bad,
          404: h.problem("the cable is not in the archive"),
        },
      },
    },
  };
}
