-- Entities across the archive (owner: entities). The writer stores what each cable's parse names
-- (Cable JSON persons, organizations, places) in `mentions`; resolution (src/store/entities-resolve.ts)
-- then assigns every mention to an entity with a stable id and rebuilds the tables derived from
-- the mentions: `entities`, `entity_forms`, `entity_words`. Mentions are rewritten with the cable
-- when a newer version becomes current, like every child table of `cables`.

CREATE TABLE mentions (
  cable_id     INTEGER NOT NULL REFERENCES cables(id) ON DELETE CASCADE,
  seq          INTEGER NOT NULL,                -- position in the cable's persons, organizations, places
  type         TEXT NOT NULL,                   -- 'person' | 'org' | 'place'
  name         TEXT NOT NULL,                   -- fullest form the cable gives
  variants     TEXT NOT NULL DEFAULT '[]',      -- JSON array: the other forms written
  roles        TEXT NOT NULL DEFAULT '[]',      -- JSON array: titles and positions (persons)
  paragraphs   TEXT NOT NULL DEFAULT '[]',      -- JSON array of paragraph numbers, 0 = header/signature
  kind         TEXT,                            -- places: country | city | region
  us_official  INTEGER NOT NULL DEFAULT 0,
  protected    INTEGER NOT NULL DEFAULT 0,      -- a PROTECT marker applies to this person in this cable
  entity_id    TEXT,                            -- set by resolution
  link         TEXT,                            -- the resolution rule that placed it (evidence)
  PRIMARY KEY (cable_id, seq)
) WITHOUT ROWID;
CREATE INDEX mentions_entity ON mentions(entity_id, cable_id);
CREATE INDEX mentions_protected ON mentions(cable_id) WHERE protected = 1;

-- One row per entity. Counts are of cables; `public_cables` leaves out the cables that protect the
-- person, which public mode never shows (an entity with none is not shown there at all).
CREATE TABLE entities (
  id             TEXT PRIMARY KEY,              -- person-mark-asquino, org-unhcr, place-kazakhstan
  type           TEXT NOT NULL,
  name           TEXT NOT NULL,                 -- display name
  cables         INTEGER NOT NULL,
  public_cables  INTEGER NOT NULL,
  first_created  TEXT,
  last_created   TEXT
) WITHOUT ROWID;
CREATE INDEX entities_type_cables ON entities(type, cables DESC);
CREATE INDEX entities_type_public ON entities(type, public_cables DESC);

-- Every form written for an entity, with the cables writing it (public: outside protecting cables).
CREATE TABLE entity_forms (
  entity_id      TEXT NOT NULL,
  form           TEXT NOT NULL,
  cables         INTEGER NOT NULL,
  public_cables  INTEGER NOT NULL,
  PRIMARY KEY (entity_id, form)
) WITHOUT ROWID;

-- Folded words of the forms, for lookups by name (`asquino`, `mark asq`): a range per word.
CREATE TABLE entity_words (
  word       TEXT NOT NULL,
  entity_id  TEXT NOT NULL,
  public     INTEGER NOT NULL,                  -- 1 when a form outside protecting cables has the word
  PRIMARY KEY (word, entity_id)
) WITHOUT ROWID;
