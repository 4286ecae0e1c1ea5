/**
 * Fills `cable_subjects` (migration 008) for the cables whose current version has no row yet:
 * at the end of an ingest and of `migrate`. Rows of replaced versions are overwritten, never
 * read (searches join on the version). Returns how many rows it wrote.
 */
import type { Sql } from "./connect.js";

export async function refreshSubjectVectors(sql: Sql): Promise<number> {
  const rows = await sql`
    INSERT INTO cable_subjects (id, version_id, tsv)
    SELECT c.id, c.version_id, cg_text_tsv(c.subject, NULL) FROM cables c
     WHERE NOT EXISTS (SELECT 1 FROM cable_subjects s
                        WHERE s.id = c.id AND s.version_id = c.version_id)
    ON CONFLICT (id) DO UPDATE SET version_id = EXCLUDED.version_id, tsv = EXCLUDED.tsv`;
  return rows.count;
}
