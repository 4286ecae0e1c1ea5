/**
 * src/store/postgres/cancel.ts on a real cluster: a statement started inside `cancelledBy` stops
 * when the signal aborts — running (a cancel request reaches the backend), inside a transaction
 * (which rolls back and hands its connection back clean), or still waiting for a connection
 * (never sent) — and statements outside any scope run as before.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelledBy, isCancelled } from "../../src/store/postgres/cancel.js";
import { openPostgres, type PgArchive } from "../../src/store/postgres/connect.js";
import { type PgCluster, postgresAvailable, startCluster } from "../support/pg-cluster.js";

const run = postgresAvailable("the PostgreSQL cancellation tests");

describe.skipIf(!run)("statements cancelled with their request", () => {
  let cluster: PgCluster;
  let pg: PgArchive;
  let watcher: PgArchive;

  beforeAll(async () => {
    cluster = await startCluster();
    const url = await cluster.createDatabase("cancel");
    pg = await openPostgres(url, { max: 2 });
    watcher = await openPostgres(url, { readonly: true, max: 1 });
  }, 120_000);

  afterAll(async () => {
    await pg?.close();
    await watcher?.close();
    cluster?.stop();
  });

  /** The pool's backends other than the watcher's, by what they are doing. */
  const backends = async () =>
    watcher.sql<{ state: string; query: string }[]>`
      SELECT state, query FROM pg_stat_activity
       WHERE application_name = 'cablegram' AND pid <> pg_backend_pid() AND datname = 'cancel'`;

  const sleeping = async () =>
    (await backends()).filter((b) => b.state === "active" && b.query.includes("pg_sleep")).length;

  const until = async (what: () => Promise<boolean>, ms = 10_000) => {
    const end = Date.now() + ms;
    while (!(await what())) {
      if (Date.now() > end) throw new Error("timed out waiting");
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  it("cancels a running statement and one inside a transaction, leaving the pool clean", async () => {
    const ac = new AbortController();
    const started = Date.now();
    const outcome = cancelledBy(ac.signal, () =>
      Promise.allSettled([
        pg.sql`SELECT pg_sleep(60)`,
        pg.sql.begin("READ ONLY", async (tx) => {
          await tx`SET LOCAL jit = off`;
          await tx`SELECT pg_sleep(60)`;
        }),
      ]),
    );
    await until(async () => (await sleeping()) === 2);
    ac.abort();
    const [plain, inTx] = await outcome;
    expect(Date.now() - started).toBeLessThan(30_000);
    for (const r of [plain, inTx]) {
      expect(r.status).toBe("rejected");
      expect(isCancelled((r as PromiseRejectedResult).reason)).toBe(true);
    }
    await until(async () => (await sleeping()) === 0);
    // The transaction rolled back: no backend is left idle in an (aborted) transaction, and both
    // connections answer the next statements.
    expect((await backends()).filter((b) => b.state.includes("transaction"))).toEqual([]);
    const rows = await Promise.all([pg.sql`SELECT 1 AS one`, pg.sql`SELECT 2 AS two`]);
    expect(rows.map((r) => Object.values(r[0]!)[0])).toEqual([1, 2]);
  }, 60_000);

  it("never sends a statement still waiting for a connection", async () => {
    const ac = new AbortController();
    // Two connections: the third and fourth statements wait in the client for one.
    const outcome = cancelledBy(ac.signal, () =>
      Promise.allSettled(Array.from({ length: 4 }, () => pg.sql`SELECT pg_sleep(60)`)),
    );
    await until(async () => (await sleeping()) === 2);
    ac.abort();
    const settled = await outcome;
    expect(settled.every((r) => r.status === "rejected" && isCancelled(r.reason))).toBe(true);
    // Had the waiting two been sent once the first two were cancelled, they would sleep now.
    await new Promise((r) => setTimeout(r, 300));
    expect(await sleeping()).toBe(0);
  }, 60_000);

  it("leaves statements outside a scope, and scopes whose signal never fires, alone", async () => {
    const ac = new AbortController();
    const inside = await cancelledBy(ac.signal, async () => pg.sql`SELECT pg_sleep(0.05), 1 AS n`);
    ac.abort();
    expect(inside[0]!.n).toBe(1);
    // The abort came after the statement finished, and touches none started afterwards.
    const [after] = await pg.sql`SELECT 2 AS n`;
    expect(after!.n).toBe(2);
  });

  it("refuses at once what a scope starts after its signal aborted", async () => {
    const ac = new AbortController();
    ac.abort();
    const err = await cancelledBy(ac.signal, () => pg.sql`SELECT pg_sleep(60)`).catch((e) => e);
    expect(isCancelled(err)).toBe(true);
    expect(await sleeping()).toBe(0);
  });
});
