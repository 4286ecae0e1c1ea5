import { type Db, migrationSql } from "./db.js";

/**
 * The summary journal's triggers on `mentions` and `cables` (migration 014) are no-ops while a
 * full build of the summaries is pending (the '*' mark: a new archive, a migration, a stopped
 * run): their WHEN tests the mark. Evaluated all the same, they cost a first ingest 0.6-0.8 µs for
 * each mention written and 0.5 µs for each placed (about 6.5 million of each at 251,287 cables).
 * So while the mark is set they are dropped (pauseSummaryJournal, when an ingest's writer or a
 * resolution starts), and the full build that clears the mark creates them again in the same
 * transaction: whenever they are missing the mark is set, so no change goes unjournaled. A run
 * stopped in between leaves the mark too, and the build that follows restores them.
 */

/**
 * The triggers, as migration 014 creates them: read from the migration itself, so there is one
 * text of them (a test compares them with a migrated archive's sqlite_master).
 */
export const SUMMARY_JOURNAL_TRIGGERS: Readonly<Record<string, string>> = Object.fromEntries(
  [
    ...migrationSql("014-entity-summary-deltas.sql").matchAll(
      /^CREATE TRIGGER (\w+)[\s\S]*?^END(?=;)/gm,
    ),
  ].map((m) => [m[1]!, m[0]]),
);

const pending = (db: Db) =>
  db.prepare("SELECT 1 FROM entity_summary_dirty WHERE entity_id = '*'").get() !== undefined;

/** Drops the triggers while a full build is pending (they would write nothing); else nothing. */
export function pauseSummaryJournal(db: Db): void {
  if (!pending(db)) return;
  for (const name of Object.keys(SUMMARY_JOURNAL_TRIGGERS))
    db.exec(`DROP TRIGGER IF EXISTS ${name}`);
}

/** Creates the triggers that are missing; called before the mark is cleared. */
export function resumeSummaryJournal(db: Db): void {
  const has = db.prepare<[string], number>(
    "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?",
  );
  for (const [name, sql] of Object.entries(SUMMARY_JOURNAL_TRIGGERS)) {
    if (has.pluck().get(name) === undefined) db.exec(sql);
  }
}
