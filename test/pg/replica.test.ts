/**
 * `--db-read URL`: a primary and a streaming replica, both real servers on loopback (the replica
 * made by `pg_basebackup -R` from the primary's cluster). Ingest writes to the primary; `stats`,
 * `search`, `show` and `export` with `--db-read` answer from the replica — the replica says so
 * (`pg_is_in_recovery()` in `stats --json`), and they answer even when `--db` names the primary
 * with a wrong password, so the primary is never asked — and the replica's answers catch up after
 * the next ingest into the primary. The archive opener's `readUrl` (what `serve` uses) sends reads
 * to the replica and ingest to the primary the same way; `serve --db-read` answers from the replica,
 * catches up after an ingest, and goes on answering once the primary is stopped.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgresArchive } from "../../src/archive/archive.js";
import { startServer } from "../../src/server/start.js";
import { ensureBuilt } from "../faults/harness.js";
import { type PgCluster, postgresAvailable, startCluster } from "../support/pg-cluster.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const BIN = join(ROOT, "bin/cablegram");
const MIRROR = join(ROOT, "data/sample/mirror");
const run = postgresAvailable("the streaming replica test");

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, CABLEGRAM_DB: "", CABLEGRAM_DB_READ: "", ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Polls until `done` holds of what `ask` answers, or fails after `ms`; returns the time it took. */
async function until<T>(ask: () => T | Promise<T>, done: (v: T) => boolean, ms = 60_000) {
  const start = Date.now();
  let last: T = await ask();
  while (!done(last)) {
    if (Date.now() - start > ms)
      throw new Error(`not caught up after ${ms} ms: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await ask();
  }
  return { value: last, ms: Date.now() - start };
}

describe.skipIf(!run)("reads from a streaming replica (--db-read)", () => {
  let primary: PgCluster;
  let replica: PgCluster;
  let dir: string;
  let url: string;
  let replicaUrl: string;
  const names = readdirSync(MIRROR).sort();
  const first = names.slice(0, 20);
  const second = names.slice(20, 45);
  const third = names.slice(45, 60);

  beforeAll(async () => {
    await ensureBuilt();
    primary = await startCluster();
    url = await primary.createDatabase("archive");
    replica = await primary.startReplica();
    replicaUrl = replica.url("archive");
    dir = mkdtempSync(join(tmpdir(), "cg-replica-"));
    for (const [folder, list] of [
      ["a", first],
      ["b", second],
      ["c", third],
    ] as const) {
      for (const n of list) cpSync(join(MIRROR, n), join(dir, folder, n));
    }
  }, 300_000);

  afterAll(() => {
    replica?.stop();
    primary?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("answers from the replica, not the primary", async () => {
    const ingest = cli(["ingest", join(dir, "a"), "--db", url, "--workers", "0"]);
    expect(ingest.code, ingest.err).toBe(0);
    const stats = (db: string[]) => JSON.parse(cli(["stats", "--json", ...db]).out || "{}");
    const { value: fromReplica } = await until(
      () => stats(["--db-read", replicaUrl]),
      (s) => s.cables === first.length,
    );
    expect(fromReplica.server).toMatchObject({
      backend: "postgres",
      address: `127.0.0.1:${replica.port}`,
      database: "archive",
      replica: true,
    });
    expect(stats(["--db", url]).server).toMatchObject({
      address: `127.0.0.1:${primary.port}`,
      replica: false,
    });
    // The primary named with a wrong password: any read that went there would fail.
    const unusable = primary.url("archive", "wrong-password-1");
    const human = cli(["stats", "--db", unusable, "--db-read", replicaUrl]);
    expect(human.out).toMatch(/a streaming replica \(read-only\)/);
    const search = cli(["search", "the", "--json", "--db", unusable, "--db-read", replicaUrl]);
    expect(search.code, search.err).toBe(0);
    expect(JSON.parse(search.out).total).toBeGreaterThan(0);
    const id = JSON.parse(search.out).hits[0].referenceId;
    const show = cli(["show", id, "--json", "--db", unusable], { CABLEGRAM_DB_READ: replicaUrl });
    expect(show.code, show.err).toBe(0);
    expect(JSON.parse(show.out).referenceId).toBe(id);
    const exported = cli([
      "export",
      "",
      "--format",
      "jsonl",
      "--db",
      unusable,
      "--db-read",
      replicaUrl,
    ]);
    expect(exported.out.trim().split("\n")).toHaveLength(first.length);
    // A replica takes no writes: ingest must go to the primary.
    const refused = cli(["ingest", join(dir, "b"), "--db", replicaUrl, "--workers", "0"]);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/read-only transaction|recovery/);
    const shown = [human, search, show, exported, refused].flatMap((r) => [r.out, r.err]).join("");
    for (const secret of [primary.password, "wrong-password-1"])
      expect(shown).not.toContain(secret);
  });

  it("catches up after an ingest into the primary", async () => {
    // The opener serve uses: ingest to the primary, every read from the replica.
    const archive = await openPostgresArchive(url, { readUrl: replicaUrl });
    try {
      const before = await archive.stats();
      expect(before.cables).toBe(first.length);
      const report = await archive.ingest([join(dir, "b")], { workers: 0 });
      expect(report.new).toBe(second.length);
      const caught = await until(
        () => archive.stats(),
        (s) => s.cables === first.length + second.length,
      );
      process.stdout.write(`replica caught up ${caught.ms} ms after the ingest returned\n`);
      const cli2 = JSON.parse(cli(["stats", "--json", "--db-read", replicaUrl]).out);
      expect(cli2).toMatchObject({
        cables: first.length + second.length,
        server: { replica: true },
      });
    } finally {
      await archive.close();
    }
    const bad = cli(["search", "x", "--db-read", join(dir, "some.db")]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/--db-read .* takes a postgres:\/\/ URL/);
  });
  // Last: it stops the primary.
  it("serve --db-read answers from the replica, catches up, and outlives the primary", async () => {
    const server = await startServer({
      db: url,
      dbRead: replicaUrl,
      port: 0,
      host: "127.0.0.1",
      cache: false,
      log: () => {},
    });
    try {
      const cables = async () =>
        ((await statsOf(await fetch(new URL("/api/stats", server.url)))) as { cables: number })
          .cables;
      expect(await cables()).toBe(first.length + second.length);
      const ingest = cli(["ingest", join(dir, "c"), "--db", url, "--workers", "0"]);
      expect(ingest.code, ingest.err).toBe(0);
      const total = first.length + second.length + third.length;
      await until(cables, (n) => n === total);
      primary.stop();
      // Nothing of the primary is left to answer: these come from the replica.
      expect(await cables()).toBe(total);
      const res = await fetch(new URL("/api/search?q=the", server.url));
      expect(res.status).toBe(200);
      expect(((await res.json()) as { total: number }).total).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});

/** The answer's JSON; its status and start when it is not JSON (an error page says why). */
async function statsOf(res: Response): Promise<unknown> {
  const body = await res.text();
  try {
    return JSON.parse(body);
  } catch {
    throw new Error(`${res.status}: ${body.slice(0, 2000)}`);
  }
}
