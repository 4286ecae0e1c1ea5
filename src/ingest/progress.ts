/** Where an ingest stands (rendered for a terminal by src/cli/progress.ts). */

export interface Progress {
  records: number;
  /** Input bytes whose records are written. */
  bytesDone: number;
  /** Total input bytes, or null when unknown (stdin). */
  bytesTotal: number | null;
  elapsedMs: number;
  new: number;
  newVersions: number;
  unchanged: number;
  rejected: number;
}
