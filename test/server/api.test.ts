/**
 * The JSON API against a real server on an ephemeral port (test/server/fixture-server.ts): shapes,
 * paging, exports, and every kind of bad input answered as a 4xx problem, never a 5xx — on a
 * SQLite archive and on the same cables in PostgreSQL, with the same expectations but for the
 * views PostgreSQL archives do not have yet, which must say so in a 404 problem.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverBackends } from "./backends.js";
import { type FixtureServer, HOSTILE_ID, startFixtureServer } from "./fixture-server.js";

let server: FixtureServer;

// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON answers field by field
type Json = any;

async function json(path: string): Promise<{ status: number; type: string; body: Json }> {
  const r = await server.get(path);
  return { status: r.status, type: r.headers.get("content-type") ?? "", body: await r.json() };
}

async function problem(path: string, status: number, init?: RequestInit) {
  const r = await server.get(path, init);
  expect(r.status, path).toBe(status);
  expect(r.headers.get("content-type")).toBe("application/problem+json");
  const p = (await r.json()) as {
    type: string;
    status: number;
    title: string;
    detail: string;
    param?: string;
    position?: number;
  };
  expect(p.status).toBe(status);
  expect(p.detail.length).toBeGreaterThan(0);
  return p;
}

describe.each(serverBackends("the API tests on PostgreSQL"))("the API on %s", (backend) => {
  beforeAll(async () => {
    server = await startFixtureServer({ backend });
  });
  afterAll(async () => {
    await server?.stop();
  });

  describe("GET /api/search", () => {
    it("answers hits, facets over the whole result set and hits per month", async () => {
      const { status, body } = await json("/api/search?q=qadhafi&limit=3");
      expect(status).toBe(200);
      expect(body.total).toBeGreaterThan(3);
      expect(body.hits).toHaveLength(3);
      expect(Object.keys(body.hits[0]).sort()).toEqual([
        "classification",
        "created",
        "createdEstimate",
        "origin",
        "paragraph",
        "partial",
        "referenceId",
        "released",
        "snippet",
        "subject",
      ]);
      expect(body.facets.origin[0]).toEqual({
        value: "Embassy Tripoli",
        count: expect.any(Number),
      });
      const months = body.histogram.reduce((n: number, m: { count: number }) => n + m.count, 0);
      expect(months).toBe(body.total);
      expect(body.next).toEqual(expect.any(String));
    });

    it("pages with the cursor through every hit exactly once", async () => {
      const first = await json("/api/search?q=&sort=created&limit=4");
      const seen: string[] = first.body.hits.map((h: { referenceId: string }) => h.referenceId);
      let next: string | null = first.body.next;
      while (next) {
        const page = await json(`/api/search?q=&sort=created&limit=4&cursor=${next}`);
        seen.push(...page.body.hits.map((h: { referenceId: string }) => h.referenceId));
        next = page.body.next;
      }
      expect(seen).toHaveLength(first.body.total);
      expect(new Set(seen).size).toBe(seen.length);
    });

    it("narrows with facet filters and a date range", async () => {
      const all = await json("/api/search?q=");
      const cairo = await json("/api/search?q=&origin=Embassy%20Cairo");
      expect(cairo.body.total).toBe(1);
      expect(cairo.body.hits[0].referenceId).toBe("09CAIRO284");
      const tagged = await json("/api/search?q=&tag=LY&tag=PGOV");
      expect(tagged.body.total).toBeGreaterThan(0);
      expect(tagged.body.total).toBeLessThan(all.body.total);
      const march = await json("/api/search?q=&from=2008-03&to=2008-03");
      expect(march.body.hits.map((h: { referenceId: string }) => h.referenceId).sort()).toEqual([
        "08TRIPOLI166",
        "08TRIPOLI227",
      ]);
    });

    it("names an exact id and suggests ids for a prefix", async () => {
      expect((await json("/api/search?q=08tripoli0227")).body.exactId).toBe("08TRIPOLI227");
      expect((await json("/api/search?q=08TRIPOLI5")).body.suggestions).toEqual([
        "08TRIPOLI564",
        "08TRIPOLI584",
      ]);
    });

    it("refuses bad input with a 400 problem naming the parameter", async () => {
      const syntax = await problem("/api/search?q=(iran%20OR%20iraq", 400);
      expect(syntax.param).toBe("q");
      expect(syntax.position).toBe(0);
      expect(syntax.detail).toMatch(/\)/);
      expect((await problem("/api/search?q=tga:PGOV", 400)).position).toBe(0);
      expect((await problem(`/api/search?q=${"a".repeat(4001)}`, 400)).param).toBe("q");
      expect((await problem("/api/search?limit=101", 400)).param).toBe("limit");
      expect((await problem("/api/search?limit=ten", 400)).param).toBe("limit");
      expect((await problem("/api/search?sort=random", 400)).param).toBe("sort");
      expect((await problem("/api/search?cursor=not!a!cursor", 400)).param).toBe("cursor");
      expect((await problem("/api/search?cursor=eyJ4IjoxfQ", 400)).param).toBe("cursor");
      expect((await problem("/api/search?q=a&q=b", 400)).param).toBe("q");
      expect((await problem("/api/search?tag=%22PGOV", 400)).param).toBe("tag");
      expect((await problem("/api/search?from=2008-13", 400)).param).toBe("from");
      expect((await problem(`/api/search?${"tag=X&".repeat(17)}`, 400)).param).toBe("tag");
    });

    it("answers 414 to an oversized request target", async () => {
      await problem(`/api/search?q=${"x".repeat(9000)}`, 414);
    });
  });

  describe("GET /api/cables/:id", () => {
    it("answers the Cable JSON with cites, citedBy and versions", async () => {
      const { status, body } = await json("/api/cables/08TRIPOLI227");
      expect(status).toBe(200);
      expect(body.referenceId).toBe("08TRIPOLI227");
      expect(body.protect.map((p: { marker: string }) => p.marker)).toContain("STRICTLY PROTECT");
      expect(body.cites.map((e: { referenceId: string }) => e.referenceId)).toContain(
        "08TRIPOLI166",
      );
      expect(body.citedBy.map((e: { referenceId: string }) => e.referenceId).sort()).toEqual([
        "08TRIPOLI564",
        "08TRIPOLI584",
        HOSTILE_ID,
      ]);
      expect(body.versions).toHaveLength(1);
    });

    it("accepts an id as written and lists both versions of a re-released cable", async () => {
      const { body } = await json("/api/cables/08%20TRIPOLI%20000564");
      expect(body.referenceId).toBe("08TRIPOLI564");
      expect(body.subject).toMatch(/RESIGN SOON$/);
      expect(body.versions.map((v: { current: boolean }) => v.current)).toEqual([false, true]);
    });

    it("answers 404 for an unknown id, with the citing cables when the archive cites it", async () => {
      await problem("/api/cables/99ATLANTIS1", 404);
      const cited = await problem("/api/cables/07TRIPOLI71", 404);
      expect(
        (cited as unknown as { citedBy: { referenceId: string }[] }).citedBy[0]!.referenceId,
      ).toBe("08TRIPOLI166");
    });

    it("answers 400 for something that is not an id", async () => {
      expect((await problem("/api/cables/%3Cscript%3E", 400)).param).toBe("id");
      expect((await problem(`/api/cables/${"9".repeat(80)}`, 400)).param).toBe("id");
    });
  });

  describe("GET /api/entities", () => {
    it("answers entities resolved by the ingest, on either back end", async () => {
      const { status, body } = await json("/api/entities?q=qadhafi");
      expect(status).toBe(200);
      expect(body.q).toBe("qadhafi");
      expect(body.entities.length).toBeGreaterThan(0);
      for (const e of body.entities) expect(e.name).toMatch(/qadhafi/i);
      const one = await json(`/api/entities/${encodeURIComponent(body.entities[0].id)}`);
      expect(one.status).toBe(200);
      expect(one.body.id).toBe(body.entities[0].id);
      await problem("/api/entities/person-x", 404);
    });
  });

  describe("GET /api/cables/:id/graph", () => {
    it("answers the neighbourhood, missing cables included", async () => {
      const { body } = await json("/api/cables/08TRIPOLI227/graph?hops=1");
      expect(body.center).toBe("08TRIPOLI227");
      const ids = body.nodes.map((n: { id: string }) => n.id);
      expect(ids).toEqual(expect.arrayContaining(["08TRIPOLI166", "08TRIPOLI564", HOSTILE_ID]));
      expect(body.nodes.every((n: { depth: number }) => n.depth <= 1)).toBe(true);
      const two = await json("/api/cables/08TRIPOLI227/graph");
      expect(two.body.nodes.some((n: { present: boolean }) => !n.present)).toBe(true);
    });

    it("validates hops and limit", async () => {
      expect((await problem("/api/cables/08TRIPOLI227/graph?hops=6", 400)).param).toBe("hops");
      expect((await problem("/api/cables/08TRIPOLI227/graph?limit=0", 400)).param).toBe("limit");
      await problem("/api/cables/99ATLANTIS1/graph", 404);
    });
  });

  describe("GET /api/stats and /api/tags", () => {
    it("counts the archive", async () => {
      const { body } = await json("/api/stats");
      expect(body.cables).toBe(11);
      expect(body.versions).toBe(12);
      expect(body.topOrigins[0]).toEqual({ value: "Embassy Tripoli", count: 8 });
      expect(body.months.reduce((n: number, m: { count: number }) => n + m.count, 0)).toBe(11);
    });

    it("lists the TAGS with meanings", async () => {
      const { body } = await json("/api/tags");
      const pgov = body.tags.find((t: { tag: string }) => t.tag === "PGOV");
      expect(pgov).toMatchObject({
        kind: "subject",
        meaning: expect.stringMatching(/Internal Governmental/),
      });
      expect(body.total).toBe(body.tags.length);
    });
  });

  describe("GET /api/export", () => {
    it("streams every hit as CSV, JSONL and GEXF", async () => {
      const total = (await json("/api/search?q=tag:LY")).body.total;
      const csv = await server.get("/api/export?q=tag:LY&format=csv");
      expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
      expect(csv.headers.get("content-disposition")).toMatch(/attachment/);
      const rows = (await csv.text()).trimEnd().split("\r\n");
      expect(rows[0]).toMatch(/^reference_id,created/);
      expect(rows.filter((r) => /^\d\d[A-Z]+\d+,/.test(r))).toHaveLength(total);
      const jsonl = await (await server.get("/api/export?q=tag:LY&format=jsonl")).text();
      const cables = jsonl
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(cables).toHaveLength(total);
      expect(cables[0].body.length).toBeGreaterThan(0);
      const gexf = await (await server.get("/api/export?q=tag:LY&format=gexf")).text();
      expect(gexf).toMatch(/^<\?xml/);
      expect(gexf).toContain('<node id="08TRIPOLI227"');
    });

    it("refuses a bad format or query before streaming anything", async () => {
      expect((await problem("/api/export?q=libya", 400)).param).toBe("format");
      expect((await problem("/api/export?q=libya&format=xml", 400)).param).toBe("format");
      expect((await problem("/api/export?q=%22unclosed&format=csv&q=x", 400)).param).toBe("q");
      expect((await problem("/api/export?q=(a&format=csv", 400)).position).toBe(0);
    });
  });

  describe("the whole API", () => {
    it("has no write route and says so", async () => {
      for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
        const r = await server.get("/api/search", { method });
        expect(r.status).toBe(405);
        expect(r.headers.get("allow")).toBe("GET, HEAD");
      }
    });

    it("answers 404 problems for unknown routes", async () => {
      await problem("/api/nothing", 404);
    });

    it("never answers 5xx to hostile parameters", async () => {
      const weird = [
        "/api/search?q=%00",
        "/api/search?q=%F0%9F%92%A3*",
        "/api/search?q=NEAR(",
        "/api/search?q=%22%22%22",
        "/api/search?q=*",
        "/api/search?q=-",
        "/api/search?q=()",
        "/api/search?q=a%20OR",
        "/api/search?q=classification:purple",
        "/api/search?q=created:2008-99",
        "/api/search?q=%27%3B%20DROP%20TABLE%20cables%3B--",
        "/api/search?q=subject:(a%20OR",
        "/api/search?page=-1",
        "/api/search?limit=1e3",
        "/api/cables/%E2%80%8B",
        "/api/cables/..%2F..%2Fetc%2Fpasswd",
        "/api/cables/08TRIPOLI227/graph?hops=two",
        "/api/export?format=csv&from=0000",
        "/static/..%2Fmanifest.json",
      ];
      for (const path of weird) {
        const r = await server.get(path);
        expect(r.status, path).toBeLessThan(500);
        await r.arrayBuffer();
      }
    });
  });
});
