import type { Db } from "../../src/store/db.js";

/** The tables the entity summary step writes, each in one order: what two builds must agree on. */
const SUMMARY_TABLES = {
  entity_stats: "SELECT * FROM entity_stats ORDER BY entity_id, kind, key",
  entity_cables: "SELECT * FROM entity_cables ORDER BY entity_id, created, cable_id, seq",
  cable_entities:
    "SELECT cable_id, hex(codes) AS c, hex(public_codes) AS p FROM cable_entities ORDER BY cable_id",
  entity_comentions:
    "SELECT entity_id, hex(top) AS t, hex(public_top) AS p FROM entity_comentions ORDER BY entity_id",
  entity_codes: "SELECT * FROM entity_codes ORDER BY code",
};

export function summaryTables(db: Db): Record<keyof typeof SUMMARY_TABLES, unknown[]> {
  return Object.fromEntries(
    Object.entries(SUMMARY_TABLES).map(([t, sql]) => [t, db.prepare(sql).all()]),
  ) as Record<keyof typeof SUMMARY_TABLES, unknown[]>;
}

/**
 * Marks the summaries due in full, as migration 012 and an ingest stopped before its finish step
 * leave them.
 */
export function markSummariesStale(db: Db): void {
  db.prepare("INSERT OR IGNORE INTO entity_summary_dirty (entity_id) VALUES ('*')").run();
}
