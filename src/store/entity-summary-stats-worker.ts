/**
 * The worker thread of entity-summary-parallel.ts: counts the aggregates of a full build and
 * writes them, in entity_stats' key order, to a scratch database of its own (the archive has one
 * writer, the main thread). Reports through shared memory: the main thread waits on it
 * synchronously (Atomics.wait), with no event loop to hear a message on.
 */
import { workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { Batches, BulkInsert } from "./entities-walk.js";
import { countStats, STATS_COLUMNS, type StatsJob } from "./entity-summary-stats-input.js";

const { input, path, state, port } = workerData as StatsJob;
try {
  const db = new Database(path);
  // Scratch: made again from nothing if anything goes wrong, so neither journal nor syncs.
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  // `n` keeps the key order the rows come in, for the copy in bounded chunks.
  db.exec(`CREATE TABLE s (n INTEGER PRIMARY KEY, ${STATS_COLUMNS.join(", ")})`);
  const batches = new Batches(db, Number.POSITIVE_INFINITY);
  const insert = new BulkInsert(db, `s (${STATS_COLUMNS.join(", ")})`, 9, batches);
  state[1] = countStats(input, (row) => insert.add(row));
  insert.flush();
  batches.commit();
  db.close();
  Atomics.store(state, 0, 1);
} catch (err) {
  port.postMessage(err instanceof Error ? (err.stack ?? err.message) : String(err));
  Atomics.store(state, 0, 2);
}
Atomics.notify(state, 0);
