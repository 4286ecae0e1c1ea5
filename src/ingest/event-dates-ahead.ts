import { Worker } from "node:worker_threads";
import type { Db } from "../store/db.js";
import {
  type EventDatePage,
  markEventDatesBuilt,
  refreshEventDates,
  staleEventDates,
  writeEventDatePage,
} from "../store/event-dates.js";
import { workerEntry } from "./pool.js";

/**
 * The dates the new cables' paragraphs report, read on a thread of their own while the ingest's
 * connection resolves entities and builds their summaries. Those steps run on one core and leave
 * the parse workers' core idle, and reading the dates (every paragraph of every new cable through
 * a dozen date patterns: 5 s at 50,000 cables) needs nothing they write: only the cables, their
 * versions and paragraphs, which are final once the last record is stored. The thread only reads
 * (its own read-only connection; WAL lets it read beside the writer); the ingest's connection
 * stores what it read, so there is still one writer.
 */

export type AheadMessage = { page: EventDatePage } | { done: true } | { error: string };

export interface EventDatesAhead {
  /** Stores the dates read (reading them here if the thread failed); returns the cables read. */
  store(db: Db): Promise<number>;
}

/** Starts reading, or null when there is nothing to read or no file another thread can open. */
export function readEventDatesAhead(db: Db): EventDatesAhead | null {
  if (db.memory || db.readonly) return null;
  const range = staleEventDates(db);
  if (!range) return null;
  const pages: EventDatePage[] = [];
  const entry = workerEntry("event-dates-worker");
  const worker = new Worker(entry.source, {
    eval: entry.eval,
    workerData: { path: db.name, range },
  });
  const read = new Promise<boolean>((resolve) => {
    worker.on("message", (m: AheadMessage) => {
      if ("page" in m) pages.push(m.page);
      else resolve("done" in m);
    });
    worker.on("error", () => resolve(false));
    worker.on("exit", () => resolve(false));
  });
  return {
    async store(target) {
      const complete = await read;
      await worker.terminate();
      // A thread that failed (it should not) costs time, not dates: read them here instead.
      if (!complete) return refreshEventDates(target);
      let n = 0;
      for (const page of pages) {
        writeEventDatePage(target, page);
        n += page.cables.length;
      }
      markEventDatesBuilt(target, range);
      // Anything stored since the thread started (nothing, within one ingest) is read here.
      return n + refreshEventDates(target);
    },
  };
}
