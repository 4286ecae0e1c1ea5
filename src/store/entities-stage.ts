import { availableParallelism } from "node:os";
import type { Db } from "./db.js";
import { type Batches, chunks } from "./entities-walk.js";

/**
 * The placements of a full resolution run, staged in `entity_stage` and applied in the storage
 * order of `mentions` (migration 010). A full run finds placements group by group; written as
 * found, each landed on a page of its own in `mentions`, and at 251,287 cables (6.5 million
 * mentions) the run wrote 48 GB through the WAL in 53 minutes while placing a third of them.
 * Appending to the stage is sequential; the stage is then indexed once (a sort) and walked in
 * (cable_id, seq) order, so consecutive updates share pages. Disk, not memory: the stage lives in
 * the archive, so memory stays bounded by one chunk.
 */
/**
 * `mentions_entity` as migration 013 defines it (a test compares them). A run stopped between the
 * drop and the rebuild leaves it missing; the next resolution creates it first.
 */
export const MENTIONS_ENTITY_INDEX =
  "CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id, cable_id, seq, type, name, variants, protected)";

/**
 * Auxiliary threads SQLite's sorter may use to build an index (PRAGMA threads; 0 by default):
 * the sort is most of a build, and resolution's builds run while the other core idles (the
 * resolution thread writing and this one waiting, or the event dates read by then). Building
 * `mentions_key` and `mentions_entity` on a copy of a 50,000-cable archive (1.2 million mentions,
 * load 4-5 on 2 cores): 4.0-5.7 s wall with one against 5.4-7.4 s without, the same CPU. The
 * index is the same whichever thread sorted it.
 */
const SORT_THREADS = availableParallelism() > 1 ? 1 : 0;

/**
 * Builds an index with SQLite's sorter spilling to temporary files, not memory (the archive's
 * `temp_store = MEMORY` would hold the whole sort: hundreds of MB at 251,287 cables), on
 * SORT_THREADS more threads. Changing temp_store drops the connection's temporary tables
 * (resolution holds none across this call) and cannot be done inside a transaction: there the
 * sort stays in memory.
 */
export function buildIndex(db: Db, sql: string): void {
  const threads = db.pragma("threads", { simple: true }) as number;
  db.pragma(`threads = ${SORT_THREADS}`);
  try {
    if (db.inTransaction) {
      db.exec(sql);
      return;
    }
    const before = db.pragma("temp_store", { simple: true }) as number;
    db.pragma("temp_store = FILE");
    try {
      db.exec(sql);
    } finally {
      db.pragma(`temp_store = ${before}`);
    }
  } finally {
    db.pragma(`threads = ${threads}`);
  }
}

/** The index is rebuilt when the stage moves at least one mention in this many. */
const REBUILD_SHARE = 8;

export class PlacementStage {
  private readonly insert;
  staged = 0;

  constructor(private readonly db: Db) {
    // A run stopped part-way may have left rows; its successor is a full run that restages all.
    db.exec("DROP INDEX IF EXISTS entity_stage_order; DELETE FROM entity_stage");
    this.insert = db.prepare<[number, number, string, string | null]>(
      "INSERT INTO entity_stage (cable_id, seq, entity_id, link) VALUES (?, ?, ?, ?)",
    );
  }

  add(cableId: number, seq: number, entityId: string, link: string | null, batches: Batches): void {
    this.insert.run(cableId, seq, entityId, link);
    this.staged++;
    batches.wrote();
  }

  /**
   * Writes every staged placement to `mentions`, in its storage order, and empties the stage.
   * `mentions` is how many mentions the archive holds: when the stage moves a large share of them
   * (a first resolution places every one), `mentions_entity` is dropped for the writes and built
   * again after them; so is an index that is missing (a first ingest leaves it out, see
   * startMentionLoad in entities-write.ts). Kept, each update moved one entry to a random page of that index; at
   * 251,287 cables that wrote tens of GB through the WAL, where a rebuild sorts once.
   */
  apply(batches: Batches, mentions = Number.POSITIVE_INFINITY): void {
    const { db } = this;
    const missing =
      db
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'mentions_entity'")
        .get() === undefined;
    if (this.staged > 0) {
      const rebuild = missing || this.staged * REBUILD_SHARE >= mentions;
      if (rebuild && !missing) {
        db.exec("DROP INDEX mentions_entity");
        batches.wrote();
      }
      db.exec("CREATE INDEX entity_stage_order ON entity_stage (cable_id, seq)");
      const page = db.prepare<
        [number, number, number],
        { cable_id: number; seq: number; entity_id: string; link: string | null }
      >(
        `SELECT cable_id, seq, entity_id, link FROM entity_stage
          WHERE (cable_id, seq) > (?, ?) ORDER BY cable_id, seq LIMIT ?`,
      );
      const update = db.prepare(
        "UPDATE mentions SET entity_id = ?, link = ? WHERE cable_id = ? AND seq = ?",
      );
      const walk = chunks(
        (after: [number, number] | null, limit) =>
          page.all(after?.[0] ?? -1, after?.[1] ?? -1, limit),
        (r) => [r.cable_id, r.seq] as [number, number],
      );
      for (const rows of walk) {
        for (const r of rows) update.run(r.entity_id, r.link, r.cable_id, r.seq);
        batches.wrote(rows.length);
      }
      if (rebuild) batches.outside(() => buildIndex(db, MENTIONS_ENTITY_INDEX));
    } else if (missing) batches.outside(() => buildIndex(db, MENTIONS_ENTITY_INDEX));
    db.exec("DROP INDEX IF EXISTS entity_stage_order; DELETE FROM entity_stage");
  }
}
