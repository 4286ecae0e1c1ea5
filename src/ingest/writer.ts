import type { Db } from "../store/db.js";
import { startMentionLoad } from "../store/entities-write.js";
import { type WriteOutcome, writeCable } from "../store/write.js";
import { type Prepared, type PreparedCable, type Rejection, storeRejection } from "./prepare.js";

/**
 * The one writer: a batch of prepared records is one transaction, so a crash at any moment loses
 * at most the batch in flight and leaves every committed batch whole.
 *
 * A cable the archive refuses (a constraint the parser broke) must be rejected alone, without
 * half of its rows left behind. Savepoints per cable would do it, but FTS5 flushes its pending
 * index to disk at every savepoint, which makes a bulk load many times slower. So the batch is
 * written plainly; if a cable fails, the whole transaction rolls back and the batch is written
 * again one cable per transaction, rejecting only the ones that fail. Failures of the archive
 * itself (disk full, I/O error) are not a record's fault: they stop the ingest.
 */

export type BatchOutcome = { kind: "stored"; outcome: WriteOutcome } | Rejection;

function store(db: Db, p: PreparedCable, ingestedAt: string): WriteOutcome {
  return writeCable(db, p.cable, {
    textHash: p.textHash,
    contentHash: p.contentHash,
    slimJson: p.slimJson,
    sourceId: p.sourceId,
    ingestedAt,
  });
}

/** Errors that one record's data can cause; anything else is the archive's own trouble. */
function isRecordError(err: unknown): boolean {
  if (err instanceof TypeError || err instanceof RangeError) return true;
  const code = (err as { code?: unknown }).code;
  return (
    typeof code === "string" && (code.startsWith("SQLITE_CONSTRAINT") || code === "SQLITE_TOOBIG")
  );
}

export function batchWriter(db: Db): (batch: readonly Prepared[]) => BatchOutcome[] {
  // A first load writes mentions without the indexes only resolution reads (built after it).
  startMentionLoad(db);
  const writeAll = db.transaction((batch: readonly Prepared[], ingestedAt: string) =>
    batch.map(
      (p): BatchOutcome =>
        p.kind === "rejected" ? p : { kind: "stored", outcome: store(db, p, ingestedAt) },
    ),
  );
  const writeOne = db.transaction((p: PreparedCable, ingestedAt: string) =>
    store(db, p, ingestedAt),
  );

  const oneByOne = (batch: readonly Prepared[], ingestedAt: string): BatchOutcome[] =>
    batch.map((p) => {
      if (p.kind === "rejected") return p;
      try {
        return { kind: "stored", outcome: writeOne.immediate(p, ingestedAt) };
      } catch (err) {
        if (!isRecordError(err)) throw err;
        return storeRejection(p, err);
      }
    });

  return (batch) => {
    const ingestedAt = new Date().toISOString();
    try {
      // IMMEDIATE: the write lock is taken at BEGIN, where a busy archive waits (busy timeout). A
      // deferred batch reads first and upgrades later, and the upgrade fails at once (no wait,
      // SQLITE_BUSY) if another connection took the lock or wrote in between. Seen once under
      // load: the first of two concurrent ingests stopped "locked by another process".
      return writeAll.immediate(batch, ingestedAt);
    } catch (err) {
      if (!isRecordError(err)) throw err;
      return oneByOne(batch, ingestedAt);
    }
  };
}
