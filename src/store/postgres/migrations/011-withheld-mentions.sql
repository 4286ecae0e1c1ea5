-- What public mode withholds, as SQLite migration 018 (src/store/migrations/018-withheld-mentions.sql;
-- rule: src/store/protection-inherit.ts, withheldIn): besides the persons a cable protects, every
-- person, organisation and place of that cable whose name shares a word with a form any of its
-- versions protects. The writer now stores that in `mentions.protected`; archives written before
-- are marked here with the test of migration 010 on cg_fold's words (any shared word rather than
-- all), and their entities' public counts recounted as resolution counts them; their name words
-- and dates stay as copied, as migration 010 leaves them.
CREATE FUNCTION pg_temp.cg_withheld_words(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE
  RETURN ARRAY(
    SELECT w FROM unnest(string_to_array(btrim(cg_fold(t)), ' ')) AS u(w)
     WHERE length(w) >= 2
       AND w <> ALL (ARRAY['al', 'el', 'bin', 'ben', 'ibn', 'abu', 'bint', 'de', 'del', 'della',
                           'der', 'di', 'da', 'dos', 'das', 'du', 'la', 'le', 'van', 'von', 'y']));

CREATE TEMP TABLE withheld_new ON COMMIT DROP AS
WITH marks AS (
  SELECT c.id AS cable_id, array_agg(DISTINCT w) AS words
    FROM protected_forms p JOIN cables c ON c.reference_id = p.reference_id,
         unnest(pg_temp.cg_withheld_words(p.form)) AS u(w)
   GROUP BY c.id
)
SELECT m.cable_id, m.seq, m.entity_id FROM mentions m JOIN marks k ON k.cable_id = m.cable_id
 WHERE NOT m.protected
   AND EXISTS (
     SELECT 1 FROM (SELECT m.name AS f UNION ALL SELECT jsonb_array_elements_text(m.variants::jsonb)) AS forms
      WHERE pg_temp.cg_withheld_words(forms.f) && k.words);

UPDATE mentions m SET protected = true
  FROM withheld_new i WHERE m.cable_id = i.cable_id AND m.seq = i.seq;
UPDATE entities e SET public_cables = (
  SELECT count(DISTINCT m.cable_id) FROM mentions m WHERE m.entity_id = e.id AND NOT m.protected)
 WHERE e.id IN (SELECT entity_id FROM withheld_new);
UPDATE entity_forms f SET public_cables = (
  SELECT count(DISTINCT m.cable_id) FROM mentions m
   WHERE m.entity_id = f.entity_id AND NOT m.protected
     AND (m.name = f.form OR m.variants::jsonb ? f.form))
 WHERE f.entity_id IN (SELECT entity_id FROM withheld_new);
