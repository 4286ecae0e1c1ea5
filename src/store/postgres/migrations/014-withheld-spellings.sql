-- What public mode withholds beside a protected person, again, as SQLite migration 020: a name
-- writing a protected word another way — one letter added, dropped, changed or two swapped, in
-- words of five letters or more with the same initial (`Biatio` beside a protected `Marcel
-- Biato`; src/store/protection-inherit.ts, touchedBy; src/store/entities-typos.ts) — is withheld
-- as a name sharing the word is, since public mode masks that spelling in the cable's text too.
-- The writers mark it from now on; archives written before are marked here, on migration 011's
-- words (cg_fold), and their entities' public counts recounted as 011 recounts them. Its session
-- function and temporary table may exist in this transaction already (every pending migration
-- runs in one), so they go first.
DROP FUNCTION IF EXISTS pg_temp.cg_withheld_words(text);
DROP TABLE IF EXISTS pg_temp.withheld_new;
CREATE FUNCTION pg_temp.cg_withheld_words(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE
  RETURN ARRAY(
    SELECT w FROM unnest(string_to_array(btrim(cg_fold(t)), ' ')) AS u(w)
     WHERE length(w) >= 2
       AND w <> ALL (ARRAY['al', 'el', 'bin', 'ben', 'ibn', 'abu', 'bint', 'de', 'del', 'della',
                           'der', 'di', 'da', 'dos', 'das', 'du', 'la', 'le', 'van', 'von', 'y']));

-- One edit apart (the optimal-string-alignment distance of src/reference/edit-distance.ts is 1):
-- a letter changed or two adjacent ones swapped at some position, or one dropped from the longer.
CREATE FUNCTION pg_temp.cg_other_spelling(a text, b text) RETURNS boolean
  LANGUAGE sql IMMUTABLE
  RETURN length(a) >= 5 AND length(b) >= 5 AND left(a, 1) = left(b, 1) AND a <> b
     AND abs(length(a) - length(b)) <= 1
     AND EXISTS (
       SELECT 1 FROM generate_series(1, greatest(length(a), length(b))) AS g(i)
        WHERE (length(a) = length(b)
               AND (overlay(a PLACING substr(b, i, 1) FROM i FOR 1) = b
                    OR (i < length(a)
                        AND substr(a, 1, i - 1) || substr(a, i + 1, 1) || substr(a, i, 1)
                            || substr(a, i + 2) = b)))
           OR (length(a) = length(b) + 1 AND substr(a, 1, i - 1) || substr(a, i + 1) = b)
           OR (length(b) = length(a) + 1 AND substr(b, 1, i - 1) || substr(b, i + 1) = a));

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
     SELECT 1
       FROM (SELECT m.name AS f UNION ALL SELECT jsonb_array_elements_text(m.variants::jsonb)) AS forms,
            unnest(pg_temp.cg_withheld_words(forms.f)) AS o(w),
            unnest(k.words) AS p(w)
      WHERE o.w = p.w OR pg_temp.cg_other_spelling(o.w, p.w));

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
