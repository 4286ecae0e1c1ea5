import { existsSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { Db } from "./db.js";
import { type Batches, BulkInsert, WRITES_PER_TRANSACTION } from "./entities-walk.js";
import {
  CABLES_COLUMNS,
  cableRows,
  countStats,
  type PlacementRows,
  type RowsJob,
  STATS_COLUMNS,
} from "./entity-summary-rows.js";

/**
 * entity_cables and entity_stats of a full build from resolution's columns, written on both cores.
 * Alone, the step was one thread's work, most of it binding rows into SQLite a value at a time. A
 * worker thread writes every entity_stats row and the entity_cables rows of the last entities
 * (WORKER_CABLES) to a scratch database beside the archive, while this thread writes the first
 * entities' entity_cables rows, the packed lists and the co-mentions; the archive then copies the
 * worker's rows inside SQLite, in key order and bounded transactions: 0.6 s of CPU for the 1.26
 * million entity_stats rows at 50,000 cables, where binding them took 2 s. An archive in memory
 * has no place for the scratch file, and one core no second one: there this thread writes every
 * row, the same rows.
 */

/**
 * The share of entity_cables rows the worker writes: with all of entity_stats (about as many
 * rows, and their counting), it then ends about when this thread has written the rest and the
 * lists and co-mentions (measured at 50,000 cables).
 */
const WORKER_CABLES = 0.3;

export interface Pending {
  /** Waits for the worker, copies its rows in; returns the entities counted. */
  finish(batches: Batches): number;
  /** Stops the worker if still running and removes the scratch database. */
  dispose(): void;
}

const SCHEMA = "summary_rows";

/**
 * Writes entity_cables and entity_stats (emptied by the caller) from the rows, on a worker thread
 * where the archive is a file: this thread's share is written before it returns, the worker's when
 * `finish` is called (this thread can write other tables in between). Returns the pending copy or,
 * in memory, null with every row written.
 */
export function writeRows(
  db: Db,
  rows: PlacementRows,
  batches: Batches,
  worker = true,
): { entities: number } | Pending {
  const into = (cols: readonly string[], table: string) =>
    new BulkInsert(db, `${table} (${cols.join(", ")})`, cols.length, batches);
  // One core: a worker would only add its copy to the same core's work.
  if (!worker || db.memory || db.name === "" || availableParallelism() < 2) {
    const cables = into(CABLES_COLUMNS, "entity_cables");
    cableRows(rows, 0, rows.ids.length, (r) => cables.add(r));
    cables.flush();
    const stats = into(STATS_COLUMNS, "entity_stats");
    const entities = countStats(rows, (r) => stats.add(r));
    stats.flush();
    return { entities };
  }
  const cablesFrom = splitAt(rows, 1 - WORKER_CABLES);
  const pending = startWorker(db, rows, cablesFrom);
  try {
    const cables = into(CABLES_COLUMNS, "entity_cables");
    cableRows(rows, 0, cablesFrom, (r) => cables.add(r));
    cables.flush();
  } catch (err) {
    pending.dispose();
    throw err;
  }
  return pending;
}

/** The first entity whose rows start at `share` of all rows or later. */
function splitAt(rows: PlacementRows, share: number): number {
  const total = rows.starts[rows.ids.length]!;
  let e = 0;
  while (e < rows.ids.length && rows.starts[e]! < share * total) e++;
  return e;
}

/**
 * The worker's boot: compiled code beside this file, else the TypeScript source through tsx (tests
 * and scripts). A module that fails to load reports it as the worker itself would: the main thread
 * only watches the shared state.
 */
function boot(): string {
  const js = new URL("./entity-summary-worker.js", import.meta.url);
  let load = `import(${JSON.stringify(js.href)})`;
  if (!existsSync(fileURLToPath(js))) {
    const ts = new URL("./entity-summary-worker.ts", import.meta.url);
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

/** Starts the worker on its share of the rows (exported for the tests of its failures). */
export function startWorker(db: Db, rows: PlacementRows, cablesFrom: number): Pending {
  const path = `${db.name}-summary-rows`;
  rmSync(path, { force: true });
  const state = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  const job: RowsJob = { rows, cablesFrom, path, state, port: port2 };
  const worker = new Worker(boot(), { eval: true, workerData: job, transferList: [port2] });
  worker.unref();
  const dispose = () => {
    void worker.terminate();
    port1.close();
    rmSync(path, { force: true });
  };
  return {
    dispose,
    finish(batches) {
      try {
        while (Atomics.load(state, 0) === 0) Atomics.wait(state, 0, 0, 1000);
        if (Atomics.load(state, 0) !== 1) {
          const why = receiveMessageOnPort(port1)?.message ?? "the worker stopped";
          throw new Error(`entity summaries: the worker thread failed: ${why}`);
        }
        // Outside a transaction: SQLite attaches and detaches only there.
        batches.outside(() => db.exec(`ATTACH ${sqlString(path)} AS ${SCHEMA}`));
        try {
          // Read, not mapped as the archive is (an attached file takes its map's size): mapped,
          // every page copied stayed resident in this process (+100 MB at 50,000 cables).
          db.pragma(`${SCHEMA}.mmap_size = 0`);
          copy(db, "c", "entity_cables", CABLES_COLUMNS, batches);
          copy(db, "s", "entity_stats", STATS_COLUMNS, batches);
        } finally {
          batches.outside(() => db.exec(`DETACH ${SCHEMA}`));
        }
        return state[1]!;
      } finally {
        dispose();
      }
    },
  };
}

/** A scratch table appended to the archive's, in its order, a transaction's worth at a time. */
function copy(
  db: Db,
  from: string,
  to: string,
  columns: readonly string[],
  batches: Batches,
): void {
  const rows = db.prepare<[], number | null>(`SELECT max(n) FROM ${SCHEMA}.${from}`).pluck().get();
  const insert = db.prepare(
    `INSERT INTO ${to} (${columns.join(", ")})
     SELECT ${columns.join(", ")} FROM ${SCHEMA}.${from} WHERE n > ? AND n <= ? ORDER BY n`,
  );
  for (let n = 0; n < (rows ?? 0); n += WRITES_PER_TRANSACTION) {
    insert.run(n, n + WRITES_PER_TRANSACTION);
    batches.wrote(WRITES_PER_TRANSACTION);
  }
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
