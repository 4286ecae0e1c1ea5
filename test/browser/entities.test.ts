/**
 * Entities in a real browser (Debian's chromium through playwright-core) against real servers over
 * the protected-people archive (test/entities/protected-archive.ts): the person page, the person
 * facets of the search page, and the reader in public mode with protected names masked and the
 * other names linked. Skipped, with a message, where chromium is missing.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildClient } from "../../scripts/build-client.js";
import { loadAssets } from "../../src/server/assets.js";
import { type RunningServer, startServer } from "../../src/server/start.js";
import { buildProtectedArchive } from "../entities/protected-archive.js";
import { CHROMIUM, haveChromium, launchChromium, watchedPage } from "./chromium.js";

const SHOTS = fileURLToPath(new URL("../../test-artifacts/screenshots/", import.meta.url));
if (!haveChromium) console.warn(`entity browser tests skipped: no chromium at ${CHROMIUM}`);

let dir: string;
let pub: RunningServer;
let local: RunningServer;
let context: BrowserContext;
let page: Page;
let problems: string[];

beforeAll(async () => {
  if (!haveChromium) return;
  mkdirSync(SHOTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), "cablegram-entities-ui-"));
  const db = join(dir, "archive.db");
  await buildProtectedArchive(db);
  await buildClient(join(dir, "client"));
  const opts = {
    db,
    port: 0,
    host: "127.0.0.1",
    log: () => {},
    assets: loadAssets(join(dir, "client")),
  };
  pub = await startServer({ ...opts, public: true });
  local = await startServer(opts);
  context = await launchChromium(join(dir, "profile"));
}, 180_000);

afterAll(async () => {
  await context?.close();
  await pub?.close();
  await local?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  if (!haveChromium) return;
  await page?.close();
  problems = [];
  page = await watchedPage(context, problems);
});

const at = (server: RunningServer, path: string) => new URL(path, server.url).toString();
const shot = (name: string) =>
  page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

describe.skipIf(!haveChromium)("entities in chromium", () => {
  it("shows a person's page: forms, roles, evidence, cables and co-mentions", async () => {
    await page.goto(at(local, "/entities/person-chris-stevens"));
    await shot("entities-01-person-page");
    expect(await page.locator("h1").textContent()).toBe("Chris Stevens");
    const forms = await page.locator(".entity-forms").textContent();
    expect(forms).toContain("STEVENS");
    expect(await page.locator(".entity-roles").textContent()).toContain("CDA");
    // STEVENS signs at his post: the signature joins the US staff member named there.
    expect(await page.locator(".entity-evidence").textContent()).toMatch(
      /signature, US staff at post|same post and period/,
    );
    expect(await page.locator(".entity-cables a.cable-id").count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator("figure.histogram svg").count()).toBe(1);
    await page.locator(".entity-related").getByRole("link").first().click();
    await page.waitForURL(/\/entities\/person-/);
    expect(problems).toEqual([]);
  });

  it("narrows a search by a person facet, and opens the person from it", async () => {
    await page.goto(at(pub, "/search?q=libya"));
    const people = page.locator('aside.facets section[data-facet="person"]');
    expect(await people.textContent()).toContain("Muatassim al-Qadhafi");
    await shot("entities-02-facets");
    const before = await page.locator("ol.hits li.hit").count();
    await people.getByRole("link", { name: "Muatassim al-Qadhafi" }).click();
    await page.waitForURL(/person%3Aperson-muatassim-qadhafi/);
    const after = await page.locator("ol.hits li.hit").count();
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThanOrEqual(before);
    // A protected person is neither a facet value nor counted for the cable protecting them.
    expect(await page.content()).not.toMatch(/meyet|windus|dupr/i);
    await page.locator('aside.facets section[data-facet="person"] a.entity-link').first().click();
    await page.waitForURL(/\/entities\//);
    expect(problems).toEqual([]);
  });

  it("masks protected names in the public reader and links the others", async () => {
    await page.goto(at(pub, "/cables/08TRIPOLI564"));
    await shot("entities-03-masked-reader");
    const text = (await page.locator("article.reader").textContent()) ?? "";
    expect(text).toContain("[withheld]");
    expect(text).not.toMatch(/meyet/i);
    const ghanem = page.locator('a.mention[data-entity="person-shukri-ghanem"]');
    expect(await ghanem.count()).toBeGreaterThan(0);
    expect(await page.locator(".entities-panel").textContent()).toContain("Shukri Ghanem");
    await ghanem.first().click();
    await page.waitForURL(/\/entities\/person-shukri-ghanem$/);
    // The same person, named openly elsewhere, is shown there.
    await page.goto(at(pub, "/cables/10TRIPOLI9002"));
    expect(await page.locator("article.reader").textContent()).toContain("el-Meyet");
    // Local mode shows everything.
    await page.goto(at(local, "/cables/08TRIPOLI564"));
    expect(await page.locator("article.reader").textContent()).toContain("el-Meyet");
    expect(problems).toEqual([]);
  });
});
