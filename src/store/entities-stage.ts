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

  /** Writes every staged placement to `mentions`, in its storage order, and empties the stage. */
  apply(batches: Batches): void {
    const { db } = this;
    if (this.staged > 0) {
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
    }
    db.exec("DROP INDEX IF EXISTS entity_stage_order; DELETE FROM entity_stage");
  }
}
