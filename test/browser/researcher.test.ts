/**
 * The researcher's day (issue 11) in a real browser: Debian's chromium driven by playwright-core
 * against real servers — the bundled sample (979 cables: pages of results, partial extracts, REF
 * clusters) and, for public mode, the fixture archive. One test per item of the issue. Screenshots
 * of search, reader and graph at desktop and phone width go to test-artifacts/screenshots/.
 * Skipped, with a message, where chromium is missing.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FixtureServer, startFixtureServer } from "../server/fixture-server.js";
import { type SampleServer, startSampleServer } from "../server/sample-server.js";
import { CHROMIUM, haveChromium, launchChromium, watchedPage } from "./chromium.js";

const SHOTS = fileURLToPath(new URL("../../test-artifacts/screenshots/", import.meta.url));
if (!haveChromium) console.warn(`browser tests skipped: no chromium at ${CHROMIUM}`);
/** A name a hostile page could make resolve to this machine (DNS rebinding). */
const REBOUND = "rebound.example.com";

let sample: SampleServer;
let fixture: FixtureServer;
let context: BrowserContext;
let profile: string;
let page: Page;
let problems: string[];

beforeAll(async () => {
  if (!haveChromium) return;
  mkdirSync(SHOTS, { recursive: true });
  [sample, fixture] = await Promise.all([
    startSampleServer(),
    startFixtureServer({ public: true }),
  ]);
  profile = mkdtempSync(join(tmpdir(), "cablegram-chromium-"));
  context = await launchChromium(profile, {
    args: [`--host-resolver-rules=MAP ${REBOUND} 127.0.0.1`],
    acceptDownloads: true,
  });
}, 180_000);

