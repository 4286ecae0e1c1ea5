/**
 * The analytics pages and `/api/analytics/...` on a real server over the fixture archive (SQLite and PostgreSQL): JSON,
 * CSV (header row, one row per datum, the view's numbers), `?format=json` on the pages, and 4xx
 * answers with a message for bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverBackends } from "../server/backends.js";
import { type FixtureServer, startFixtureServer } from "../server/fixture-server.js";

let server: FixtureServer;

const VIEWS = ["timeline", "bursts", "spikes", "secrecy", "addressees", "coverage"];

function parseCsv(text: string): string[][] {
  return text
    .trimEnd()
    .split("\r\n")
    .map((l) => l.split(","));
}

describe.each(serverBackends("the analytics API tests on PostgreSQL"))(
  "analytics API and pages on %s",
  (backend) => {
    beforeAll(async () => {
      server = await startFixtureServer({ cache: false, backend });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it.each(VIEWS)("GET /api/analytics/%s answers JSON for a query with filters", async (view) => {
      const res = await server.get(`/api/analytics/${view}?q=tripoli&tag=PGOV`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      const body = (await res.json()) as { total: number; query: string; analysis: unknown };
      expect(body.query).toBe('(tripoli) tag:"PGOV"');
      expect(body.total).toBeGreaterThan(0);
      expect(body.analysis).toBeTruthy();
      expect(body).not.toHaveProperty("tables");
    });

    it.each(VIEWS)("the %s page renders, and answers JSON with ?format=json", async (view) => {
      const page = await server.get(`/analytics/${view}?q=tripoli`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain("Back to search");
      expect(html).toContain('aria-current="page"');
      const json = await server.get(`/analytics/${view}?q=tripoli&format=json`);
      expect(json.status).toBe(200);
      expect(((await json.json()) as { total: number }).total).toBeGreaterThan(0);
    });

    it("timeline CSV: a header row, then one row per period with its count", async () => {
      const res = await server.get("/api/analytics/timeline?q=&by=year&format=csv");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/text\/csv/);
      const rows = parseCsv(await res.text());
      // Sent per year, all cables, then the dates the cables report (cable-days), labelled.
      expect(rows[0]).toEqual([
        "year",
        "from",
        "to",
        "all cables",
        "all cables",
        "all cables (dates reported)",
      ]);
      expect(rows.slice(1).reduce((s, r) => s + Number(r[3]), 0)).toBe(11);
      expect(rows.slice(1).reduce((s, r) => s + Number(r[5]), 0)).toBeGreaterThan(0);
      const sent = await server.get("/api/analytics/timeline?q=&by=year&format=csv&reported=0");
      const plain = parseCsv(await sent.text());
      expect(plain[0]).toEqual(["year", "from", "to", "all cables", "all cables"]);
      expect(plain.slice(1).map((r) => r[0])).toEqual(["2006", "2007", "2008", "2009", "2010"]);
    });

    it("drill-down of any cell, (none) included, and of reported dates", async () => {
      const s = (await (await server.get("/api/analytics/secrecy?q=")).json()) as {
        analysis: { horizon: { rows: [string, number][] } };
      };
      for (const [years, n] of s.analysis.horizon.rows) {
        const res = await server.get(
          `/api/analytics/cables?matrix=horizon&row=${encodeURIComponent(years)}`,
        );
        expect(res.status).toBe(200);
        expect(((await res.json()) as { analysis: { count: number } }).analysis.count).toBe(n);
      }
      const r = await server.get(
        "/api/analytics/cables?q=tripoli&reported_from=2008-03-01&reported_to=2008-03-31",
      );
      const d = (await r.json()) as {
        analysis: { cables: { referenceId: string; reported: string[] }[] };
      };
      const speech = d.analysis.cables.find((c) => c.referenceId === "08TRIPOLI227");
      expect(speech?.reported).toContain("March 2");
      const csv = parseCsv(
        await (
          await server.get(
            "/analytics/cables?q=tripoli&reported_from=2008-03-01&reported_to=2008-03-31&format=csv",
          )
        ).text(),
      );
      expect(csv[0]?.at(-1)).toBe("dates reported");
    });

    it("CSV of a named table; a matrix's CSV sums to the result set", async () => {
      const json = (await (await server.get("/api/analytics/secrecy?q=tripoli")).json()) as {
        total: number;
      };
      const res = await server.get("/analytics/secrecy?q=tripoli&format=csv&table=level-by-year");
      expect(res.status).toBe(200);
      const rows = parseCsv(await res.text());
      expect(rows[0]![rows[0]!.length - 1]).toBe("total");
      const total = rows.slice(1).reduce((s, r) => s + Number(r[r.length - 1]), 0);
      expect(total).toBe(json.total);
    });

    it("overlays, normalised shares and the thread", async () => {
      const res = await server.get(
        "/api/analytics/timeline?q=tripoli&vs=cairo&vs=lisbon&by=year&normalise=1",
      );
      const t = (await res.json()) as { analysis: { series: { label: string }[] } };
      expect(t.analysis.series.map((s) => s.label)).toEqual(["tripoli", "cairo", "lisbon"]);
      const thread = await server.get("/api/analytics/thread/08TRIPOLI227");
      expect(thread.status).toBe(200);
      expect(((await thread.json()) as { root: string }).root).toBe("08TRIPOLI227");
      const page = await server.get("/analytics/thread/08 TRIPOLI 227");
      expect(page.status).toBe(200);
    });

    it("bad input is a 4xx with a message, never a 5xx", async () => {
      const cases: [string, number, string][] = [
        ["/api/analytics/timeline?q=%22unclosed", 400, "q"],
        ["/api/analytics/timeline?by=fortnight", 400, "by"],
        ["/api/analytics/timeline?vs=a&vs=b&vs=c&vs=d&vs=e", 400, "vs"],
        ["/api/analytics/timeline?vs=(", 400, "vs"],
        ["/api/analytics/secrecy?format=csv&table=nope", 400, "table"],
        ["/api/analytics/secrecy?format=xml", 400, "format"],
        ["/api/analytics/spikes?start=2008-13", 400, "start"],
        ["/api/analytics/spikes?start=2009-01&end=2008-01", 400, "end"],
        ["/api/analytics/cables?q=", 400, "signal"],
        ["/api/analytics/cables?signal=nonsense", 400, "signal"],
        ["/api/analytics/cables?matrix=nonsense&row=a", 400, "matrix"],
        ["/api/analytics/cables?matrix=flow&row=NOWHERE&col=STATE", 400, "row"],
        ["/api/analytics/cables?matrix=level-by-year&row=SECRET", 400, "col"],
        ["/api/analytics/cables?reported_from=2008-02-30", 400, "reported_from"],
        ["/api/analytics/cables?reported_from=2008-13-01", 400, "reported_from"],
        [
          "/api/analytics/cables?reported_from=2008-03-02&reported_to=2008-03-01",
          400,
          "reported_to",
        ],
        ["/api/analytics/timeline?reported=maybe", 400, "reported"],
        ["/api/analytics/thread/NOTANID", 400, "id"],
        ["/api/analytics/thread/99TRIPOLI1", 404, ""],
        ["/analytics/secrecy?q=%22unclosed", 400, "q"],
      ];
      for (const [path, status, param] of cases) {
        const res = await server.get(path);
        expect(res.status, path).toBe(status);
        if (path.startsWith("/api/")) {
          const p = (await res.json()) as { detail: string; param?: string };
          expect(p.detail, path).toBeTruthy();
          if (param) expect(p.param, path).toBe(param);
        }
      }
    });

    it("drill-down: a flow cell and a signal list their cables", async () => {
      const flow = await server.get(
        "/api/analytics/cables?q=&sender=TRIPOLI&addressee=STATE&format=json",
      );
      expect(flow.status).toBe(200);
      const f = (await flow.json()) as {
        analysis: { count: number; cables: { referenceId: string }[] };
      };
      expect(f.analysis.count).toBeGreaterThan(0);
      expect(f.analysis.cables.every((c) => c.referenceId.includes("TRIPOLI"))).toBe(true);
      const signal = await server.get("/api/analytics/cables?signal=secret-without-s");
      expect(signal.status).toBe(200);
    });

    it("escapes cable text everywhere it is rendered", async () => {
      // 10TRIPOLI9001's subject is markup; every page that lists subjects must show it as text.
      const pages = [
        "/analytics/cables?q=&sender=TRIPOLI&addressee=STATE",
        "/analytics/thread/10TRIPOLI9001",
      ];
      for (const path of pages) {
        const html = await (await server.get(path)).text();
        expect(html, path).not.toMatch(/<script>alert|<img src=x onerror/i);
        expect(html, path).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
      }
    });
  },
);
