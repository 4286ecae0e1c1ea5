import type { MessagePort } from "node:worker_threads";
import { type Db, openArchive } from "./db.js";
import { applyMentionWrites, type MentionWrites } from "./entities-mention-writes.js";
import { Batches } from "./entities-walk.js";

/**
 * The worker of entities-write-thread.ts: one request, the placements of a full run, written on a
 * connection of its own in committed batches as the calling thread would, then one answer.
 */

interface Request {
  path: string;
  writes: MentionWrites;
  writesPerTransaction?: number;
}

function write({ path, writes, writesPerTransaction }: Request): number {
  let db: Db | null = null;
  try {
    db = openArchive(path);
    // As the calling connection during a full run (entities-resolve.ts, `unmapped`): pages read
    // stay in the kernel's cache, not in this process.
    db.pragma("mmap_size = 0");
    // Its writes walk the table once, in order, and its index build spills to files: a cache of
    // the archive's 64 MB beside the calling connection's added as much to the peak memory and
    // built mentions_entity no faster (1.2 M mentions: 1.5 s CPU with 16 MB, 1.9–2.5 s with 64).
    db.pragma("cache_size = -16384");
    const batches = new Batches(db, writesPerTransaction);
    try {
      const written = applyMentionWrites(db, writes, batches);
      batches.commit();
      return written;
    } catch (err) {
      batches.rollback();
      throw err;
    }
  } finally {
    db?.close();
  }
}

export function serve(port: MessagePort, state: Int32Array): void {
  port.once("message", (request: Request) => {
    try {
      port.postMessage({ written: write(request) });
    } catch (err) {
      port.postMessage({ error: err instanceof Error ? err.message : String(err) });
    } finally {
      Atomics.store(state, 0, 1);
      Atomics.notify(state, 0);
      port.close();
    }
  });
}
