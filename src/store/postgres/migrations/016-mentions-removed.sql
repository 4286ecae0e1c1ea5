-- The placed mentions a writer removes (a new version replaces a cable's mentions, protection
-- rewrites them), journaled in `entity_dirty` as SQLite's trigger `mentions_resolved_gone`
-- (src/store/migrations/008-entity-groups.sql) journals them: with the unplaced mentions, they are
-- what an incremental resolution starts from (src/store/postgres/entities-incremental.ts). One
-- statement-level trigger, so a batch replacing many cables journals them in one INSERT.
CREATE FUNCTION cg_mentions_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO entity_dirty (type, key, vkeys, entity_id)
  SELECT type, key, vkeys, entity_id FROM removed WHERE entity_id IS NOT NULL;
  RETURN NULL;
END
$$;
CREATE TRIGGER mentions_resolved_gone AFTER DELETE ON mentions
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION cg_mentions_removed();

-- Removals before this were not journaled: an archive with a resolution pending gets a full one.
INSERT INTO entity_dirty (type, key)
SELECT '*', 'unjournaled' WHERE EXISTS (SELECT 1 FROM entity_dirty);
