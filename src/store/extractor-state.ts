import { EXTRACTOR_VERSION } from "../model/extractor.js";
import type { Db } from "./db.js";

/**
 * Which extractor wrote the archive's mentions (migration 015): `cablegram stats` and `serve` say
 * when it is older than this build's, and `cablegram reextract` records its progress here, so a
 * run stopped part-way resumes where its last committed batch ended.
 */

export interface ExtractorState {
  /** The version every mention was written by; 0 before versions were recorded; null if unknown. */
  recorded: number | null;
  current: number;
  /** A re-extraction to `current` was started and has not finished. */
  reextracting: boolean;
}

function hasTable(db: Db): boolean {
  return (
    db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'archive_state'")
      .get() !== undefined
  );
}

function get(db: Db, key: string): string | null {
  return (
    db
      .prepare<[string], string>("SELECT value FROM archive_state WHERE key = ?")
      .pluck()
      .get(key) ?? null
  );
}

function put(db: Db, key: string, value: string): void {
  db.prepare("INSERT OR REPLACE INTO archive_state (key, value) VALUES (?, ?)").run(key, value);
}

export function extractorState(db: Db): ExtractorState {
  if (!hasTable(db)) return { recorded: null, current: EXTRACTOR_VERSION, reextracting: false };
  const recorded = get(db, "extractor");
  const run = get(db, "reextract");
  return {
    recorded: recorded === null ? null : Number(recorded),
    current: EXTRACTOR_VERSION,
    reextracting: run !== null,
  };
}

/** Whether the archive's mentions may be older than this build's extractor. */
export function extractorStale(s: ExtractorState): boolean {
  return s.reextracting || (s.recorded !== null && s.recorded < s.current);
}

/**
 * After an ingest: a new archive (no version yet) takes this build's. An older archive keeps its
 * version even when this run extracted its new cables afresh: some mentions are still older.
 */
export function recordIngestExtractor(db: Db): void {
  if (!hasTable(db)) return;
  db.prepare("INSERT OR IGNORE INTO archive_state (key, value) VALUES ('extractor', ?)").run(
    String(EXTRACTOR_VERSION),
  );
}

/** The last cable id a re-extraction to `version` committed, or null when none was started. */
export function reextractProgress(db: Db, version: number): number | null {
  const run = get(db, "reextract");
  if (run === null) return null;
  const [v, after] = run.split(":").map(Number);
  return v === version ? after! : null;
}

/** Called inside the batch's transaction: the batch and its progress commit together. */
export function saveReextractProgress(db: Db, version: number, after: number): void {
  put(db, "reextract", `${version}:${after}`);
}

/** Every mention is now `version`'s: recorded, and the run's progress dropped. */
export function finishReextract(db: Db, version: number): void {
  db.transaction(() => {
    put(db, "extractor", String(version));
    db.prepare("DELETE FROM archive_state WHERE key = 'reextract'").run();
  })();
}
