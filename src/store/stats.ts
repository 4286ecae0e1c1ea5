import type { Db } from "./db.js";
import { type RunStatus, runStatus } from "./ingest-runs.js";

/** What is in an archive, in numbers: for `cablegram stats` and the server's about page. */
export interface ArchiveStats {
  cables: number;
  /** Distinct texts stored, current ones included (≥ cables). */
  versions: number;
  /** REF items of the current versions, cables and other documents. */
  references: number;
  /** Distinct cable ids cited by REF items. */
  citedCables: number;
  /** Distinct cited cable ids that are not in the archive. */
  missingCables: number;
  partial: number;
  byYear: { year: number | null; count: number }[];
  byClassification: { classification: string | null; count: number }[];
  /** Size of the database file(s) in bytes. */
  bytes: number;
  lastIngest: { startedAt: string; finishedAt: string | null; status: RunStatus } | null;
  /** Ingest runs that stopped before the end (killed, interrupted, failed): their records may be partly in. */
  unfinishedRuns: { interrupted: number; failed: number };
}

interface RunRow {
  startedAt: string;
  finishedAt: string | null;
  status: string | null;
  pid: number | null;
  processStart: string | null;
}

function ingestRuns(db: Db) {
  const rows = db
    .prepare<[], RunRow>(
      `SELECT started_at AS startedAt, finished_at AS finishedAt, status, pid, process_start AS processStart
         FROM ingest_runs WHERE status IS NULL OR status <> 'finished' OR id = (SELECT max(id) FROM ingest_runs)
        ORDER BY id`,
    )
    .all();
  const unfinishedRuns = { interrupted: 0, failed: 0 };
  for (const r of rows) {
    const status = runStatus(r);
    if (status === "interrupted" || status === "failed") unfinishedRuns[status]++;
  }
  const last = rows.at(-1);
  const lastIngest = last
    ? { startedAt: last.startedAt, finishedAt: last.finishedAt, status: runStatus(last) }
    : null;
  return { lastIngest, unfinishedRuns };
}

function count(db: Db, sql: string): number {
  return db.prepare<[], number>(sql).pluck().get() ?? 0;
}

export function archiveStats(db: Db): ArchiveStats {
  const runs = ingestRuns(db);
  return {
    cables: count(db, "SELECT count(*) FROM cables"),
    versions: count(db, "SELECT count(*) FROM versions"),
    references: count(db, "SELECT count(*) FROM refs"),
    citedCables: count(
      db,
      "SELECT count(DISTINCT target_id) FROM refs WHERE target_id IS NOT NULL",
    ),
    missingCables: count(
      db,
      `SELECT count(*) FROM (SELECT DISTINCT target_id FROM refs WHERE target_id IS NOT NULL) t
        WHERE NOT EXISTS (SELECT 1 FROM cables c WHERE c.reference_id = t.target_id)`,
    ),
    partial: count(db, "SELECT count(*) FROM cables WHERE partial = 1"),
    byYear: db
      .prepare<[], { year: number | null; count: number }>(
        "SELECT year, count(*) AS count FROM cables GROUP BY year ORDER BY year",
      )
      .all(),
    byClassification: db
      .prepare<[], { classification: string | null; count: number }>(
        `SELECT classification, count(*) AS count FROM cables
          GROUP BY classification ORDER BY count DESC, classification`,
      )
      .all(),
    bytes: count(db, "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"),
    ...runs,
  };
}
