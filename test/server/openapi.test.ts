/**
 * The OpenAPI document against the real handlers: an independent validator accepts the document;
 * every documented route, method and status is called on a real server and the answer validated
 * (ajv, JSON Schema 2020-12) against the documented schema of its status and content type; every
 * documented triple must have a request here, error answers included.
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.js";
import { MAX_URL } from "../../src/server/params.js";
import { openArchive } from "../../src/store/db.js";
import { type FixtureServer, HOSTILE_ID, startFixtureServer } from "./fixture-server.js";

interface Case {
  route: string;
  status: number;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  /** Answered by an app over an archive that cannot be read (a closed connection). */
  broken?: true;
  /** Sent with this Host header (through the app: fetch sets its own). */
  host?: string;
  /** With `broken`: the server has begun to stop when the archive fails. */
  stopping?: true;
  /** Sent by a client that has already gone (its request's signal aborted). */
  aborted?: true;
}

/** One request per documented (route, status) that depends on the route: the path to call. */
const ROUTE_CASES: Case[] = [
  { route: "/api/search", status: 200, path: "/api/search?q=qadhafi&tag=LY&limit=5" },
  { route: "/api/search", status: 200, path: "/api/search?q=08TRIPOLI5" },
  { route: "/api/search", status: 200, path: "/api/search?q=nothingmatchesthis" },
  { route: "/api/search", status: 400, path: "/api/search?q=NEAR(a" },
  { route: "/api/search", status: 200, path: "/api/search?q=tripoli&format=csv" },
  { route: "/api/search", status: 200, path: "/api/search?q=tripoli&format=jsonl" },
  { route: "/api/search", status: 200, path: "/api/search?q=tripoli&format=gexf" },
  { route: "/api/entities", status: 200, path: "/api/entities?q=qadhafi" },
  { route: "/api/entities", status: 200, path: "/api/entities?type=place&limit=3" },
  { route: "/api/entities", status: 400, path: "/api/entities?type=ship" },
  { route: "/api/entities/{id}", status: 200, path: "/api/entities/person-ibrahim-meyet" },
  { route: "/api/entities/{id}", status: 400, path: "/api/entities/Nobody" },
  { route: "/api/entities/{id}", status: 404, path: "/api/entities/person-nobody-at-all" },
  { route: "/api/entities/export.csv", status: 200, path: "/api/entities/export.csv?type=org" },
  { route: "/api/entities/export.csv", status: 400, path: "/api/entities/export.csv?limit=0" },
  { route: "/api/entities/network.gexf", status: 200, path: "/api/entities/network.gexf" },
  { route: "/api/entities/network.gexf", status: 400, path: "/api/entities/network.gexf?min=0" },
  { route: "/api/cables/{id}", status: 200, path: "/api/cables/08TRIPOLI227" },
  { route: "/api/cables/{id}", status: 200, path: "/api/cables/08TRIPOLI564" },
  { route: "/api/cables/{id}", status: 200, path: `/api/cables/${HOSTILE_ID}` },
  { route: "/api/cables/{id}", status: 400, path: "/api/cables/not-an-id" },
  { route: "/api/cables/{id}", status: 404, path: "/api/cables/07TRIPOLI71" },
  { route: "/api/cables/{id}/graph", status: 200, path: "/api/cables/08TRIPOLI227/graph?hops=3" },
  { route: "/api/cables/{id}/graph", status: 200, path: "/api/cables/07TRIPOLI71/graph" },
  { route: "/api/cables/{id}/graph", status: 400, path: "/api/cables/08TRIPOLI227/graph?hops=x" },
  { route: "/api/cables/{id}/graph", status: 404, path: "/api/cables/99ATLANTIS1/graph" },
  { route: "/api/stats", status: 200, path: "/api/stats" },
  { route: "/api/tags", status: 200, path: "/api/tags" },
  { route: "/api/export", status: 200, path: "/api/export?q=tripoli&format=csv" },
  { route: "/api/export", status: 200, path: "/api/export?q=tripoli&format=jsonl" },
  { route: "/api/export", status: 200, path: "/api/export?q=tripoli&format=gexf" },
  { route: "/api/export", status: 400, path: "/api/export?format=pdf" },
  { route: "/api/cite", status: 200, path: "/api/cite?q=tripoli&format=bibtex" },
  { route: "/api/cite", status: 200, path: "/api/cite?q=tripoli&format=csl" },
  { route: "/api/cite", status: 200, path: "/api/cite?q=tripoli&format=ris" },
  { route: "/api/cite", status: 400, path: "/api/cite?format=endnote" },
  { route: "/api/openapi.json", status: 200, path: "/api/openapi.json" },
  ...[
    "timeline?q=tripoli&vs=cairo&by=week",
    "timeline?q=&format=csv&table=timeline",
    "bursts?q=tripoli&by=year",
    "bursts?kind=tag",
    "spikes?start=2008-01&end=2008-12",
    "secrecy?q=tripoli",
    "secrecy?q=&format=csv&table=level-by-year",
    "addressees?q=tripoli",
    "coverage",
    "cables?signal=secret-without-s",
    "cables?sender=TRIPOLI&addressee=STATE",
    "thread/08TRIPOLI227",
  ].map((p) => ({
    route: `/api/analytics/${p.replace(/\?.*/, "").replace(/^thread\/.*/, "thread/{id}")}`,
    status: 200,
    path: `/api/analytics/${p}`,
  })),
  ...["timeline", "bursts", "spikes", "secrecy", "addressees", "coverage", "cables"].map((v) => ({
    route: `/api/analytics/${v}`,
    status: 400,
    path: `/api/analytics/${v}?q=NEAR(a`,
  })),
  { route: "/api/analytics/thread/{id}", status: 400, path: "/api/analytics/thread/nope" },
  { route: "/api/analytics/thread/{id}", status: 404, path: "/api/analytics/thread/99ATLANTIS1" },
];

