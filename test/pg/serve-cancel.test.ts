/**
 * `cablegram serve --db postgres://…` (the compiled CLI, a throwaway cluster) when answers take
 * too long. The test rebuilds the primary key index of `cables` in a transaction it keeps open
 * (REINDEX holds the index exclusively), so every statement on `cables` the server starts waits in
 * PostgreSQL, for real, until the test says otherwise. It waits where a slow search spends its
 * time, past parsing (which needs only the table): the planner opens every index of the table.
 * (A lock on the table itself would stop statements in parsing, where the client does not send a
 * cancel request but lets the description arrive first, then drops the statement unsent.)
 * - a client that leaves takes its statement with it: pg_stat_activity shows no backend of the
 *   server still waiting, none of the statements queued behind them is ever sent, and the next
 *   request is answered normally;
 * - a search waiting for a read another request started (the `word~` vocabulary) and that
 *   request's client left: the waiting one reads it anew and is answered;
 * - `--query-timeout` answers 503 with Retry-After, a problem and no stack trace;
 * - stopping the server (one process or --workers 2) with statements in flight writes no stack
 *   trace and leaves no backend behind.
 */
import { type ClientRequest, request } from "node:http";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPostgres } from "../../src/ingest/postgres.js";
import { openPostgres } from "../../src/store/postgres/connect.js";
import { ensureBuilt } from "../faults/harness.js";
import { FIXTURES } from "../server/fixture-server.js";
import { alive, get, type ServeProcess, startServe } from "../server/serve-process.js";
import { type PgCluster, postgresAvailable, startCluster } from "../support/pg-cluster.js";

