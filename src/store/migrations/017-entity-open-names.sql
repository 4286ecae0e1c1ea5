-- Persons named by their open mentions (owner: entities; src/store/entities-open-names.ts): an
-- entity that joins open mentions to a person a cable protects takes its id and display name from
-- the open mentions, so public mode shows no word only the protecting cable wrote. Archives
-- resolved before got ids from the protected forms (`person-richard-weeks` for an open `R. Weeks`):
-- the next resolution (`cablegram entities --rebuild`, or the next ingest) is a full run, which
-- renames those entities; their summaries follow through the journal. Only archives with resolved
-- protected mentions are marked: the others name every entity as before.
INSERT INTO entity_dirty (type)
SELECT '*' WHERE EXISTS (SELECT 1 FROM mentions WHERE protected = 1 AND entity_id IS NOT NULL);