/** A callable path for a documented route (and a valid query where one is required). */
const EXAMPLE: Record<string, string> = {
  "/api/cables/{id}": "/api/cables/08TRIPOLI227",
  "/api/cables/{id}/graph": "/api/cables/08TRIPOLI227/graph",
  "/api/entities/{id}": "/api/entities/person-ibrahim-meyet",
  "/api/export": "/api/export?format=csv&q=tripoli",
  "/api/cite": "/api/cite?format=ris&q=tripoli",
  "/api/analytics/cables": "/api/analytics/cables?signal=secret-without-s",
  "/api/analytics/thread/{id}": "/api/analytics/thread/08TRIPOLI227",
};

/** The errors any route can give, provoked for real on each route. */
function commonCases(route: string, methods: string[]): Case[] {
  const path = EXAMPLE[route] ?? route;
  const join = path.includes("?") ? "&" : "?";
  const cases: Case[] = [
    // A valid query of 4,000 × é percent-encodes to a request target over MAX_URL.
    { route, status: 414, path: `${path}${join}q=${encodeURIComponent("é".repeat(4000))}` },
    { route, status: 431, path, headers: { "x-padding": "x".repeat(80 * 1024) } },
    { route, status: 500, path, broken: true },
    { route, status: 503, path, broken: true, stopping: true },
    { route, status: 499, path, aborted: true },
    { route, status: 421, path, host: "evil.example" },
    { route, status: 400, path, host: "not a host" },
  ];
  for (const method of methods.filter((m) => m !== "get")) {
    cases.push({ route, status: 405, path, method: method.toUpperCase() });
  }
  return cases;
}

type Operation = { responses: Record<string, { content?: Record<string, { schema: object }> }> };
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>> };

let server: FixtureServer;
let doc: Doc;
let cases: Case[];
const ajv = new Ajv2020({ strict: false, allErrors: true });

beforeAll(async () => {
  server = await startFixtureServer();
  doc = (await (await server.get("/api/openapi.json")).json()) as Doc;
  ajv.addSchema(doc as object, "openapi.json");
  cases = [...ROUTE_CASES];
  for (const [route, item] of Object.entries(doc.paths)) {
    // A route that cannot give a 500 documents none: nothing to provoke.
    cases.push(...commonCases(route, Object.keys(item)).filter((c) => documented(c)));
  }
});
afterAll(async () => {
  await server?.stop();
});

function documented(c: Case): boolean {
  return doc.paths[c.route]?.[(c.method ?? "GET").toLowerCase()]?.responses[c.status] !== undefined;
}

function validator(route: string, method: string, status: number, type: string) {
  const response = doc.paths[route]![method]!.responses[String(status)]!;
  const media = Object.keys(response.content ?? {}).find((t) => type.startsWith(t));
  expect(media, `${method} ${route} ${status} documents ${type}`).toBeDefined();
  const esc = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");
  const pointer = `#/paths/${esc(route)}/${method}/responses/${status}/content/${esc(media!)}/schema`;
  return { media: media!, validate: ajv.getSchema(`openapi.json${pointer}`)! };
}

