/**
 * Starting the server: first run ingests the seed into a new archive, public mode is read-only
 * and never creates an archive, and `cablegram serve` checks its options.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { serveCommand } from "../../src/cli/serve.js";
import { isLoopback, startServer } from "../../src/server/start.js";
import { buildFixtureArchive, FIXTURES } from "./fixture-server.js";

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "cablegram-start-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("startServer", () => {
  it("ingests the seed on first run, then serves it on the address it prints", async () => {
    const db = join(tempDir(), "new.db");
    const lines: string[] = [];
    const server = await startServer({
      db,
      port: 0,
      host: "127.0.0.1",
      seed: [join(FIXTURES, "cables")],
      log: (l) => lines.push(l),
    });
    try {
      expect(existsSync(db)).toBe(true);
      expect(server.seeded?.new).toBe(11);
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(lines.join("\n")).toMatch(/first run/);
      const stats = (await (await fetch(`${server.url}api/stats`)).json()) as { cables: number };
      expect(stats.cables).toBe(11);
    } finally {
      await server.close();
    }
    // A second start finds the archive and ingests nothing.
    const again = await startServer({ db, port: 0, host: "127.0.0.1", log: () => {} });
    expect(again.seeded).toBeNull();
    await again.close();
  });

  it("opens the archive read-only in public mode and never creates one", async () => {
    const dir = tempDir();
    await expect(
      startServer({
        db: join(dir, "none.db"),
        port: 0,
        host: "127.0.0.1",
        public: true,
        log: () => {},
      }),
    ).rejects.toThrow(/public mode never creates/);
    expect(existsSync(join(dir, "none.db"))).toBe(false);

    const db = join(dir, "archive.db");
    await buildFixtureArchive(db);
    const server = await startServer({
      db,
      port: 0,
      host: "127.0.0.1",
      public: true,
      log: () => {},
    });
    try {
      expect(server.db!.readonly).toBe(true);
      expect(() => server.db!.prepare("DELETE FROM cables").run()).toThrow(/readonly/);
      expect((await fetch(`${server.url}cables/08TRIPOLI227`)).status).toBe(200);
      expect((await fetch(`${server.url}api/export?q=&format=csv`)).status).toBe(200);
      expect((await fetch(`${server.url}api/search`, { method: "POST" })).status).toBe(405);
    } finally {
      await server.close();
    }
  });

  it("knows loopback addresses", () => {
    expect(isLoopback("127.0.0.1")).toBe(true);
    expect(isLoopback("::1")).toBe(true);
    expect(isLoopback("0.0.0.0")).toBe(false);
    expect(isLoopback("192.168.1.10")).toBe(false);
  });
});

describe("cablegram serve", () => {
  it("refuses bad options before starting anything", async () => {
    const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(await serveCommand.main(["--port", "http"])).toBe(2);
    expect(await serveCommand.main(["--port", "70000"])).toBe(2);
    expect(await serveCommand.main(["--cache-mb", "lots"])).toBe(2);
    expect(await serveCommand.main(["--bogus"])).toBe(2);
    expect(await serveCommand.main(["--help"])).toBe(0);
    expect(String(out.mock.calls[0]?.[0])).toMatch(/^usage: cablegram serve/);
    expect(String(err.mock.calls[0]?.[0])).toMatch(/--port takes a whole number from 0 to 65535/);
  });
});
