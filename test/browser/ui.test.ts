/**
 * The web UI in a real browser: Debian's chromium driven by playwright-core against a real server
 * over the fixture archive (test/server/fixture-server.ts). Screenshots of each step go to
 * test-artifacts/screenshots/ (gitignored). Skipped, with a message, where chromium is missing.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FixtureServer, HOSTILE_ID, startFixtureServer } from "../server/fixture-server.js";
import { CHROMIUM, haveChromium, launchChromium, watchedPage } from "./chromium.js";

const SHOTS = fileURLToPath(new URL("../../test-artifacts/screenshots/", import.meta.url));
if (!haveChromium) console.warn(`browser tests skipped: no chromium at ${CHROMIUM}`);

let server: FixtureServer;
let context: BrowserContext;
let profile: string;
let page: Page;
let problems: string[];
let dialogs: string[];

beforeAll(async () => {
  if (!haveChromium) return;
  mkdirSync(SHOTS, { recursive: true });
  server = await startFixtureServer();
  profile = mkdtempSync(join(tmpdir(), "cablegram-chromium-"));
  context = await launchChromium(profile);
});

afterAll(async () => {
  await context?.close();
  await server?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

beforeEach(async () => {
  if (!haveChromium) return;
  await page?.close();
  problems = [];
  dialogs = [];
  page = await watchedPage(context, problems);
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
});

const url = (path: string) => new URL(path, server.url).toString();
const shot = (name: string) =>
  page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

describe.skipIf(!haveChromium)("the web UI in chromium", () => {
  it("search → facet → open a cable → follow a REF → back through cited-by", async () => {
    await page.goto(url("/search?q=qadhafi"));
    await shot("01-search");
    await page
      .locator("aside.facets section", { hasText: "TAGS" })
      .getByRole("link", { name: "LY", exact: true })
      .click();
    await page.waitForURL(/tag=LY/);
    expect(await page.locator("ul.chips").textContent()).toContain("TAGS: LY");
    await shot("02-search-facet");
    await page.locator("ol.hits a.cable-id", { hasText: "08TRIPOLI227" }).click();
    // The reader keeps the result list it came from in its URL (previous / next result).
    await page.waitForURL(/\/cables\/08TRIPOLI227\?q=qadhafi&tag=LY$/);
    expect(await page.locator(".protect-banner").textContent()).toContain("STRICTLY PROTECT");
    await shot("03-reader");
    await page.locator("section.refs").getByRole("link", { name: "08TRIPOLI166" }).click();
    await page.waitForURL(/\/cables\/08TRIPOLI166$/);
    await shot("04-followed-ref");
    await page.locator("section.cited-by").getByRole("link", { name: "08TRIPOLI227" }).click();
    await page.waitForURL(/\/cables\/08TRIPOLI227$/);
    expect(problems).toEqual([]);
  });

  it("narrows the dates by clicking and by dragging across the histogram", async () => {
    await page.goto(url("/search?q="));
    const total = async () =>
      Number(
        ((await page.locator("nav.pager").first().textContent()) ?? "")
          .split(" of ")
          .pop()!
          .replace(/\D/g, ""),
      );
    const all = await total();
    const bars = page.locator("figure.histogram a[data-index]");
    const count = await bars.count();
    expect(count).toBeGreaterThan(2);
    const first = (await bars.nth(0).locator("rect.slot").boundingBox())!;
    const last = (await bars
      .nth(count - 1)
      .locator("rect.slot")
      .boundingBox())!;
    // Drag from the first bar to the middle of the chart.
    await page.mouse.move(first.x + first.width / 2, first.y + first.height / 2);
    await page.mouse.down();
    await page.mouse.move((first.x + last.x) / 2, first.y + first.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.waitForURL(/from=\d{4}-\d{2}&to=\d{4}-\d{2}/);
    const dragged = await total();
    expect(dragged).toBeGreaterThan(0);
    expect(dragged).toBeLessThan(all);
    await shot("05-histogram-drag");
    // A click on one bar narrows to its month.
    const one = page
      .locator("figure.histogram a[data-index]")
      .filter({ has: page.locator("rect.bar[height]:not([height='0'])") })
      .last();
    const month = await one.getAttribute("data-from");
    const box = (await one.locator("rect.slot").boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height - 2);
    await page.waitForURL(new RegExp(`from=${month}&to=${month}`));
    expect(await total()).toBeGreaterThan(0);
    await shot("06-histogram-click");
    expect(problems).toEqual([]);
  });

  it("keeps a paragraph permalink across a reload", async () => {
    await page.goto(url("/cables/08TRIPOLI227#p2"));
    const check = async () => {
      expect(await page.locator("[data-cite-text]").textContent()).toContain("¶2, ");
      expect(await page.locator("[data-cite-text]").textContent()).toContain(
        "/cables/08TRIPOLI227#p2",
      );
      expect(await page.evaluate(() => document.querySelector(":target")?.id)).toBe("p2");
      expect(await page.locator("#p2").isVisible()).toBe(true);
    };
    await check();
    await page.reload();
    await check();
    await shot("07-permalink");
    expect(problems).toEqual([]);
  });

  it("keeps the hostile cable inert", async () => {
    for (const path of [
      `/cables/${HOSTILE_ID}`,
      "/search?q=hostile",
      `/cables/${HOSTILE_ID}/graph`,
    ]) {
      await page.goto(url(path));
      await page.waitForTimeout(300);
      const dom = await page.evaluate(() => ({
        scripts: Array.from(document.scripts).map((s) => s.src || s.type),
        images: document.images.length,
        handlers: Array.from(document.querySelectorAll("*")).filter((e) =>
          Array.from(e.attributes).some((a) => /^on/i.test(a.name)),
        ).length,
        jsLinks: Array.from(document.querySelectorAll("a")).filter((a) =>
          /^javascript:/i.test(a.getAttribute("href") ?? ""),
        ).length,
        styles: document.querySelectorAll("style").length,
        text: document.body.textContent ?? "",
      }));
      for (const s of dom.scripts) expect(s).toMatch(/\/static\/[\w-]+\.js$|^application\/json$/);
      expect(dom.images).toBe(0);
      expect(dom.handlers).toBe(0);
      expect(dom.jsLinks).toBe(0);
      expect(dom.styles).toBe(0);
      expect(dom.text).not.toBe("");
    }
    await page.goto(url(`/cables/${HOSTILE_ID}`));
    expect(await page.locator("#p1").textContent()).toContain("<script>alert(1)</script>");
    await shot("08-hostile-inert");
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("draws the reference graph without breaking the Content-Security-Policy", async () => {
    await page.goto(url("/cables/08TRIPOLI227/graph"));
    await page.locator("#graph canvas").first().waitFor();
    await page.waitForTimeout(500);
    await shot("09-graph");
    expect(problems).toEqual([]);
    await page.goto(url("/"));
    await shot("10-home");
    await page.goto(url("/tags"));
    await shot("11-tags");
    expect(problems).toEqual([]);
  });
});
