/**
 * The OpenAPI document against the real handlers: every documented route and status is called on a
 * real server and the answer validated (ajv, JSON Schema 2020-12) against the documented schema of
 * its status and content type; every documented pair must have a request here.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureServer, HOSTILE_ID, startFixtureServer } from "./fixture-server.js";

/** One request per documented (route, status): the route as documented, the path to call. */
const CASES: { route: string; status: number; path: string }[] = [
  { route: "/api/search", status: 200, path: "/api/search?q=qadhafi&tag=LY&limit=5" },
  { route: "/api/search", status: 200, path: "/api/search?q=08TRIPOLI5" },
  { route: "/api/search", status: 200, path: "/api/search?q=nothingmatchesthis" },
  { route: "/api/search", status: 400, path: "/api/search?q=NEAR(a" },
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

type Doc = {
  openapi: string;
  paths: Record<
    string,
    { get: { responses: Record<string, { content: Record<string, { schema: object }> }> } }
  >;
};

let server: FixtureServer;
let doc: Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true });

beforeAll(async () => {
  server = await startFixtureServer();
  doc = (await (await server.get("/api/openapi.json")).json()) as Doc;
  ajv.addSchema(doc as object, "openapi.json");
});
afterAll(async () => {
  await server?.stop();
});

function validator(route: string, status: number, type: string) {
  const response = doc.paths[route]!.get.responses[String(status)]!;
  const media = Object.keys(response.content).find((t) => type.startsWith(t));
  expect(media, `${route} ${status} documents ${type}`).toBeDefined();
  const pointer = `#/paths/${route.replace(/~/g, "~0").replace(/\//g, "~1")}/get/responses/${status}/content/${media!.replace(/\//g, "~1")}/schema`;
  return { media: media!, validate: ajv.getSchema(`openapi.json${pointer}`)! };
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3 and every documented route and status has a request here", () => {
    expect(doc.openapi).toMatch(/^3\./);
    for (const [route, item] of Object.entries(doc.paths)) {
      for (const status of Object.keys(item.get.responses)) {
        expect(
          CASES.some((c) => c.route === route && String(c.status) === status),
          `${route} ${status}`,
        ).toBe(true);
      }
    }
    for (const c of CASES) expect(doc.paths[c.route], c.route).toBeDefined();
  });

  it("holds answers to the schemas: a broken answer fails validation", async () => {
    const cable = await (await server.get("/api/cables/08TRIPOLI227")).json();
    const { validate } = validator("/api/cables/{id}", 200, "application/json");
    expect(validate(cable)).toBe(true);
    expect(validate({ ...cable, citedBy: undefined })).toBe(false);
    expect(validate({ ...cable, paragraphs: [{ number: "1" }] })).toBe(false);
    const search = validator("/api/search", 200, "application/json").validate;
    expect(
      search({ total: 1, hits: [{ referenceId: 1 }], facets: null, histogram: null, next: null }),
    ).toBe(false);
  });

  it.each(CASES)("$path answers $status as documented", async ({ route, status, path }) => {
    const r = await server.get(path);
    expect(r.status).toBe(status);
    const type = r.headers.get("content-type") ?? "";
    const { media, validate } = validator(route, status, type);
    const text = await r.text();
    const bodies =
      media === "application/x-ndjson"
        ? text
            .trimEnd()
            .split("\n")
            .map((l) => JSON.parse(l))
        : media.endsWith("json")
          ? [JSON.parse(text)]
          : [text];
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) {
      const ok = validate(body);
      expect(ok, JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    }
  });
});
