/**
 * `cablegram serve --db postgres://…` as it runs for real (the compiled CLI, a throwaway cluster):
 * two worker processes answer on one port from the same database, an ingest beside them shows in
 * their answers (the response cache follows the archive's version), and the URL's password
 * appears in no line, page or problem — not when the password is wrong, not when the database is
 * down, not when it goes away under a running server.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPostgres } from "../../src/ingest/postgres.js";
import { openPostgres } from "../../src/store/postgres/connect.js";
import { ensureBuilt } from "../faults/harness.js";
import { FIXTURES } from "../server/fixture-server.js";
import {
  alive,
  childrenOf,
  get,
  type ServeProcess,
  startServe,
  waitFor,
} from "../server/serve-process.js";
import { type PgCluster, postgresAvailable, startCluster } from "../support/pg-cluster.js";

const run = postgresAvailable("the PostgreSQL server tests");

async function ingestInto(url: string, input: string): Promise<void> {
  const pg = await openPostgres(url);
  try {
    const report = await ingestPostgres(pg, [join(FIXTURES, input)], { workers: 0 });
    expect(report.rejected).toBe(0);
  } finally {
    await pg.close();
  }
}

describe.skipIf(!run)("serve on PostgreSQL", () => {
  let cluster: PgCluster;
  let url: string;
  const started: ServeProcess[] = [];

  const serve = async (args: string[]) => {
    const s = await startServe(args);
    started.push(s);
    return s;
  };

  /** What must never show: the password, in any spelling the URL may carry it. */
  const leaks = (text: string) =>
    text.includes(cluster.password) || text.includes(encodeURIComponent(cluster.password));

  beforeAll(async () => {
    await ensureBuilt();
    cluster = await startCluster();
    url = await cluster.createDatabase("archive");
    await ingestInto(url, "cables");
  }, 180_000);

  afterAll(() => {
    for (const s of started)
      if (s.proc.pid && alive(s.proc.pid)) process.kill(-s.proc.pid, "SIGKILL");
    cluster?.stop();
  });

  it("answers from two workers, follows an ingest beside them, and never shows the password", async () => {
    // The URL in the environment, as docs/server-mode.md advises: then no command line has it.
    process.env.CABLEGRAM_DB = url;
    let s: ServeProcess;
    try {
      s = await serve(["--workers", "2"]);
    } finally {
      delete process.env.CABLEGRAM_DB;
    }
    expect(s.stdout()).toMatch(/with 2 worker processes/);
    expect(s.stdout()).toContain(`postgres://${cluster.user}:***@127.0.0.1:${cluster.port}/`);
    const workers = childrenOf(s.proc.pid!);
    expect(workers).toHaveLength(2);
    for (const pid of [s.proc.pid!, ...workers]) {
      expect(leaks(readFileSync(`/proc/${pid}/cmdline`, "utf8"))).toBe(false);
    }

    const answers = await Promise.all(
      Array.from({ length: 8 }, () => get(`${s.url}api/search?q=tripoli&limit=50`)),
    );
    const totals = answers.map((a) => {
      expect(a.status).toBe(200);
      return (JSON.parse(a.body) as { total: number }).total;
    });
    expect(new Set(totals).size).toBe(1);
    expect(totals[0]).toBeGreaterThan(0);
    for (const path of ["", "search?q=qadhafi", "cables/08TRIPOLI227", "browse", "tags"]) {
      const page = await get(`${s.url}${path}`);
      expect(page.status, path).toBe(200);
      expect(leaks(page.body), path).toBe(false);
    }
    const stats = async () =>
      JSON.parse((await get(`${s.url}api/stats`)).body) as { versions: number };
    const before = (await stats()).versions;
    // The second version of 08TRIPOLI564, written while both workers answer from their caches.
    await ingestInto(url, "updates");
    // Both workers (fresh connections alternate between them) come to answer the new count.
    let inARow = 0;
    const end = Date.now() + 10_000;
    while (inARow < 4 && Date.now() < end) {
      inARow = (await stats()).versions === before + 1 ? inARow + 1 : 0;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(inARow).toBe(4);

    process.kill(s.proc.pid!, "SIGTERM");
    expect(await s.exited).toBe(0);
    expect(leaks(s.stdout() + s.stderr())).toBe(false);
  }, 180_000);

  it("names the archive without its password when the password is wrong or nothing answers", async () => {
    const wrong = cluster.url("archive", "not-the-pw-4711");
    const refused = await startServe(["--db", wrong, "--workers", "1"]).catch((e: Error) => e);
    expect(refused).toBeInstanceOf(Error);
    const message = (refused as Error).message;
    expect(message).toContain(`postgres://${cluster.user}:***@127.0.0.1:${cluster.port}/archive`);
    expect(message).toMatch(/password authentication failed/);
    expect(message).not.toContain("not-the-pw-4711");

    // Port 1: nothing listens there, so the connection is refused at once.
    const down = `postgres://${cluster.user}:${cluster.password}@127.0.0.1:1/archive`;
    const unreachable = await startServe(["--db", down, "--workers", "2"]).catch((e: Error) => e);
    expect(unreachable).toBeInstanceOf(Error);
    expect((unreachable as Error).message).toContain(`postgres://${cluster.user}:***@127.0.0.1:1/`);
    expect(leaks((unreachable as Error).message)).toBe(false);
  }, 120_000);

  it("refuses public mode through a role that may write", async () => {
    const r = await startServe(["--db", url, "--public", "--workers", "1"]).catch((e: Error) => e);
    expect(r).toBeInstanceOf(Error);
    expect((r as Error).message).toMatch(
      /the role cablegram_test is a superuser; a public reader must connect with a read-only role/,
    );
    expect(leaks((r as Error).message)).toBe(false);
  }, 60_000);

  it("answers a 5xx problem without the URL when the database goes away under it", async () => {
    const own = await startCluster();
    try {
      const db = await own.createDatabase("archive");
      await ingestInto(db, "cables");
      const s = await serve(["--db", db, "--workers", "1", "--cache-mb", "0"]);
      expect((await get(`${s.url}api/search?q=tripoli`)).status).toBe(200);
      own.stop();
      for (const path of ["api/search?q=tripoli", "search?q=cairo", "cables/08TRIPOLI227"]) {
        const r = await get(`${s.url}${path}`);
        expect(r.status, path).toBe(500);
        expect(r.body).toContain("did not answer");
        expect(r.body).not.toContain(own.password);
        expect(r.body).not.toContain(`127.0.0.1:${own.port}`);
      }
      await waitFor(() => s.stderr().includes("***@"), 10_000);
      expect(s.stderr()).not.toContain(own.password);
      process.kill(s.proc.pid!, "SIGTERM");
      await s.exited;
    } finally {
      own.stop();
    }
  }, 180_000);
});
