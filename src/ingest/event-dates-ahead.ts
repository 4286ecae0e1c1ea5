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

/**
 * A page travels as its JSON in UTF-8, the buffer moved to the ingest's thread, not copied. The
 * pages wait there until the entity steps end: the 824,293 dates of 251,287 cables held 190 MB of
 * heap as objects, 40 MB as bytes (measured on the benchmark's archive), and the ingest's peak
 * memory comes after them.
 */
export type AheadMessage = { page: Uint8Array } | { done: true } | { error: string };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodePage(page: EventDatePage): Uint8Array {
  return encoder.encode(JSON.stringify(page));
}

function decodePage(bytes: Uint8Array): EventDatePage {
  return JSON.parse(decoder.decode(bytes)) as EventDatePage;
}

export interface EventDatesAhead {
  /** Stores the dates read (reading them here if the thread failed); returns the cables read. */
  store(db: Db): Promise<number>;
}

const EMPTY = new Uint8Array(0);

/** Starts reading, or null when there is nothing to read or no file another thread can open. */
export function readEventDatesAhead(db: Db): EventDatesAhead | null {
  if (db.memory || db.readonly) return null;
  const range = staleEventDates(db);
  if (!range) return null;
  const pages: Uint8Array[] = [];
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
      for (let i = 0; i < pages.length; i++) {
        const page = decodePage(pages[i]!);
        // Each page's bytes go once it is stored.
        pages[i] = EMPTY;
        writeEventDatePage(target, page);
        n += page.cables.length;
      }
      markEventDatesBuilt(target, range);
      // Anything stored since the thread started (nothing, within one ingest) is read here.
      return n + refreshEventDates(target);
    },
  };
}
