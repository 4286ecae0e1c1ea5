import { z } from "zod";
import type { Db } from "./db.js";

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
  lastIngest: z.object({ startedAt: z.string(), finishedAt: z.string().nullable() }).nullable(),
});
export type ArchiveStats = z.infer<typeof ArchiveStatsSchema>;

function count(db: Db, sql: string): number {
  return db.prepare<[], number>(sql).pluck().get() ?? 0;
}

export function archiveStats(db: Db): ArchiveStats {
  const last = db
    .prepare<[], { startedAt: string; finishedAt: string | null }>(
      "SELECT started_at AS startedAt, finished_at AS finishedAt FROM ingest_runs ORDER BY id DESC LIMIT 1",
    )
    .get();
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
    lastIngest: last ?? null,
  };
}
