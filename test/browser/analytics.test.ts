/**
 * The analytics views in a real browser (Debian's chromium, playwright-core) against a real server
 * over the fixture archive: each chart is drawn, its table view opens, a drill-down click lands on
 * the cables the cell counts — (other)/(none) buckets and reported dates too — the views are
 * keyboard reachable and legible at 390 px. Run on both back ends (test/server/backends.ts): the
 * fixture archive in a SQLite file and on PostgreSQL (a throwaway cluster; in CI a missing
 * PostgreSQL fails the file). Screenshots go to $CABLEGRAM_SHOTS, by default
 * /tmp/artefacts/analytics/ (outside the repository), PostgreSQL's with a `-postgres` suffix.
 * Skipped, with a message, without chromium.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Backend, serverBackends } from "../server/backends.js";
import { type FixtureServer, startFixtureServer } from "../server/fixture-server.js";
import { CHROMIUM, haveChromium, launchChromium, watchedPage } from "./chromium.js";

const SHOTS = process.env.CABLEGRAM_SHOTS ?? "/tmp/artefacts/analytics/";
if (!haveChromium) console.warn(`analytics browser tests skipped: no chromium at ${CHROMIUM}`);

let server: FixtureServer;
let backend: Backend;
let context: BrowserContext;
let profile: string;
let page: Page;
let problems: string[];

beforeAll(async () => {
  if (!haveChromium) return;
  mkdirSync(SHOTS, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), "cablegram-chromium-"));
  context = await launchChromium(profile);
});

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

beforeEach(async () => {
  if (!haveChromium) return;
  await page?.close();
  problems = [];
  page = await watchedPage(context, problems);
});

const url = (path: string) => new URL(path, server.url).toString();
const shot = (name: string) =>
  page.screenshot({
    path: join(SHOTS, `analytics-${name}${backend === "sqlite" ? "" : `-${backend}`}.png`),
    fullPage: true,
  });
/** Hits the search page reports ("1–20 of N"). */
const searchTotal = async () => {
  const text = (await page.locator("nav.pager span").first().textContent()) ?? "";
  // "Page 1 of 4 · 1–20 of 69": the total is after the last "of".
  return Number(text.split(" of ").pop()?.replace(/,/g, ""));
};
const number = (s: string | null) => Number((s ?? "").replace(/[^0-9]/g, ""));

const backends: Backend[] = haveChromium
  ? serverBackends("the analytics browser tests on PostgreSQL")
  : ["sqlite"];

