import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterEach, describe, expect, it, vi } from "vitest";
import { postgresAvailable, resumeCluster, startCluster } from "./pg-cluster.js";

/** Tests that need PostgreSQL skip with a message on a machine without it, and fail in CI. */
describe("postgresAvailable", () => {
  const ci = process.env.CI;
  afterEach(() => {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
    vi.restoreAllMocks();
  });

  it("fails in CI when PostgreSQL is missing", () => {
    process.env.CI = "true";
    expect(() => postgresAvailable("the x tests", () => null)).toThrow(
      /the x tests needs PostgreSQL/,
    );
  });

  it("skips elsewhere, saying why", () => {
    delete process.env.CI;
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(postgresAvailable("the x tests", () => null)).toBe(false);
    expect(String(write.mock.calls[0]?.[0])).toMatch(
      /skipping the x tests: PostgreSQL is not installed/,
    );
  });

  it("runs when it is installed", () => {
    expect(postgresAvailable("the x tests", () => "/usr/lib/postgresql/15/bin")).toBe(true);
  });
});

/** The benchmarks keep a cluster on disk and start it again later (scripts/pg-cluster.ts). */
describe.runIf(postgresAvailable("the kept-cluster test"))("a kept cluster", () => {
  it("keeps its data, settings and credentials across a stop and a resume", async () => {
    const parent = mkdtempSync(join(tmpdir(), "cg-kept-"));
    // As root the server runs as `postgres`, which must be able to enter the folder.
    chmodSync(parent, 0o755);
    const dir = join(parent, "pg");
    try {
      const first = await startCluster({
        dir,
        keep: true,
        settings: { fsync: "on", work_mem: "48MB" },
      });
      const url = await first.createDatabase("kept");
      let sql = postgres(url, { max: 1, onnotice: () => {} });
      await sql`CREATE TABLE t AS SELECT 42 AS n`;
      expect((await sql`SHOW fsync`)[0]!.fsync).toBe("on");
      await sql.end();
      first.stop();
      expect(existsSync(join(dir, "data"))).toBe(true);

      const again = await resumeCluster(dir, { settings: { fsync: "on", work_mem: "48MB" } });
      try {
        sql = postgres(again.url("kept"), { max: 1, onnotice: () => {} });
        expect((await sql`SELECT n FROM t`)[0]!.n).toBe(42);
        expect((await sql`SHOW work_mem`)[0]!.work_mem).toBe("48MB");
        await sql.end();
      } finally {
        again.stop();
      }
      expect(existsSync(join(dir, "data"))).toBe(true);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  }, 120_000);

  it("is refused by resumeCluster when the folder holds none", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cg-nothing-"));
    try {
      await expect(resumeCluster(dir)).rejects.toThrow(/holds no kept cluster/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