/** The answer of a case: from the real server, or from an app whose archive connection is closed. */
async function answer(c: Case): Promise<Response> {
  if (c.host) return server.app.app.request(c.path, { headers: { host: c.host } });
  if (c.aborted) return server.app.app.request(c.path, { signal: AbortSignal.abort() });
  if (!c.broken) {
    return server.get(c.path, {
      method: c.method ?? "GET",
      ...(c.headers ? { headers: c.headers } : {}),
    });
  }
  const db = openArchive(":memory:");
  const { app, stopping } = createApp({
    db,
    assets: server.app.assets,
    cache: false,
    onError: () => {},
  });
  db.close();
  if (c.stopping) stopping();
  return app.request(c.path);
}

describe("the OpenAPI document", () => {
  it("passes an independent OpenAPI validator", async () => {
    const result = await new Validator().validate(
      doc as unknown as Parameters<Validator["validate"]>[0],
    );
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("is OpenAPI 3.1 and every documented route, method and status has a request here", () => {
    expect(doc.openapi).toBe("3.1.0");
    for (const [route, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        for (const status of Object.keys(op.responses)) {
          const covered = cases.some(
            (c) =>
              c.route === route &&
              String(c.status) === status &&
              (c.method ?? "GET").toLowerCase() === method,
          );
          expect(covered, `${method} ${route} ${status}`).toBe(true);
        }
      }
    }
    for (const c of ROUTE_CASES) expect(documented(c), `${c.route} ${c.status}`).toBe(true);
    expect(MAX_URL).toBeLessThan(4000 * 6);
  });

  it("documents every /api route the app registers", () => {
    const registered = new Set(
      server.app.app.routes
        .filter((r) => r.method === "GET" && r.path.startsWith("/api/") && !r.path.endsWith("*"))
        .map((r) => r.path.replace(/:(\w+)/g, "{$1}")),
    );
    const undocumented = [...registered].filter((p) => !doc.paths[p]);
    expect(undocumented).toEqual([]);
    expect(registered.size).toBeGreaterThanOrEqual(Object.keys(doc.paths).length);
  });

  it("holds answers to the schemas: a broken answer fails validation", async () => {
    const cable = await (await server.get("/api/cables/08TRIPOLI227")).json();
    const { validate } = validator("/api/cables/{id}", "get", 200, "application/json");
    expect(validate(cable)).toBe(true);
    expect(validate({ ...cable, citedBy: undefined })).toBe(false);
    expect(validate({ ...cable, paragraphs: [{ number: "1" }] })).toBe(false);
    const search = validator("/api/search", "get", 200, "application/json").validate;
    expect(
      search({ total: 1, hits: [{ referenceId: 1 }], facets: null, histogram: null, next: null }),
    ).toBe(false);
  });

  it("answers every documented route, method and status as documented", async () => {
    const failures: string[] = [];
    for (const c of cases) {
      const method = (c.method ?? "GET").toLowerCase();
      const what = `${c.method ?? "GET"} ${c.path.slice(0, 80)}`;
      const r = await answer(c);
      if (r.status !== c.status) {
        failures.push(`${what}: ${r.status}, documented ${c.status}`);
        continue;
      }
      if (!documented(c)) {
        failures.push(`${what}: ${c.status} is not documented`);
        continue;
      }
      const type = r.headers.get("content-type") ?? "";
      const text = await r.text();
      if (!doc.paths[c.route]![method]!.responses[c.status]!.content) {
        // Documented without a body (499): none may be sent.
        if (text !== "" || type !== "") failures.push(`${what}: a body where none is documented`);
        continue;
      }
      const { media, validate } = validator(c.route, method, c.status, type);
      const bodies =
        media === "application/x-ndjson"
          ? text
              .trimEnd()
              .split("\n")
              .map((l) => JSON.parse(l))
          : media.endsWith("json")
            ? [JSON.parse(text)]
            : [text];
      for (const body of bodies) {
        if (!validate(body)) {
          failures.push(`${what}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Seven routes, each provoked into 414, 431 and five 405s.
    expect(cases.length).toBeGreaterThanOrEqual(ROUTE_CASES.length + 7 * 7);
    expect(cases.filter((c) => c.status === 503).length).toBeGreaterThan(10);
    expect(cases.filter((c) => c.status === 499).length).toBeGreaterThan(10);
  });
});
