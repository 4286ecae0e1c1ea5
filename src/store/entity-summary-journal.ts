import type { Db } from "./db.js";

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

/** The triggers, as migration 014 creates them (a test compares them with a migrated archive). */
export const SUMMARY_JOURNAL_TRIGGERS: Readonly<Record<string, string>> = {
  mentions_summary_journal_delete: `CREATE TRIGGER mentions_summary_journal_delete AFTER DELETE ON mentions
WHEN OLD.entity_id IS NOT NULL
 AND NOT EXISTS (SELECT 1 FROM entity_summary_dirty WHERE entity_id = '*')
BEGIN
  INSERT OR IGNORE INTO entity_summary_journal (cable_id, entity_id, created, seq)
  SELECT OLD.cable_id, OLD.entity_id, coalesce(created, ''), OLD.seq FROM cables
   WHERE id = OLD.cable_id;
END`,
  mentions_summary_journal_update: `CREATE TRIGGER mentions_summary_journal_update AFTER UPDATE OF entity_id, link ON mentions
WHEN (OLD.entity_id IS NOT NEW.entity_id OR OLD.link IS NOT NEW.link)
 AND NOT EXISTS (SELECT 1 FROM entity_summary_dirty WHERE entity_id = '*')
BEGIN
  INSERT OR IGNORE INTO entity_summary_journal (cable_id, entity_id, created, seq)
  SELECT OLD.cable_id, OLD.entity_id, coalesce(created, ''), OLD.seq FROM cables
   WHERE id = OLD.cable_id AND OLD.entity_id IS NOT NULL;
  INSERT OR IGNORE INTO entity_summary_journal (cable_id, entity_id, created, seq)
  VALUES (NEW.cable_id, '', '', -1);
END`,
  mentions_summary_journal_insert: `CREATE TRIGGER mentions_summary_journal_insert AFTER INSERT ON mentions
WHEN NEW.entity_id IS NOT NULL
 AND NOT EXISTS (SELECT 1 FROM entity_summary_dirty WHERE entity_id = '*')
BEGIN
  INSERT OR IGNORE INTO entity_summary_journal (cable_id, entity_id, created, seq)
  VALUES (NEW.cable_id, '', '', -1);
END`,
  cables_summary_journal_delete: `CREATE TRIGGER cables_summary_journal_delete BEFORE DELETE ON cables
WHEN NOT EXISTS (SELECT 1 FROM entity_summary_dirty WHERE entity_id = '*')
BEGIN
  INSERT OR IGNORE INTO entity_summary_journal (cable_id, entity_id, created, seq)
  SELECT OLD.id, entity_id, coalesce(OLD.created, ''), seq FROM mentions
   WHERE cable_id = OLD.id AND entity_id IS NOT NULL;
END`,
  cables_summary_journal_update: `CREATE TRIGGER cables_summary_journal_update AFTER UPDATE OF created, month, station ON cables
WHEN (OLD.created IS NOT NEW.created OR OLD.month IS NOT NEW.month
      OR OLD.station IS NOT NEW.station)
 AND NOT EXISTS (SELECT 1 FROM entity_summary_dirty WHERE entity_id = '*')
BEGIN
  INSERT OR IGNORE INTO entity_summary_journal (cable_id, entity_id, created, seq)
  SELECT OLD.id, entity_id, coalesce(OLD.created, ''), seq FROM mentions
   WHERE cable_id = OLD.id AND entity_id IS NOT NULL;
  INSERT OR IGNORE INTO entity_summary_journal (cable_id, entity_id, created, seq)
  VALUES (NEW.id, '', '', -1);
END`,
};

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
