import { existsSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { Db } from "./db.js";
import { type Batches, WRITES_PER_TRANSACTION } from "./entities-walk.js";
import { STATS_COLUMNS, type StatsInput, type StatsJob } from "./entity-summary-stats-input.js";

/**
 * entity_stats of a full build from resolution's columns, counted and written on the second core.
 * The step is otherwise one thread's work, most of it binding rows into SQLite one value at a
 * time, and entity_stats is half the rows. A worker thread writes them to a scratch database
 * beside the archive while this thread writes entity_cables, the packed lists and the
 * co-mentions; the archive then copies them inside SQLite, in key order and bounded transactions
 * (0.6 s of CPU for 1.26 million rows at 50,000 cables, where binding them took 2 s). An archive
 * in memory has no place for the scratch file: there this thread writes the same rows itself.
 */

export interface PendingStats {
  /** Waits for the worker, copies its rows into entity_stats; returns the entities counted. */
  finish(batches: Batches): number;
  /** Stops the worker if still running and removes the scratch database. */
  dispose(): void;
}

const SCHEMA = "summary_stats";

/**
 * The worker's boot: compiled code beside this file, else the TypeScript source through tsx (tests
 * and scripts). A module that fails to load reports it as the worker itself would: the main thread
 * only watches the shared state.
 */
function boot(): string {
  const js = new URL("./entity-summary-stats-worker.js", import.meta.url);
  let load = `import(${JSON.stringify(js.href)})`;
  if (!existsSync(fileURLToPath(js))) {
    const ts = new URL("./entity-summary-stats-worker.ts", import.meta.url);
    const meta = import.meta as ImportMeta & { resolve?: (s: string) => string };
    const tsx = typeof meta.resolve === "function" ? meta.resolve("tsx/esm/api") : "tsx/esm/api";
    load = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(ts.href)}); })`;
  }
  return `const { workerData: w } = require("node:worker_threads");
    ${load}.catch((err) => {
      w.port.postMessage(String((err && err.stack) || err));
      Atomics.store(w.state, 0, 2);
      Atomics.notify(w.state, 0);
    });`;
}

/** Starts the count on a worker thread; null for an archive in memory (no file beside it). */
export function startStats(db: Db, input: StatsInput): PendingStats | null {
  if (db.memory || db.name === "") return null;
  const path = `${db.name}-summary-stats`;
  rmSync(path, { force: true });
  const state = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  const job: StatsJob = { input, path, state, port: port2 };
  const worker = new Worker(boot(), { eval: true, workerData: job, transferList: [port2] });
  worker.unref();
  return {
    dispose() {
      void worker.terminate();
      port1.close();
      rmSync(path, { force: true });
    },
    finish(batches) {
      while (Atomics.load(state, 0) === 0) Atomics.wait(state, 0, 0, 1000);
      if (Atomics.load(state, 0) !== 1) {
        const why = receiveMessageOnPort(port1)?.message ?? "the worker stopped";
        throw new Error(`entity summaries: counting the aggregates failed: ${why}`);
      }
      // Outside a transaction: SQLite attaches and detaches only there.
      batches.outside(() => db.exec(`ATTACH ${sqlString(path)} AS ${SCHEMA}`));
      try {
        const rows = db.prepare<[], number | null>(`SELECT max(n) FROM ${SCHEMA}.s`).pluck().get();
        const copy = db.prepare(
          `INSERT INTO entity_stats (${STATS_COLUMNS.join(", ")})
           SELECT ${STATS_COLUMNS.join(", ")} FROM ${SCHEMA}.s WHERE n > ? AND n <= ? ORDER BY n`,
        );
        for (let from = 0; from < (rows ?? 0); from += WRITES_PER_TRANSACTION) {
          copy.run(from, from + WRITES_PER_TRANSACTION);
          batches.wrote(WRITES_PER_TRANSACTION);
        }
      } finally {
        batches.outside(() => db.exec(`DETACH ${SCHEMA}`));
      }
      return state[1]!;
    },
  };
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