const run = postgresAvailable("the PostgreSQL cancellation tests of serve");

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A GET the test can walk away from (`req.destroy()`), as a client that times out does. */
function open(url: string): { req: ClientRequest; answer: Promise<Answer> } {
  let req!: ClientRequest;
  const answer = new Promise<Answer>((resolve, reject) => {
    req = request(url, { agent: false }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => {
        body += c.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
  answer.catch(() => undefined);
  return { req, answer };
}

const STACK = /\n\s+at |CONNECTION_DESTROYED|Unhandled|uncaught/i;

describe.skipIf(!run)("serve on PostgreSQL: abandoned and overlong requests", () => {
  let cluster: PgCluster;
  let url: string;
  /** The test's own session, under another application_name than the server's. */
  let admin: postgres.Sql;
  const started: ServeProcess[] = [];

  beforeAll(async () => {
    await ensureBuilt();
    cluster = await startCluster();
    url = await cluster.createDatabase("archive");
    const pg = await openPostgres(url);
    try {
      await ingestPostgres(pg, [`${FIXTURES}/cables`], { workers: 0 });
    } finally {
      await pg.close();
    }
    admin = postgres(url, { max: 2, onnotice: () => {}, connection: { application_name: "test" } });
  }, 180_000);

  afterAll(async () => {
    for (const s of started)
      if (s.proc.pid && alive(s.proc.pid)) process.kill(-s.proc.pid, "SIGKILL");
    await admin?.end({ timeout: 1 });
    cluster?.stop();
  });

  const serve = async (args: string[]) => {
    const s = await startServe(["--db", url, ...args]);
    started.push(s);
    return s;
  };

  /** The server's backends: how many wait for a lock, how many sit in a transaction. */
  const serverBackends = async () => {
    const [row] = await admin<{ waiting: number; inTx: number; all: number }[]>`
      SELECT count(*) FILTER (WHERE wait_event_type = 'Lock')::int AS waiting,
             count(*) FILTER (WHERE state LIKE 'idle in transaction%')::int AS "inTx",
             count(*)::int AS all
        FROM pg_stat_activity WHERE application_name = 'cablegram' AND datname = 'archive'`;
    return row!;
  };

  const until = async (what: () => Promise<boolean>, ms = 20_000) => {
    const end = Date.now() + ms;
    while (!(await what())) {
      if (Date.now() > end)
        throw new Error(`timed out waiting: ${JSON.stringify(await serverBackends())}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  /**
   * Runs `f` while no statement on the index's table (`cables` by default) can be planned; the
   * lock goes when it returns.
   */
  const locked = async <T>(f: () => Promise<T>, index = "cables_pkey"): Promise<T> => {
    const session = await admin.reserve();
    try {
      await session`BEGIN`;
      await session`REINDEX INDEX ${session(index)}`;
      return await f();
    } finally {
      await session`ROLLBACK`;
      session.release();
    }
  };

  it("cancels the statements of clients that left, sends none of those queued, answers the next", async () => {
    const s = await serve(["--workers", "1"]);
    await locked(async () => {
      // Six searches for a pool of four connections: four wait for the lock, two for a connection.
      const clients = Array.from({ length: 6 }, (_, i) =>
        open(`${s.url}api/search?q=tripoli&limit=${i + 1}`),
      );
      await until(async () => (await serverBackends()).waiting === 4);
      for (const c of clients) c.req.destroy();
      await until(async () => (await serverBackends()).waiting === 0);
      // The two that waited for a connection were not sent when the first four let go of theirs.
      await new Promise((r) => setTimeout(r, 500));
      const now = await serverBackends();
      expect(now.waiting).toBe(0);
      // The searches' transactions rolled back: their connections went back to the pool clean.
      expect(now.inTx).toBe(0);
    });
    const next = await get(`${s.url}api/search?q=tripoli&limit=1`);
    expect(next.status).toBe(200);
    expect((JSON.parse(next.body) as { total: number }).total).toBeGreaterThan(0);
    // A cancelled answer was not cached as the page.
    const same = await get(`${s.url}api/search?q=tripoli&limit=3`);
    expect(same.status).toBe(200);
    expect(s.stderr()).not.toMatch(STACK);
    expect(s.stderr()).not.toMatch(/57014|canceling statement/);
    process.kill(s.proc.pid!, "SIGTERM");
    expect(await s.exited).toBe(0);
  }, 120_000);

  it("answers a search that waited for a read shared with a request whose client left", async () => {
    // The vocabulary of `word~` is read once per archive state, in the transaction of the first
    // search that needs it; a second search waits for that read.
    const s = await serve(["--workers", "1"]);
    const second = await locked(async () => {
      const first = open(`${s.url}api/search?q=tripoli~&limit=1`);
      await until(async () => (await serverBackends()).waiting === 1);
      const waiter = open(`${s.url}api/search?q=tripoli~&limit=2`);
      // Its transaction is open, and it waits for the first one's read, not for the lock.
      await until(async () => (await serverBackends()).inTx === 1);
      first.req.destroy();
      await new Promise((r) => setTimeout(r, 500));
      return waiter;
    }, "terms_pkey");
    const answer = await second.answer;
    expect(answer.status).toBe(200);
    expect((JSON.parse(answer.body) as { total: number }).total).toBeGreaterThan(0);
    expect(s.stderr()).not.toMatch(/57014|canceling statement/);
    process.kill(s.proc.pid!, "SIGTERM");
    expect(await s.exited).toBe(0);
  }, 120_000);

  it("answers 503 with Retry-After when a statement outlives --query-timeout", async () => {
    const s = await serve(["--workers", "1", "--query-timeout", "1"]);
    const [api, page] = await locked(() =>
      Promise.all([
        open(`${s.url}api/search?q=tripoli`).answer,
        open(`${s.url}search?q=libya`).answer,
      ]),
    );
    for (const a of [api, page]) {
      expect(a.status).toBe(503);
      expect(a.headers["retry-after"]).toBe("5");
    }
    expect(api.headers["content-type"]).toContain("application/problem+json");
    const problem = JSON.parse(api.body) as { type: string; detail: string };
    expect(problem.type).toBe("urn:cablegram:problem:query-timeout");
    expect(problem.detail).toMatch(/too long/);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(api.body + page.body).not.toContain(cluster.password);
    // The lock gone, the same search is answered.
    expect((await get(`${s.url}api/search?q=tripoli`)).status).toBe(200);
    // One line per timeout for the operator, without a stack or the password.
    expect(s.stderr()).toMatch(/statement timeout/);
    expect(s.stderr()).not.toMatch(STACK);
    expect(s.stderr()).not.toContain(cluster.password);
    process.kill(s.proc.pid!, "SIGTERM");
    expect(await s.exited).toBe(0);
  }, 120_000);

  it("refuses --query-timeout for a SQLite archive, whose searches cannot be cut", async () => {
    const refused = await startServe(["--db", ":memory:", "--query-timeout", "5"]).catch(
      (e: Error) => e,
    );
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toMatch(/--query-timeout limits statements on PostgreSQL/);
  }, 60_000);

  for (const workers of ["1", "2"]) {
    it(`stops with statements in flight (--workers ${workers}) without a stack trace`, async () => {
      const s = await serve(["--workers", workers]);
      await locked(async () => {
        const clients = Array.from({ length: 6 }, (_, i) =>
          open(`${s.url}api/search?q=qadhafi&limit=${i + 1}`),
        );
        await until(async () => (await serverBackends()).waiting >= 4);
        process.kill(s.proc.pid!, "SIGTERM");
        expect(await s.exited).toBe(0);
        await Promise.allSettled(clients.map((c) => c.answer));
        // Its connections ended with it, the lock still held: nothing of it waits on.
        await until(async () => (await serverBackends()).all === 0);
      });
      expect(s.stderr()).not.toMatch(STACK);
      expect(s.stderr()).not.toMatch(/57014|canceling statement/);
    }, 120_000);
  }
});
