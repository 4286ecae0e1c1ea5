-- What public mode withholds (owner: public mode; src/store/protection-inherit.ts, withheldIn):
-- besides the persons a cable protects, every person, organisation and place of that cable whose
-- name shares a word with a form any of its versions protects (`David Stang` beside a protected
-- `Dorothy Stang`). The masker cuts that word out of the cable, and listed on its entity's page
-- or counted there the name would lead from the word to the cable and show it. The writers now
-- store that in `mentions.protected`; archives written before are marked here. As in migration
-- 016 the mentions are deleted and inserted again with the mark, placed as they were, so the
-- triggers queue their entities for resolution and their summaries (the journal), and the public
-- counts of their entities are recounted here as resolution counts them (entities-derived.ts).
CREATE TEMP TABLE withheld_forms AS
SELECT c.id AS cable_id, json_group_array(p.form) AS forms
  FROM protected_forms p JOIN cables c ON c.reference_id = p.reference_id
 GROUP BY c.id;

-- CROSS JOIN keeps the protecting cables outermost, each looked up in `mentions` by its key: the
-- planner otherwise walked every mention against every protecting cable (6.7 minutes for the
-- 6,755 cables of the shared corpus, against a second).
CREATE TEMP TABLE withheld_new AS
SELECT m.* FROM temp.withheld_forms k CROSS JOIN mentions m
 WHERE m.cable_id = k.cable_id AND m.protected = 0 AND cg_withheld_by(m.name, m.variants, k.forms);

DELETE FROM mentions
 WHERE (cable_id, seq) IN (SELECT cable_id, seq FROM temp.withheld_new);
UPDATE temp.withheld_new SET protected = 1;
INSERT INTO mentions SELECT * FROM temp.withheld_new;

CREATE TEMP TABLE withheld_entities AS
SELECT DISTINCT entity_id AS id FROM temp.withheld_new WHERE entity_id IS NOT NULL;
UPDATE entities SET public_cables = (
  SELECT count(DISTINCT m.cable_id) FROM mentions m
   WHERE m.entity_id = entities.id AND m.protected = 0)
 WHERE id IN (SELECT id FROM temp.withheld_entities);
UPDATE entity_forms SET public_cables = (
  SELECT count(DISTINCT m.cable_id) FROM mentions m
   WHERE m.entity_id = entity_forms.entity_id AND m.protected = 0
     AND (m.name = entity_forms.form
          OR EXISTS (SELECT 1 FROM json_each(m.variants) v WHERE v.value = entity_forms.form)))
 WHERE entity_id IN (SELECT id FROM temp.withheld_entities);
UPDATE entity_words SET public = EXISTS (
  SELECT 1 FROM entity_forms f, json_each(cg_form_words(f.form)) w
   WHERE f.entity_id = entity_words.entity_id AND f.public_cables > 0
     AND w.value = entity_words.word)
 WHERE entity_id IN (SELECT id FROM temp.withheld_entities);

-- Their display names and ids come from open mentions (migration 017): a full resolution renames
-- them where a withheld mention named them.
INSERT INTO entity_dirty (type)
SELECT '*' WHERE EXISTS (SELECT 1 FROM temp.withheld_entities);

DROP TABLE temp.withheld_forms;
DROP TABLE temp.withheld_new;
DROP TABLE temp.withheld_entities;
