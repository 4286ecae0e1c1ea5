import type { Db } from "./db.js";

/**
 * FTS5 merge policy around a bulk load. Each committed batch leaves a new segment in every FTS5
 * index; by default (automerge=4) FTS5 merges segments four at a time as it goes, so by the end
 * of a Cablegate-size load every posting has been rewritten once per level, about log4(batches)
 * times. During an ingest, automerge is off and only FTS5's crisis merge runs (all segments of a
 * level at once when it holds `crisismerge`, 16, of them): a 16-way tree, about half the rewriting.
 * Queries read at most ~15 segments per level (two or three levels at Cablegate size), which
 * measured no slower than a fully merged index on the benchmark query mix.
 *
 * The setting lives in each table's `_config` row, so it outlasts the connection: `steady` puts
 * the default back after the load. An ingest killed before that leaves automerge off, which is
 * still correct (crisis merges bound the segment count) and is undone by the next ingest's end.
 */

/** FTS5 defaults (fts5Int.h): incremental merging once a level holds this many segments. */
const STEADY_AUTOMERGE = 4;

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Every FTS5 table of the archive (migrations may add more). */
export function fts5Tables(db: Db): string[] {
  return db
    .prepare<[], string>(
      `SELECT name FROM sqlite_master
        WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%' ORDER BY name`,
    )
    .pluck()
    .all();
}

function setAutomerge(db: Db, value: number): void {
  db.transaction(() => {
    for (const t of fts5Tables(db)) {
      // FTS5 accepts only an integer here, and a JS number binds as a REAL ("SQL logic error").
      db.prepare(`INSERT INTO ${quote(t)} (${quote(t)}, rank) VALUES ('automerge', ?)`).run(
        BigInt(value),
      );
    }
  })();
}

/** Before a bulk load: no incremental merging (crisis merges still bound the segment count). */
export function bulkMerging(db: Db): void {
  setAutomerge(db, 0);
}

/** After it: the FTS5 default, so small later writes merge as they go. */
export function steadyMerging(db: Db): void {
  setAutomerge(db, STEADY_AUTOMERGE);
}
