-- Protection across versions, as SQLite migration 016 (src/store/migrations/016-protected-forms.sql;
-- rule: src/store/protection-inherit.ts): a person any version of a cable asks to protect is
-- protected in that cable. `protected_forms` keeps every form written for the persons each
-- version protects, per reference id; public mode masks them in every version's text and leaves
-- the persons they cover out of every version's JSON, and the writer marks the current version's
-- persons they cover.
CREATE TABLE protected_forms (
  reference_id  text NOT NULL,
  form          text NOT NULL,
  PRIMARY KEY (reference_id, form)
);

-- An archive written before: the forms of its versions that are no longer current (their whole
-- JSON is in `versions`) and of its current ones (their protected mentions).
CREATE TEMP TABLE protection_older ON COMMIT DROP AS
WITH persons AS (
  SELECT v.reference_id, p.x AS person
    FROM versions v, jsonb_array_elements(coalesce(v.cable_json::jsonb -> 'persons', '[]')) AS p(x)
   WHERE v.cable_json IS NOT NULL AND (p.x ->> 'protected')::boolean IS TRUE
)
SELECT reference_id, person ->> 'name' AS form FROM persons WHERE person ->> 'name' IS NOT NULL
UNION
SELECT persons.reference_id, f.v
  FROM persons, jsonb_array_elements_text(coalesce(persons.person -> 'variants', '[]')) AS f(v);

INSERT INTO protected_forms (reference_id, form)
SELECT reference_id, form FROM protection_older
UNION
SELECT c.reference_id, m.name FROM mentions m JOIN cables c ON c.id = m.cable_id WHERE m.protected
UNION
SELECT c.reference_id, f.v
  FROM mentions m JOIN cables c ON c.id = m.cable_id, jsonb_array_elements_text(m.variants::jsonb) AS f(v)
 WHERE m.protected
ON CONFLICT DO NOTHING;

-- The current versions' persons an older version protects, marked. The writer's rule reads the
-- significant words of the forms (folded, particles and one-letter words aside); this is the same
-- test on cg_fold's words, for the archives written before. Their entities' public counts are
-- recounted as resolution counts them (src/store/entities-derived.ts); their name words
-- (`entity_words.public`) and first and last dates stay as copied: a copy of the migrated SQLite
-- archive (`cablegram migrate`) has those too.
CREATE FUNCTION pg_temp.cg_name_words(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE
  RETURN ARRAY(
    SELECT w FROM unnest(string_to_array(btrim(cg_fold(t)), ' ')) AS u(w)
     WHERE length(w) >= 2
       AND w <> ALL (ARRAY['al', 'el', 'bin', 'ben', 'ibn', 'abu', 'bint', 'de', 'del', 'della',
                           'der', 'di', 'da', 'dos', 'das', 'du', 'la', 'le', 'van', 'von', 'y']));

CREATE TEMP TABLE protection_inherited ON COMMIT DROP AS
WITH marks AS (
  SELECT c.id AS cable_id, array_agg(DISTINCT w) AS words
    FROM protection_older o JOIN cables c ON c.reference_id = o.reference_id,
         unnest(pg_temp.cg_name_words(o.form)) AS u(w)
   GROUP BY c.id
)
SELECT m.cable_id, m.seq, m.entity_id FROM mentions m JOIN marks k ON k.cable_id = m.cable_id
 WHERE m.type = 'person' AND NOT m.protected
   AND EXISTS (
     SELECT 1 FROM (SELECT m.name AS f UNION ALL SELECT jsonb_array_elements_text(m.variants::jsonb)) AS forms
      WHERE cardinality(pg_temp.cg_name_words(forms.f)) > 0
        AND pg_temp.cg_name_words(forms.f) <@ k.words);

UPDATE mentions m SET protected = true
  FROM protection_inherited i WHERE m.cable_id = i.cable_id AND m.seq = i.seq;
UPDATE entities e SET public_cables = (
  SELECT count(DISTINCT m.cable_id) FROM mentions m WHERE m.entity_id = e.id AND NOT m.protected)
 WHERE e.id IN (SELECT entity_id FROM protection_inherited);
UPDATE entity_forms f SET public_cables = (
  SELECT count(DISTINCT m.cable_id) FROM mentions m
   WHERE m.entity_id = f.entity_id AND NOT m.protected
     AND (m.name = f.form OR m.variants::jsonb ? f.form))
 WHERE f.entity_id IN (SELECT entity_id FROM protection_inherited);
