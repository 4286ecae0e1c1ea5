import { parentPort, workerData } from "node:worker_threads";
import { openArchive } from "../store/db.js";
import { type EventDateRange, readEventDatePages } from "../store/event-dates.js";
import { type AheadMessage, encodePage } from "./event-dates-ahead.js";

/**
 * Event-date reader entry (node:worker_threads): reads the dates of an archive's changed cables on
 * its own read-only connection and posts them a page at a time; the ingest's connection stores
 * them (src/ingest/event-dates-ahead.ts).
 */
const port = parentPort;
if (!port) throw new Error("event-dates-worker.js is a worker thread entry, not a program");
const { path, range } = workerData as { path: string; range: EventDateRange };
const post = (m: AheadMessage) =>
  port.postMessage(m, "page" in m ? [m.page.buffer as ArrayBuffer] : []);
try {
  const db = openArchive(path, { readonly: true });
  // Every paragraph is read once: through read(), not the memory map, whose touched pages would
  // stay in the process's resident memory (as resolution's full run reads), and with a small cache.
  db.pragma("mmap_size = 0");
  db.pragma("cache_size = -8192");
  try {
    for (const page of readEventDatePages(db, range)) post({ page: encodePage(page) });
  } finally {
    db.close();
  }
  post({ done: true });
} catch (err) {
  post({ error: err instanceof Error ? err.message : String(err) });
}