afterAll(async () => {
  await context?.close();
  await sample?.stop();
  await fixture?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

beforeEach(async () => {
  if (!haveChromium) return;
  await page?.close();
  problems = [];
  page = await watchedPage(context, problems, /status of 4\d\d/);
});

const url = (path: string) => new URL(path, sample.url).toString();
const shot = (name: string) =>
  page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

async function searchFor(q: string): Promise<void> {
  await page.goto(url("/search"));
  await page.getByRole("searchbox", { name: "Query" }).fill(q);
  await page.getByRole("searchbox", { name: "Query" }).press("Enter");
  await page.waitForLoadState("load");
}

async function pagerText(): Promise<string> {
  return (await page.locator("nav.pager").first().textContent()) ?? "";
}

/** The result count the pager states ("Page 1 of 4 · 1–20 of 69" → 69). */
async function total(): Promise<number> {
  const m = /–[\d,]+ of ([\d,]+)/.exec(await pagerText());
  return m ? Number(m[1]!.replace(/,/g, "")) : 0;
}

describe.skipIf(!haveChromium)("the researcher's day in chromium", () => {
  it("1: opens the cable from every way of writing its id typed in the search box", async () => {
    for (const form of [
      "05ALMATY2121",
      "05 ALMATY 2121",
      "05 ALMATY 002121",
      "05-ALMATY-2121",
      "05almaty2121",
      "2005 Almaty 2121",
      '"05 ALMATY 2121"',
      "05ALMATY2121_a",
    ]) {
      await searchFor(form);
      expect(new URL(page.url()).pathname, form).toBe("/cables/05ALMATY2121");
    }
    expect(problems).toEqual([]);
  });

  it("2: offers the archive's spelling for a word it never spells so, and word~ finds them all", async () => {
    await searchFor("Kadhafi");
    const offer = page.locator("p.did-you-mean");
    expect(await offer.textContent()).toMatch(/Did you mean\s+qadhafi/i);
    await offer.getByRole("link", { name: "qadhafi" }).first().click();
    await page.waitForURL(/q=qadhafi/);
    const plain = await total();
    expect(plain).toBeGreaterThan(10);
    await searchFor("qadhafi~");
    const all = await total();
    expect(all).toBeGreaterThan(plain);
    expect(problems).toEqual([]);
  });

  it("3: refuses impossible input with a 400 and says why", async () => {
    const cases: [string, RegExp][] = [
      ["/search?q=year:2009..2001", /backwards/],
      ["/search?q=created:2008-02-30", /no such day/],
      ["/search?q=tag:*", /needs a value/],
      ["/search?q=origin:*", /needs a value/],
      ["/search?q=%ff", /UTF-8/],
      ["/search?q=nuclear+NEAR+smuggling", /NEAR\(nuclear smuggling, 10\)/],
      ["/search?q=x&from=2009&to=2001", /backwards/],
    ];
    for (const [path, message] of cases) {
      const r = await page.goto(url(path));
      expect(r?.status(), path).toBe(400);
      expect(await page.locator(".problem").first().textContent(), path).toMatch(message);
    }
  });

  it("4: pages forward and back with a page indicator, and names exports after the query", async () => {
    await page.goto(url("/search?q=embassy"));
    expect(await pagerText()).toMatch(/Page 1 of \d+/);
    await page.locator("nav.pager").first().getByRole("link", { name: /Next/ }).click();
    expect(await pagerText()).toMatch(/Page 2 of \d+/);
    const second = await page.locator("ol.hits a.cable-id").first().textContent();
    await page.locator("nav.pager").first().getByRole("link", { name: /Next/ }).click();
    expect(await pagerText()).toMatch(/Page 3 of \d+/);
    await page
      .locator("nav.pager")
      .first()
      .getByRole("link", { name: /Previous/ })
      .click();
    expect(await pagerText()).toMatch(/Page 2 of \d+/);
    expect(await page.locator("ol.hits a.cable-id").first().textContent()).toBe(second);
    await page
      .locator("nav.pager")
      .first()
      .getByRole("link", { name: /Previous/ })
      .click();
    expect(await pagerText()).toMatch(/Page 1 of \d+/);
    expect(
      await page
        .locator("nav.pager")
        .first()
        .getByRole("link", { name: /Previous/ })
        .count(),
    ).toBe(0);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("p.exports").getByRole("link", { name: "CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^cablegram-embassy-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(problems).toEqual([]);
  });

  it("5: answers 404 for a TAG, origin or month the archive does not have", async () => {
    for (const path of [
      "/browse/tag/NOSUCHTAG",
      "/browse/origin/Nowhere",
      "/browse/month/1901-01",
    ]) {
      const r = await page.goto(url(path));
      expect(r?.status(), path).toBe(404);
    }
    expect((await page.goto(url("/browse/tag/PGOV")))?.status()).toBe(200);
  });

  it("6: flags partial extracts at the top of the reader and on every hit", async () => {
    await page.goto(url("/search?q=partial:yes"));
    const hits = page.locator("li.hit");
    const n = await hits.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      expect(await hits.nth(i).locator(".badge.partial").count()).toBe(1);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await hits.first().locator("a.cable-id").click();
    await page.waitForURL(/\/cables\//);
    const flag = page.locator(".partial-flag");
    expect(await flag.textContent()).toMatch(/extract/);
    expect((await flag.boundingBox())!.y).toBeLessThan(400);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("7: nothing scrolls sideways at 390 × 844, and results come before facets", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const graphOf = "09TRIPOLI208";
    for (const path of [
      "/",
      "/search?q=Andijon",
      "/search?q=qadhafi",
      "/cables/05ALMATY2121",
      `/cables/${graphOf}`,
      "/tags",
      "/browse",
      "/browse/year/2008",
      "/browse/origin",
      `/cables/${graphOf}/graph`,
    ]) {
      await page.goto(url(path));
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(390);
    }
    await page.goto(url("/search?q=qadhafi"));
    await shot("researcher-search-390");
    const hit = (await page.locator("li.hit").first().boundingBox())!;
    const facets = (await page.locator("aside.facets").boundingBox())!;
    expect(hit.y).toBeLessThan(facets.y);
    expect(hit.y).toBeLessThan(844);
    await page.goto(url(`/cables/${graphOf}`));
    await shot("researcher-reader-390");
    await page.goto(url(`/cables/${graphOf}/graph`));
    await page.locator("#graph canvas").first().waitFor();
    await shot("researcher-graph-390");
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(problems).toEqual([]);
  });

  it("8: reaches the first result in at most 5 Tab presses; the histogram is one stop", async () => {
    await page.goto(url("/search?q=embassy"));
    let tabs = 0;
    const firstHit = page.locator("ol.hits a.cable-id").first();
    await page.keyboard.press("Tab");
    tabs++;
    expect(await page.evaluate(() => document.activeElement?.className)).toContain("skip");
    await page.keyboard.press("Enter");
    while (tabs < 10) {
      await page.keyboard.press("Tab");
      tabs++;
      if (await firstHit.evaluate((el) => el === document.activeElement)) break;
    }
    expect(tabs).toBeLessThanOrEqual(5);
    // The histogram: one tab stop, arrow keys between bars.
    const stops = await page.locator("figure.histogram a[data-index]:not([tabindex='-1'])").count();
    expect(stops).toBe(1);
    await page.locator("figure.histogram a[tabindex='0']").focus();
    const before = await page.evaluate(() => document.activeElement?.getAttribute("data-index"));
    await page.keyboard.press("ArrowLeft");
    const after = await page.evaluate(() => document.activeElement?.getAttribute("data-index"));
    expect(Number(after)).toBe(Math.max(0, Number(before) - 1));
    await page.keyboard.press("Home");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-index"))).toBe("0");
    await page.keyboard.press("Enter");
    await page.waitForURL(/from=\d{4}-\d{2}/);
    expect(problems).toEqual([]);
  });

  it("9: steps through the station by serial and through the result list; copies the id", async () => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: sample.url });
    await page.goto(url("/search?q=tripoli&sort=created"));
    const ids = await page.locator("ol.hits a.cable-id").allTextContents();
    await page.locator("ol.hits a.cable-id").first().click();
    await page.waitForURL(/\/cables\//);
    expect(await page.locator("nav.reader-nav").textContent()).toMatch(/1 of \d+/);
    await page.locator("a[data-nav='result-next']").click();
    await page.waitForURL(new RegExp(`/cables/${ids[1]}`));
    await page.locator("a[data-nav='result-prev']").click();
    await page.waitForURL(new RegExp(`/cables/${ids[0]}`));
    // The station's own order.
    await page.goto(url("/cables/08TRIPOLI227"));
    const next = await page.locator("a[data-nav='station-next']").textContent();
    const prev = await page.locator("a[data-nav='station-prev']").textContent();
    expect(next).toMatch(/^08TRIPOLI\d+$|^09TRIPOLI\d+$/);
    expect(prev).toMatch(/^0[78]TRIPOLI\d+$/);
    if (next!.startsWith("08")) expect(Number(next!.slice(9))).toBeGreaterThan(227);
    await page.locator("button.copy-id").click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("08TRIPOLI227");
    await shot("researcher-reader-desktop");
    expect(problems).toEqual([]);
  });

  it("10: the graph has a legend, shows subject and date on hover and focus, and keeps 50+ cables apart", async () => {
    await page.goto(url("/cables/09TRIPOLI208/graph"));
    await page.locator("#graph canvas").first().waitFor();
    await page.waitForTimeout(300);
    expect(await page.locator("ul.legend li").count()).toBeGreaterThanOrEqual(1);
    // Focus a cable in the list: the info line names it with its date and subject.
    const link = page.locator("a[data-node]").nth(1);
    const id = await link.getAttribute("data-node");
    await link.focus();
    expect(await page.locator("#graph-info").textContent()).toMatch(
      new RegExp(`^${id} · (\\d{4}-\\d{2}-\\d{2}|not in the archive).* · .+`),
    );
    // Point at the centre node where cytoscape drew it.
    await link.blur();
    await page.locator("#graph").scrollIntoViewIfNeeded();
    const box = (await page.locator("#graph").boundingBox())!;
    const at = await page.evaluate(() => {
      // biome-ignore lint/suspicious/noExplicitAny: cytoscape keeps its instance on the container
      const cy = (document.getElementById("graph") as any)._cyreg.cy;
      return cy.getElementById("09TRIPOLI208").renderedPosition() as { x: number; y: number };
    });
    await page.mouse.move(box.x + 2, box.y + 2);
    await page.mouse.move(box.x + at.x, box.y + at.y, { steps: 5 });
    await page.waitForTimeout(100);
    expect(await page.locator("#graph-info").textContent()).toMatch(/^09TRIPOLI208 · 2009-/);
    const layout = await page.evaluate(() => {
      // biome-ignore lint/suspicious/noExplicitAny: cytoscape keeps its instance on the container
      const cy = (document.getElementById("graph") as any)._cyreg.cy;
      const boxes = cy
        .nodes()
        .map((n: { renderedBoundingBox: (o: object) => object }) =>
          n.renderedBoundingBox({ includeLabels: false }),
        ) as { x1: number; x2: number; y1: number; y2: number }[];
      let overlaps = 0;
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!;
          const b = boxes[j]!;
          if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) overlaps++;
        }
      return { nodes: boxes.length, overlaps };
    });
    expect(layout.nodes).toBeGreaterThanOrEqual(50);
    expect(layout.overlaps).toBe(0);
    await shot("researcher-graph-desktop");
    expect(problems).toEqual([]);
  });

  it("11: 'cite this' uses the server's base URL and downloads BibTeX, CSL-JSON and RIS", async () => {
    await page.goto(url("/cables/08TRIPOLI227#p2"));
    expect(await page.locator("[data-cite-text]").textContent()).toContain(
      `${sample.url}cables/08TRIPOLI227#p2`,
    );
    for (const [format, pattern] of [
      ["bibtex", /^@misc\{08TRIPOLI227p2,/],
      ["csl", /"id": "08TRIPOLI227p2"/],
      ["ris", /^TY {2}- GEN/],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.locator(`.cite-formats a[data-format='${format}']`).click(),
      ]);
      const text = readFileSync((await download.path())!, "utf8");
      expect(text, format).toMatch(pattern);
    }
    await page.goto(url("/search?q=tripoli"));
    await shot("researcher-search-desktop");
    const [list] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("p.exports").getByRole("link", { name: "RIS" }).click(),
    ]);
    expect(list.suggestedFilename()).toMatch(/^cablegram-tripoli-\d{4}-\d{2}-\d{2}\.ris$/);
    expect(problems).toEqual([]);
  });

  it("12: a host name rebound to this machine gets 421, not the archive", async () => {
    const port = new URL(sample.url).port;
    const r = await page.goto(`http://${REBOUND}:${port}/search?q=tripoli`);
    expect(r?.status()).toBe(421);
    expect(await page.content()).not.toContain("08TRIPOLI227");
    const ok = await page.goto(`http://localhost:${port}/`);
    expect(ok?.status()).toBe(200);
  });

  it("13: public mode shows the source file's base name in the reader, never a server path", async () => {
    await page.goto(new URL("/cables/08TRIPOLI564", fixture.url).toString());
    const versions = (await page.locator("section.versions").textContent()) ?? "";
    expect(versions).toContain("08TRIPOLI564.txt");
    expect(versions).not.toMatch(/\/(tmp|home|srv|var|work)\//);
  });
});
