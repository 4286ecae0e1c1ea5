import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CHECK_EVERY_MS, ResponseCache } from "../../src/server/cache.js";
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
