import { z } from "zod";
import type { Db } from "./db.js";
import { summaryState } from "./entity-summary.js";
import { extractorState } from "./extractor-state.js";
import { RUN_STATUSES, runStatus } from "./ingest-runs.js";

/** What is in an archive, in numbers: for `cablegram stats` and the server's about page. */
export const ArchiveStatsSchema = z.object({
  cables: z.number().int().min(0),
  versions: z
    .number()
    .int()
    .min(0)
    .describe("Distinct texts stored, current ones included (≥ cables)."),
  references: z
    .number()
    .int()
    .min(0)
    .describe("REF items of the current versions, cables and other documents."),
  citedCables: z.number().int().min(0).describe("Distinct cable ids cited by REF items."),
  missingCables: z
    .number()
    .int()
    .min(0)
    .describe("Distinct cited cable ids that are not in the archive."),
  partial: z.number().int().min(0),
  byYear: z.array(z.object({ year: z.number().int().nullable(), count: z.number().int().min(0) })),
  byClassification: z.array(
    z.object({ classification: z.string().nullable(), count: z.number().int().min(0) }),
  ),
  bytes: z.number().int().min(0).describe("Size of the database file(s) in bytes."),
  lastIngest: z
    .object({
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
      status: z.enum(RUN_STATUSES),
    })
    .nullable(),
  unfinishedRuns: z
    .object({ interrupted: z.number().int().min(0), failed: z.number().int().min(0) })
    .describe(
      "Ingest runs that stopped before the end (killed, interrupted, failed): what they read may be partly stored; running the same ingest again completes it.",
    ),
  entitySummaries: z
    .object({
      current: z.boolean(),
      full: z.boolean().describe("A full build is pending (after a migration or a stopped run)."),
      entities: z.number().int().min(0).describe("Entities marked stale."),
      cables: z.number().int().min(0).describe("Cables changed since the last build."),
    })
    .optional()
    .describe(
      "Whether the entity summaries pages and facets read are current (SQLite archives): when not, they are counted from the mentions, slowly, until `cablegram entities --rebuild` builds them.",
    ),
  entityResolution: z
    .object({
      unplaced: z
        .number()
        .int()
        .min(0)
        .describe("Mentions no resolution has placed in an entity yet."),
      pending: z
        .boolean()
        .describe("Resolution is due: unplaced mentions, or cables written since the last run."),
    })
    .optional()
    .describe(
      "Whether the mentions are resolved into entities (PostgreSQL archives: an ingest resolves them at its end; one stopped before leaves them pending, and `person:`, `org:`, `place:` are refused until the next ingest or `cablegram entities --rebuild`).",
    ),
  unbuiltIndexes: z
    .array(z.string())
    .optional()
    .describe(
      "Indexes and keys a bulk load set aside and has not built (PostgreSQL archives: a first load running, or one stopped before its end). The archive answers every query meanwhile, more slowly; the next ingest, of any input, builds them.",
    ),
  extractor: z
    .object({
      recorded: z
        .number()
        .int()
        .min(0)
        .nullable()
        .describe(
          "Version of the extractor that wrote the mentions; 0: before versions were recorded.",
        ),
      current: z.number().int().min(1).describe("This build's extractor version."),
      reextracting: z.boolean().describe("A `cablegram reextract` started and did not finish."),
    })
    .optional()
    .describe(
      "Which entity extractor wrote the archive's mentions (SQLite archives): when older than this build's, `cablegram reextract` extracts every cable again.",
    ),
});
export type ArchiveStats = z.infer<typeof ArchiveStatsSchema>;

function count(db: Db, sql: string): number {
  return db.prepare<[], number>(sql).pluck().get() ?? 0;
}

interface RunRow {
  startedAt: string;
  finishedAt: string | null;
  status: string | null;
  pid: number | null;
  processStart: string | null;
}

/** The last run, and how many stopped early; a `running` row of a dead process counts as interrupted. */
function ingestRuns(db: Db): Pick<ArchiveStats, "lastIngest" | "unfinishedRuns"> {
  const rows = db
    .prepare<[], RunRow>(
      `SELECT started_at AS startedAt, finished_at AS finishedAt, status, pid, process_start AS processStart
         FROM ingest_runs
        WHERE status IS NULL OR status <> 'finished' OR id = (SELECT max(id) FROM ingest_runs)
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

export function archiveStats(db: Db): ArchiveStats {
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
    ...ingestRuns(db),
    entitySummaries: summaryState(db),
    extractor: extractorState(db),
  };
}
