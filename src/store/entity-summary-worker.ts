/**
 * The worker thread of entity-summary-parallel.ts: writes its share of a full build's rows — the
 * entity_cables rows of the last entities, and every entity_stats row — in each table's key order,
 * to a scratch database of its own (the archive has one writer, the main thread). Reports through
 * shared memory: the main thread waits on it synchronously (Atomics.wait), with no event loop to
 * hear a message on.
 */
import { workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { Batches, BulkInsert } from "./entities-walk.js";
import {
  CABLES_COLUMNS,
  cableRows,
  countStats,
  type RowsJob,
  STATS_COLUMNS,
} from "./entity-summary-rows.js";

const { rows, cablesFrom, path, state, port } = workerData as RowsJob;
try {
  const db = new Database(path);
  // Scratch: made again from nothing if anything goes wrong, so neither journal nor syncs.
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  // `n` keeps the key order the rows come in, for the copy in bounded chunks.
  db.exec(`CREATE TABLE c (n INTEGER PRIMARY KEY, ${CABLES_COLUMNS.join(", ")});
           CREATE TABLE s (n INTEGER PRIMARY KEY, ${STATS_COLUMNS.join(", ")});`);
  const batches = new Batches(db, Number.POSITIVE_INFINITY);
  const cables = new BulkInsert(db, `c (${CABLES_COLUMNS.join(", ")})`, 9, batches);
  cableRows(rows, cablesFrom, rows.ids.length, (row) => cables.add(row));
  cables.flush();
  const stats = new BulkInsert(db, `s (${STATS_COLUMNS.join(", ")})`, 9, batches);
  state[1] = countStats(rows, (row) => stats.add(row));
  stats.flush();
  batches.commit();
  db.close();
  Atomics.store(state, 0, 1);
} catch (err) {
  port.postMessage(err instanceof Error ? (err.stack ?? err.message) : String(err));
  Atomics.store(state, 0, 2);
}
Atomics.notify(state, 0);
