/**
 * One data function per view: every page with an /api twin (the routes src/server/openapi.ts
 * declares with `page`) answers `?format=json` with exactly the twin's JSON, locally and in public
 * mode, and on the same cables in PostgreSQL (where the views SQLite alone has so far answer the
 * same 404 problem at both URLs); the search view's files are the same bytes whichever URL asks
 * for them. A page whose path has an /api twin but is not declared, or a declared twin without
 * examples here, fails.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../../src/server/openapi.js";
import { serverBackends } from "./backends.js";
import { type FixtureServer, startFixtureServer } from "./fixture-server.js";

/** Query strings and path values to call each twin with (`{id}` replaced by `id`). */
const EXAMPLES: Record<string, { id?: string; queries: string[] }> = {
  "/api/search": {
    queries: ["q=tripoli", "q=qadhafi&tag=LY&limit=5", "q=08TRIPOLI5", "q=nothingmatchesthis", ""],
  },
  "/api/cables/{id}": { id: "08TRIPOLI564", queries: [""] },
  "/api/cables/{id}/graph": { id: "08TRIPOLI227", queries: ["", "hops=3&limit=5"] },
  "/api/stats": { queries: [""] },
  "/api/tags": { queries: [""] },
  "/api/entities": { queries: ["", "q=qadhafi", "type=place&limit=3"] },
  "/api/entities/{id}": { id: "person-ibrahim-meyet", queries: [""] },
  "/api/analytics/timeline": { queries: ["q=tripoli&vs=cairo&by=week"] },
  "/api/analytics/bursts": { queries: ["q=tripoli&by=year"] },
  "/api/analytics/spikes": { queries: ["start=2008-01&end=2008-12"] },
  "/api/analytics/secrecy": { queries: ["q=tripoli"] },
  "/api/analytics/addressees": { queries: ["q=tripoli"] },
  "/api/analytics/coverage": { queries: [""] },
  "/api/analytics/cables": { queries: ["sender=TRIPOLI&addressee=STATE"] },
  "/api/analytics/thread/{id}": { id: "08TRIPOLI227", queries: [""] },
};

const twins = ROUTES.filter((r) => r.page !== undefined);
let local: FixtureServer;
let pub: FixtureServer;
/** The same cables on PostgreSQL; null where it is not installed (an error in CI). */
let pg: FixtureServer | null = null;
const withPostgres = serverBackends("the twin tests on PostgreSQL").includes("postgres");

beforeAll(async () => {
  [local, pub, pg] = await Promise.all([
    startFixtureServer(),
    startFixtureServer({ public: true }),
    withPostgres ? startFixtureServer({ backend: "postgres" }) : null,
  ]);
});
afterAll(async () => {
  await Promise.all([local?.stop(), pub?.stop(), pg?.stop()]);
});

function url(template: string, id: string | undefined, query: string, extra?: string): string {
  const path = template.replace("{id}", encodeURIComponent(id ?? ""));
  const q = [query, extra].filter(Boolean).join("&");
  return q ? `${path}?${q}` : path;
}

describe("page ?format=json and its /api twin", () => {
  it("declares every page whose path has an /api twin, and has examples for each", () => {
    const paths = new Set(
      local.app.app.routes.filter((r) => r.method === "GET").map((r) => r.path),
    );
    const declared = new Set(twins.map((r) => r.page!.replace(/\{(\w+)\}/g, ":$1")));
    const implied = [...paths].filter((p) => !p.startsWith("/api/") && paths.has(`/api${p}`));
    expect(implied.filter((p) => !declared.has(p))).toEqual([]);
    for (const p of declared) expect(paths.has(p), p).toBe(true);
    expect(twins.map((r) => r.path).filter((p) => !EXAMPLES[p])).toEqual([]);
    expect(twins.length).toBeGreaterThanOrEqual(14);
  });

  // On PostgreSQL the analytics, entity and graph twins are 404 problems: search, cable, stats
  // and TAGS are compared.
  for (const [mode, server, least] of [
    ["local", () => local, 20],
    ["public", () => pub, 20],
    ["postgres", () => pg!, 8],
  ] as const) {
    it.skipIf(mode === "postgres" && !withPostgres)(
      `answers the same JSON at both URLs (${mode})`,
      async () => {
        const differ: string[] = [];
        let compared = 0;
        for (const route of twins) {
          const ex = EXAMPLES[route.path]!;
          for (const query of ex.queries) {
            const api = url(route.path, ex.id, query);
            const page = url(route.page!, ex.id, query, "format=json");
            const [a, b] = await Promise.all([server().get(api), server().get(page)]);
            // A person public mode hides is a 404 problem at both URLs: the same answer too.
            expect(b.status, page).toBe(a.status);
            expect(b.headers.get("content-type"), page).toBe(a.headers.get("content-type"));
            if (JSON.stringify(await a.json()) !== JSON.stringify(await b.json()))
              differ.push(page);
            if (a.status === 200) compared++;
          }
        }
        expect(differ).toEqual([]);
        expect(compared).toBeGreaterThanOrEqual(least);
      },
    );
  }

  it("serves the search view's files from one code path: page, API and export agree", async () => {
    const cases = [
      ...["csv", "jsonl", "gexf"].map((f) => [local, f] as const),
      ...(pg ? ["csv", "jsonl"].map((f) => [pg!, f] as const) : []),
    ];
    for (const [server, format] of cases) {
      const q = `q=tripoli&tag=LY&format=${format}`;
      const bodies = await Promise.all(
        [`/search?${q}`, `/api/search?${q}`, `/api/export?${q}`].map(async (p) => {
          const r = await server.get(p);
          expect(r.status, p).toBe(200);
          return { type: r.headers.get("content-type"), body: await r.text() };
        }),
      );
      expect(bodies[0]!.body.length).toBeGreaterThan(0);
      expect(bodies[1]).toEqual(bodies[0]);
      expect(bodies[2]).toEqual(bodies[0]);
    }
    // Both back ends write the same file for the same cables.
    if (pg) {
      for (const format of ["csv", "jsonl"]) {
        const path = `/api/export?q=tripoli&tag=LY&format=${format}`;
        const [a, b] = await Promise.all([local.get(path), pg.get(path)]);
        expect(await b.text(), path).toBe(await a.text());
      }
    }
  });

  it("answers a bad query of a file download with a problem, not a page", async () => {
    const r = await local.get("/search?q=NEAR(a&format=csv");
    expect(r.status).toBe(400);
    expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });
});
