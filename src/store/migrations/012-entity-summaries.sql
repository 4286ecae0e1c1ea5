-- Entity summaries (owner: entity pages and facets; see src/store/entity-summary.ts). What an
-- entity's page and the entity facets show, precomputed by a finish step after resolution from
-- the resolved tables, so that neither reads every mention of an entity (170,000 for the most
-- named place at 251,287 cables) nor every mention of the archive (6.5 million) per process.

-- A small integer per entity id, for the packed per-cable lists below. Codes are never reused.
CREATE TABLE entity_codes (
  code       INTEGER PRIMARY KEY,
  entity_id  TEXT NOT NULL UNIQUE
);

-- Per cable, the entities it names, packed: little-endian uint32 values `code * 4 + type`
-- (type: 0 person, 1 org, 2 place), sorted. `public_codes` leaves out the persons the cable
-- protects; NULL when it protects nobody (the same list). A cable without a row is not counted
-- (not summarised yet).
CREATE TABLE cable_entities (
  cable_id      INTEGER PRIMARY KEY REFERENCES cables(id) ON DELETE CASCADE,
  codes         BLOB NOT NULL,
  public_codes  BLOB
);

-- An entity's page aggregates, one row per (aspect, value): kind 'post' (key: station), 'month'
-- (YYYY-MM), 'link' (the resolution rule), 'role' (role, a tab, the station or ''). Counts are of
-- distinct cables; `public_*` leave out the cables protecting the entity (public mode).
CREATE TABLE entity_stats (
  entity_id      TEXT NOT NULL,
  kind           TEXT NOT NULL,
  key            TEXT NOT NULL,
  cables         INTEGER NOT NULL,
  public_cables  INTEGER NOT NULL,
  first          TEXT,
  last           TEXT,
  public_first   TEXT,
  public_last    TEXT,
  PRIMARY KEY (entity_id, kind, key)
) WITHOUT ROWID;

-- Every placed mention by entity, newest cable first when read backwards: keyset paging of an
-- entity's cables. `created` is '' when the cable has no date (listed last).
CREATE TABLE entity_cables (
  entity_id  TEXT NOT NULL,
  created    TEXT NOT NULL,
  cable_id   INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  protected  INTEGER NOT NULL,
  PRIMARY KEY (entity_id, created, cable_id, seq)
) WITHOUT ROWID;

-- Entities whose summaries are stale ('*': all of them, a full build). Resolution rewrites the
-- `entities` row of every entity whose mentions it moves, and a resolved mention is deleted only
-- with its cable's version: both mark the entity. Readers fall back to the live computation for
-- a marked entity, so a page is never stale, only slower until the finish step runs.
CREATE TABLE entity_summary_dirty (
  entity_id  TEXT PRIMARY KEY
) WITHOUT ROWID;
INSERT INTO entity_summary_dirty (entity_id) VALUES ('*');

CREATE TRIGGER entities_summary_insert AFTER INSERT ON entities
BEGIN
  INSERT OR IGNORE INTO entity_summary_dirty (entity_id) VALUES (NEW.id);
END;
CREATE TRIGGER entities_summary_update AFTER UPDATE ON entities
BEGIN
  INSERT OR IGNORE INTO entity_summary_dirty (entity_id) VALUES (NEW.id);
END;
CREATE TRIGGER entities_summary_delete AFTER DELETE ON entities
BEGIN
  INSERT OR IGNORE INTO entity_summary_dirty (entity_id) VALUES (OLD.id);
END;
-- A cable's mentions replaced (a new version, a repair): its packed list goes at once, so a
-- person the new version protects is never counted from the old one.
CREATE TRIGGER mentions_summary_gone AFTER DELETE ON mentions WHEN OLD.entity_id IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO entity_summary_dirty (entity_id) VALUES (OLD.entity_id);
  DELETE FROM cable_entities WHERE cable_id = OLD.cable_id;
END;
