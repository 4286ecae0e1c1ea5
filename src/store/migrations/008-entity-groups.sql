-- Incremental entity resolution (owner: entities). Each mention carries the group it is resolved
-- in (`key`: the folded surname of a person, the folded name of an organisation or place) and, for
-- organisations and places, the folded variants it writes (`vkeys`); see mentionKeys in
-- src/store/entities-rule.ts. Resolution then redoes only the groups that new mentions
-- (entity_id NULL) and removed ones (entity_dirty) touch, with the same result as a full run.
ALTER TABLE mentions ADD COLUMN key TEXT;
ALTER TABLE mentions ADD COLUMN vkeys TEXT NOT NULL DEFAULT '';   -- newline-separated
CREATE INDEX mentions_key ON mentions(type, key);

-- Resolved mentions deleted since the last resolution (a cable replaced by a newer version, a
-- repair): their groups and entities are redone. A row of type '*' asks for a full run — set here,
-- because the mentions stored before this migration have no key yet.
CREATE TABLE entity_dirty (
  type       TEXT NOT NULL,
  key        TEXT,
  vkeys      TEXT,
  entity_id  TEXT
);
INSERT INTO entity_dirty (type) VALUES ('*');
CREATE TRIGGER mentions_resolved_gone AFTER DELETE ON mentions WHEN OLD.entity_id IS NOT NULL
BEGIN
  INSERT INTO entity_dirty (type, key, vkeys, entity_id)
  VALUES (OLD.type, OLD.key, OLD.vkeys, OLD.entity_id);
END;

-- How many resolved organisation or place mentions named `key` write `vkey` as a variant: who
-- owns a variant, which decides where a mention named `vkey` goes.
CREATE TABLE entity_owners (
  type      TEXT NOT NULL,
  vkey      TEXT NOT NULL,
  key       TEXT NOT NULL,
  mentions  INTEGER NOT NULL,
  PRIMARY KEY (type, vkey, key)
) WITHOUT ROWID;
