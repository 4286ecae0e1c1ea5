-- Protection across versions (owner: public mode; src/store/protection-inherit.ts). A person any
-- version of a cable asks to protect is protected in that cable, whatever its current version
-- says. `protected_forms` keeps every form written for the persons each version protects, per
-- reference id, so the forms outlive the version (the cables row and its mentions are rewritten
-- with each new current version): public mode masks them in every version's text, and the writer
-- marks the current version's persons they cover (mentions.protected and its Cable JSON).
CREATE TABLE protected_forms (
  reference_id  TEXT NOT NULL,
  form          TEXT NOT NULL,
  PRIMARY KEY (reference_id, form)
) WITHOUT ROWID;

-- An archive written before: the forms of its versions that are no longer current (their whole
-- JSON is in `versions`) and of its current ones (their protected mentions).
CREATE TEMP TABLE protection_older AS
WITH persons AS (
  SELECT v.reference_id, p.value AS person
    FROM versions v, json_each(v.cable_json, '$.persons') p
   WHERE v.cable_json IS NOT NULL AND json_extract(p.value, '$.protected') = 1
)
SELECT reference_id, json_extract(person, '$.name') AS form FROM persons
UNION
SELECT persons.reference_id, f.value FROM persons, json_each(persons.person, '$.variants') f;

INSERT OR IGNORE INTO protected_forms (reference_id, form)
SELECT reference_id, form FROM temp.protection_older WHERE form IS NOT NULL;
INSERT OR IGNORE INTO protected_forms (reference_id, form)
SELECT c.reference_id, m.name FROM mentions m JOIN cables c ON c.id = m.cable_id
 WHERE m.protected = 1
UNION
SELECT c.reference_id, f.value FROM mentions m JOIN cables c ON c.id = m.cable_id, json_each(m.variants) f
 WHERE m.protected = 1;

-- The current versions' persons that an older version protects, marked as the writer now marks
-- them. The mentions are deleted and inserted again with the mark, placed as they were: the
-- triggers then queue their entities for resolution (entity_dirty) and their summaries
-- (entity_summary_dirty, the journal), which `cablegram entities --rebuild`, a `serve` that may
-- write or the next ingest bring up to date; public mode reads the mark at once, and the public
-- counts of their entities are recounted here as resolution counts them (entities-derived.ts).
CREATE TEMP TABLE protection_marks AS
SELECT c.id AS cable_id, json_group_array(o.form) AS forms
  FROM temp.protection_older o JOIN cables c ON c.reference_id = o.reference_id
 WHERE o.form IS NOT NULL
 GROUP BY c.id;

CREATE TEMP TABLE protection_inherited AS
SELECT m.* FROM mentions m JOIN temp.protection_marks k ON k.cable_id = m.cable_id
 WHERE m.type = 'person' AND m.protected = 0 AND cg_protection_covers(m.name, m.variants, k.forms);

DELETE FROM mentions
 WHERE (cable_id, seq) IN (SELECT cable_id, seq FROM temp.protection_inherited);
UPDATE temp.protection_inherited SET protected = 1;
INSERT INTO mentions SELECT * FROM temp.protection_inherited;

CREATE TEMP TABLE protection_entities AS
SELECT DISTINCT entity_id AS id FROM temp.protection_inherited WHERE entity_id IS NOT NULL;
UPDATE entities SET public_cables = (
  SELECT count(DISTINCT m.cable_id) FROM mentions m
   WHERE m.entity_id = entities.id AND m.protected = 0)
 WHERE id IN (SELECT id FROM temp.protection_entities);
UPDATE entity_forms SET public_cables = (
  SELECT count(DISTINCT m.cable_id) FROM mentions m
   WHERE m.entity_id = entity_forms.entity_id AND m.protected = 0
     AND (m.name = entity_forms.form
          OR EXISTS (SELECT 1 FROM json_each(m.variants) v WHERE v.value = entity_forms.form)))
 WHERE entity_id IN (SELECT id FROM temp.protection_entities);
UPDATE entity_words SET public = EXISTS (
  SELECT 1 FROM entity_forms f, json_each(cg_form_words(f.form)) w
   WHERE f.entity_id = entity_words.entity_id AND f.public_cables > 0
     AND w.value = entity_words.word)
 WHERE entity_id IN (SELECT id FROM temp.protection_entities);

UPDATE cables SET cable_json = cg_protection_mark(cable_json, k.forms)
  FROM temp.protection_marks k WHERE cables.id = k.cable_id;

DROP TABLE temp.protection_older;
DROP TABLE temp.protection_marks;
DROP TABLE temp.protection_inherited;
DROP TABLE temp.protection_entities;