describe.skipIf(!haveChromium)("analytics views in chromium", () => {
  describe.each(backends)("on %s", (b) => {
    beforeAll(async () => {
      backend = b;
      server = await startFixtureServer({ cache: false, backend: b });
    }, 120_000);

    afterAll(async () => {
      await server?.stop();
    });

    it("timeline: from search in one click, chart drawn, table view, period drill-down, back", async () => {
      await page.goto(url("/search?q=tripoli"));
      await page.getByRole("link", { name: "Analyse these results" }).click();
      await page.waitForURL(/\/analytics\/timeline\?q=tripoli/);
      const figure = page.locator('figure[data-chart="timeline"]');
      await expect.poll(() => figure.getAttribute("class")).toContain("drawn");
      expect(await figure.locator("canvas").count()).toBeGreaterThan(0);
      await shot("timeline");
      await figure.locator("summary", { hasText: "Table view" }).click();
      const rows = figure.locator("table.data tbody tr");
      expect(await rows.count()).toBeGreaterThan(1);
      // The busiest month: its count cell links to exactly those cables.
      let best = { i: 0, n: 0 };
      for (let i = 0; i < (await rows.count()); i++) {
        const n = number(await rows.nth(i).locator("td").nth(2).textContent());
        if (n > best.n) best = { i, n };
      }
      await shot("timeline-table");
      await rows.nth(best.i).locator("td").nth(2).getByRole("link").click();
      await page.waitForURL(/\/search\?.*from=\d{4}-\d{2}-\d{2}&to=/);
      expect(await searchTotal()).toBe(best.n);
      await page.goBack();
      await page.getByRole("link", { name: "Back to search" }).click();
      await page.waitForURL(/\/search\?q=tripoli$/);
      expect(problems).toEqual([]);
    });

    it("timeline by day: only days with cables listed, the chart drops to zero between them", async () => {
      await page.goto(url("/analytics/timeline?q=tripoli&by=day&reported=0"));
      const figure = page.locator('figure[data-chart="timeline"]');
      await expect.poll(() => figure.getAttribute("class")).toContain("drawn");
      expect(await figure.getAttribute("data-sparse")).toBe("1");
      await figure.locator("summary", { hasText: "Table view" }).click();
      const counts = (
        await figure.locator("table.data tbody tr td:nth-child(4)").allTextContents()
      ).map(number);
      expect(counts.length).toBeGreaterThan(1);
      // Every listed day has a cable; the days between count zero, so they are not rows.
      for (const n of counts) expect(n).toBeGreaterThan(0);
      const api = await (
        await page.request.get(url("/api/analytics/timeline?q=tripoli&by=day&reported=0"))
      ).json();
      expect(api.analysis.sparse).toBe(true);
      expect(counts.reduce((a, b) => a + b, 0) + api.analysis.series[0].undated).toBe(api.total);
      // The no-script SVG: a vertex per listed day plus the zeros between non-consecutive ones.
      const vertices = (
        (await figure.locator("svg.fallback polyline").first().getAttribute("points")) ?? ""
      )
        .trim()
        .split(/\s+/);
      expect(vertices.length).toBeGreaterThan(counts.length);
      await shot("timeline-day");
      expect(problems).toEqual([]);
    });

    it("timeline: dates the cables report, drawn dashed beside the sent series, drill down", async () => {
      await page.goto(url("/analytics/timeline?q=tripoli&by=month"));
      const figure = page.locator('figure[data-chart="timeline"]');
      await expect.poll(() => figure.getAttribute("class")).toContain("drawn");
      expect(await figure.getAttribute("data-reported")).toBe("1");
      expect(await figure.locator("ul.legend li.reported").textContent()).toMatch(
        /tripoli \(dates reported\): \d+ cable-days/,
      );
      // uPlot draws one legend row per series: the sent line and the reported one.
      expect(await figure.locator(".u-legend .u-series").count()).toBe(3);
      await shot("timeline-reported");
      await figure.locator("summary", { hasText: "Table view" }).click();
      const headers = await figure.locator("table.data thead th").allTextContents();
      const col = headers.indexOf("tripoli (dates reported)");
      expect(col).toBeGreaterThan(0);
      const link = figure.locator(`table.data tbody tr td:nth-child(${col + 1}) a`).first();
      const n = number(await link.textContent());
      expect(n).toBeGreaterThan(0);
      await link.click();
      await page.waitForURL(/\/analytics\/cables\?.*reported_from=/);
      const listed = page.locator("ol.drill li");
      expect(await listed.count()).toBeGreaterThan(0);
      expect(await listed.count()).toBeLessThanOrEqual(n);
      for (const text of await listed.allTextContents()) expect(text).toContain("reports");
      await shot("reported-drill");
      expect(problems).toEqual([]);
    });

    it("an aggregated cell (precedence × year, DECL horizon) lands on exactly its cables", async () => {
      await page.goto(url("/analytics/addressees"));
      const cell = page.locator("#table-precedence-by-year tbody td a").first();
      const n = number(await cell.textContent());
      expect(n).toBeGreaterThan(0);
      await cell.click();
      await page.waitForURL(/\/analytics\/cables\?.*matrix=precedence-by-year/);
      expect(await page.locator("ol.drill li").count()).toBe(n);
      expect(number(await page.locator("p.drill-count").textContent())).toBe(n);
      await page.goto(url("/analytics/secrecy"));
      const bar = page.locator('figure.bars li:has(a[href*="matrix=horizon"])').first();
      const m = number(await bar.locator(".n").textContent());
      await bar.locator("a").click();
      await page.waitForURL(/\/analytics\/cables\?.*matrix=horizon/);
      expect(await page.locator("ol.drill li").count()).toBe(m);
      await shot("cell-drill");
      expect(problems).toEqual([]);
    });

    it("timeline overlays and shares", async () => {
      await page.goto(url("/analytics/timeline?q=tripoli&vs=cairo&by=year&normalise=1"));
      const figure = page.locator('figure[data-chart="timeline"]');
      await expect.poll(() => figure.getAttribute("class")).toContain("drawn");
      expect(await figure.locator("ul.legend li").count()).toBe(2);
      await shot("timeline-overlay");
      expect(problems).toEqual([]);
    });

    it("secrecy: heatmap cell drill-down lands on the cables it counts", async () => {
      await page.goto(url("/analytics/secrecy?q="));
      const matrix = page.locator("#table-level-by-year");
      expect(await matrix.isVisible()).toBe(true);
      await shot("secrecy");
      const cell = matrix.locator("tbody td a").first();
      const n = number(await cell.textContent());
      expect(n).toBeGreaterThan(0);
      await cell.click();
      await page.waitForURL(/\/search\?q=classification/);
      expect(await searchTotal()).toBe(n);
      expect(problems).toEqual([]);
    });

    it("who was told: a flow cell lists its cables", async () => {
      await page.goto(url("/analytics/addressees"));
      const flow = page.locator("#table-flow");
      expect(await flow.isVisible()).toBe(true);
      await shot("addressees");
      const cell = flow.locator("tbody tr", { hasText: "TRIPOLI" }).locator("td a").first();
      const n = number(await cell.textContent());
      await cell.click();
      await page.waitForURL(/\/analytics\/cables\?.*sender=TRIPOLI/);
      expect(await page.locator("ol.drill li").count()).toBe(n);
      await shot("flow-drill");
      expect(problems).toEqual([]);
    });

    it("bursts, what spiked, coverage and thread render and drill down", async () => {
      await page.goto(url("/analytics/bursts?kind=tag"));
      await shot("bursts");
      const burst = page.locator("ol.bursts > li").first();
      if ((await burst.count()) > 0) {
        const link = burst.locator("a").first();
        const n = number(await link.textContent());
        await link.click();
        await page.waitForURL(/\/search\?q=/);
        expect(await searchTotal()).toBe(n);
      }
      await page.goto(url("/analytics/spikes?start=2008-01&end=2008-12"));
      await shot("spikes");
      await page.goto(url("/analytics/coverage"));
      const cell = page
        .locator("#table-coverage-matrix tbody tr", { hasText: "TRIPOLI" })
        .locator("td a")
        .first();
      const held = number(((await cell.textContent()) ?? "").split("/")[0]!);
      await shot("coverage");
      await cell.click();
      await page.waitForURL(/\/search\?q=station/);
      expect(await searchTotal()).toBe(held);
      await page.goto(url("/analytics/thread/08TRIPOLI227"));
      expect(await page.locator("svg.thread-chart circle").count()).toBeGreaterThan(1);
      await shot("thread");
      expect(problems).toEqual([]);
    });

    it("keyboard: tabs, table views and drill-down links are reachable and work", async () => {
      await page.goto(url("/analytics/timeline?q=tripoli"));
      const reached: string[] = [];
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press("Tab");
        reached.push(
          await page.evaluate(() => {
            const el = document.activeElement;
            return el ? `${el.tagName}:${(el.textContent ?? "").trim().slice(0, 30)}` : "";
          }),
        );
        if (reached.at(-1)?.startsWith("SUMMARY")) break;
      }
      expect(reached).toContain("A:Secrecy");
      expect(reached.at(-1)).toMatch(/^SUMMARY:Table view/);
      await page.keyboard.press("Enter");
      expect(await page.locator("figure.timeline details").getAttribute("open")).not.toBeNull();
      expect(problems).toEqual([]);
    });

    it("legible at 390 px: nothing but tables scrolls sideways", async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      for (const view of [
        "timeline?q=tripoli",
        "secrecy",
        "addressees",
        "bursts?kind=tag",
        "coverage",
        "spikes?start=2008-01&end=2008-12",
        "thread/08TRIPOLI227",
        "cables?q=tripoli&reported_from=2008-01-01&reported_to=2008-12-31",
      ]) {
        await page.goto(url(`/analytics/${view}`));
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, view).toBeLessThanOrEqual(1);
        await shot(`390-${view.replace(/\?.*/, "").replace("/", "-")}`);
      }
      expect(problems).toEqual([]);
    });
  });
});
