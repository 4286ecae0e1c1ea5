import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { CHECK_EVERY_MS, cacheMiddleware, ResponseCache } from "../../src/server/cache.js";
import { openArchive } from "../../src/store/db.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function archive() {
  const dir = mkdtempSync(join(tmpdir(), "cablegram-cache-"));
  dirs.push(dir);
  const path = join(dir, "a.db");
  return { reader: openArchive(path), writer: () => openArchive(path) };
}

describe("ResponseCache", () => {
  it("keeps answers, evicting the least recently used past its size", () => {
    const { reader } = archive();
    // Each entry takes 30 bytes of body and 4 of key: two fit in 80.
    const cache = new ResponseCache(reader, 80, 50);
    cache.set("/a", 200, "text/html", "a".repeat(30));
    cache.set("/b", 200, "text/html", "b".repeat(30));
    expect(new TextDecoder().decode(cache.get("/a")?.body)).toBe("a".repeat(30));
    cache.set("/c", 200, "text/html", "c".repeat(30));
    // /b was used least recently.
    expect(cache.get("/b")).toBeUndefined();
    expect(cache.get("/a")).toBeDefined();
    expect(cache.get("/c")?.etag).toMatch(/^"[\w-]{22}"$/);
    cache.set("/big", 200, "text/html", "x".repeat(60));
    expect(cache.get("/big")).toBeUndefined();
    reader.close();
  });

  it("forgets everything when another connection commits to the archive", async () => {
    const { reader, writer } = archive();
    const cache = new ResponseCache(reader);
    cache.set("/cables/08TRIPOLI227", 200, "text/html", "<p>old</p>");
    expect(cache.get("/cables/08TRIPOLI227")).toBeDefined();
    const w = writer();
    w.prepare("INSERT INTO ingest_runs (started_at) VALUES ('2026-01-01T00:00:00Z')").run();
    w.close();
    await new Promise((resolve) => setTimeout(resolve, CHECK_EVERY_MS + 5));
    expect(cache.get("/cables/08TRIPOLI227")).toBeUndefined();
    expect(cache.size).toBe(0);
    reader.close();
  });
});

/**
 * A page whose render waits until the test opens `gate`, as a search waits for PostgreSQL; `renders`
 * counts how many renders started.
 */
function gatedApp(status: (n: number) => number) {
  const { reader } = archive();
  let open = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  const app = new Hono();
  app.use("*", cacheMiddleware(new ResponseCache(reader)));
  let renders = 0;
  app.get("/page", async (c) => {
    const n = ++renders;
    await gate;
    return c.text(`render ${n}`, status(n) as 200);
  });
  return { app, open, renders: () => renders, reader };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("cacheMiddleware with renders that await", () => {
  it("renders a page once for requests that arrive while it renders, and serves them all", async () => {
    const { app, open, renders, reader } = gatedApp(() => 200);
    const answers = Array.from({ length: 6 }, () => app.request("http://x/page"));
    await settle();
    expect(renders()).toBe(1);
    open();
    const got = await Promise.all(
      answers.map(async (r) => [(await r).status, await (await r).text()]),
    );
    expect(got).toEqual(Array.from({ length: 6 }, () => [200, "render 1"]));
    expect(renders()).toBe(1);
    reader.close();
  });

  it("lets each waiting request render its own when the render it waited for gave nothing to keep", async () => {
    const { app, open, renders, reader } = gatedApp((n) => (n === 1 ? 500 : 200));
    const answers = Array.from({ length: 4 }, () => app.request("http://x/page"));
    await settle();
    expect(renders()).toBe(1);
    open();
    const statuses = await Promise.all(answers.map(async (r) => (await r).status));
    expect(statuses).toEqual([500, 200, 200, 200]);
    expect(renders()).toBe(4);
    reader.close();
  });

  it("answers 499 to a waiting request whose client left, and the others as usual", async () => {
    const { app, open, renders, reader } = gatedApp(() => 200);
    const first = app.request("http://x/page");
    const leaving = new AbortController();
    const left = app.request(new Request("http://x/page", { signal: leaving.signal }));
    const stayed = app.request("http://x/page");
    await settle();
    leaving.abort();
    open();
    expect((await left).status).toBe(499);
    expect([(await first).status, (await stayed).status]).toEqual([200, 200]);
    expect(renders()).toBe(1);
    reader.close();
  });
});
