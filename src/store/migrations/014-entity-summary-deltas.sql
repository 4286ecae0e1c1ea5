-- Entity summaries by deltas, and co-mentions precomputed (owner: entity pages and facets; see
-- src/store/entity-summary.ts). At 251,287 cables an ingest of 1,000 new versions marked every
-- large place stale, and rebuilding one re-read its 170,000 mentions: minutes. A journal of what
-- changed, mention by mention, lets the finish step subtract what the summary held for a changed
-- cable and add what it holds now; entity_cables keeps every fact a mention adds to its entity's
-- aggregates, so the old side is read from the summary itself (the mentions are gone by then).

ALTER TABLE entity_cables ADD COLUMN station TEXT NOT NULL DEFAULT '';
ALTER TABLE entity_cables ADD COLUMN month TEXT NOT NULL DEFAULT '';
ALTER TABLE entity_cables ADD COLUMN roles TEXT NOT NULL DEFAULT '[]';
-- The resolution rule that placed the mention (linkRule of its link).
ALTER TABLE entity_cables ADD COLUMN rule TEXT NOT NULL DEFAULT '';

-- The entities named most often beside an entity with many cables (a page counting them over
-- every one of its cables took most of the largest pages' time): packed little-endian uint32
-- pairs `value, cables` (value `code * 4 + type`, as cable_entities), per type the first ones by
-- cables then value. `public_top` counts only cables where neither mention is protected.
-- Entities with fewer cables have no row: their page counts them over their few cables.
CREATE TABLE entity_comentions (
  entity_id   TEXT PRIMARY KEY,
  top         BLOB NOT NULL,
  public_top  BLOB NOT NULL
) WITHOUT ROWID;

-- What changed since the summaries were built: a placement the summary may hold that is gone or
-- changed (entity, the cable's `created` then, seq), or with entity_id '' a cable whose placements
-- the summary must read again. Not written while a full build is pending (the '*' mark).
CREATE TABLE entity_summary_journal (
  cable_id   INTEGER NOT NULL,
  entity_id  TEXT NOT NULL,
  created    TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  PRIMARY KEY (cable_id, entity_id, created, seq)
) WITHOUT ROWID;

CREATE TRIGGER mentions_summary_journal_delete AFTER DELETE ON mentions
WHEN OLD.entity_id IS NOT NULL
 AND NOT EXISTS (SELECT 1 FROM entity_summary_dirty WHERE entity_id = '*')
BEGIN
  INSERT OR IGNORE INTO entity_summary_journal (cable_id, entity_id, created, seq)
  SELECT OLD.cable_id, OLD.entity_id, coalesce(created, ''), OLD.seq FROM cables
   WHERE id = OLD.cable_id;
END;

CREATE TRIGGER mentions_summary_journal_update AFTER UPDATE OF entity_id, link ON mentions
WHEN (OLD.entity_id IS NOT NEW.entity_id OR OLD.link IS NOT NEW.link)
 AND NOT EXISTS (SELECT 1 FROM entity_summary_dirty WHERE entity_id = '*')
BEGIN
  INSERT OR IGNORE INTO entity_summary_journal (cable_id, entity_id, created, seq)
  SELECT OLD.cable_id, OLD.entity_id, coalesce(created, ''), OLD.seq FROM cables
   WHERE id = OLD.cable_id AND OLD.entity_id IS NOT NULL;
  INSERT OR IGNORE INTO entity_summary_journal (cable_id, entity_id, created, seq)
  VALUES (NEW.cable_id, '', '', -1);
END;

CREATE TRIGGER mentions_summary_journal_insert AFTER INSERT ON mentions
WHEN NEW.entity_id IS NOT NULL
 AND NOT EXISTS (SELECT 1 FROM entity_summary_dirty WHERE entity_id = '*')
BEGIN
  INSERT OR IGNORE INTO entity_summary_journal (cable_id, entity_id, created, seq)
  VALUES (NEW.cable_id, '', '', -1);
END;

-- A cable deleted with its mentions (ON DELETE CASCADE runs once the cable row is gone).
CREATE TRIGGER cables_summary_journal_delete BEFORE DELETE ON cables
WHEN NOT EXISTS (SELECT 1 FROM entity_summary_dirty WHERE entity_id = '*')
BEGIN
  INSERT OR IGNORE INTO entity_summary_journal (cable_id, entity_id, created, seq)
  SELECT OLD.id, entity_id, coalesce(OLD.created, ''), seq FROM mentions
   WHERE cable_id = OLD.id AND entity_id IS NOT NULL;
END;

-- A date estimate gives an undated cable its month: its entities' months move.
CREATE TRIGGER cables_summary_journal_update AFTER UPDATE OF created, month, station ON cables
WHEN (OLD.created IS NOT NEW.created OR OLD.month IS NOT NEW.month
      OR OLD.station IS NOT NEW.station)
 AND NOT EXISTS (SELECT 1 FROM entity_summary_dirty WHERE entity_id = '*')
BEGIN
  INSERT OR IGNORE INTO entity_summary_journal (cable_id, entity_id, created, seq)
  SELECT OLD.id, entity_id, coalesce(OLD.created, ''), seq FROM mentions
   WHERE cable_id = OLD.id AND entity_id IS NOT NULL;
  INSERT OR IGNORE INTO entity_summary_journal (cable_id, entity_id, created, seq)
  VALUES (NEW.id, '', '', -1);
END;

-- The new columns and lists are filled by a full build.
INSERT OR IGNORE INTO entity_summary_dirty (entity_id) VALUES ('*');
