-- Phrase pairs (migration 007) without over-long pairs. PostgreSQL 15.20 rejects a lexeme of 2,048
-- bytes or more in array_to_tsvector, where earlier releases stored it: a cable with a word over
-- about 1,000 bytes beside another made a pair that long, and building the pair index failed
-- ("word is too long"). Now a word of 1,000 bytes or more makes no pair and marks its cable '!',
-- so every phrase is decided there on `tsv` (as for a word `tsv` leaves out, from 2,048 bytes),
-- and no pair exceeds 2,001 bytes. An index built by the old function stays right for what
-- searches ask of it: they never look a pair with such a word up (src/search/postgres/compile.ts).
CREATE OR REPLACE FUNCTION cg_phrase_pairs(subject text, body text, tsv tsvector) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE COST 100000
AS $$
  SELECT array_to_tsvector(ARRAY(
    SELECT a || ' ' || b FROM unnest(s, s[2:]) AS u(a, b)
     WHERE b IS NOT NULL AND octet_length(a) < 1000 AND octet_length(b) < 1000
    UNION ALL
    SELECT a || ' ' || b FROM unnest(w, w[2:]) AS u(a, b)
     WHERE b IS NOT NULL AND octet_length(a) < 1000 AND octet_length(b) < 1000
    UNION ALL
    SELECT '!' || m FROM unnest(many) AS m
    UNION ALL
    SELECT '!' WHERE cardinality(s) + cardinality(w) >= 16000
       OR (cardinality(many) = 0 AND cardinality(s) + cardinality(w) <> npos)
       OR EXISTS (SELECT 1 FROM unnest(s || w) AS x WHERE octet_length(x) >= 1000)))
  -- OFFSET 0: folded once each; flattened, every use of s and w would fold the text again.
  FROM (SELECT string_to_array(btrim(cg_fold(coalesce(subject, ''))), ' ') AS s,
               string_to_array(btrim(cg_fold(coalesce(body, ''))), ' ') AS w OFFSET 0) t,
       (SELECT coalesce(array_agg(v.lexeme) FILTER (WHERE cardinality(v.positions) >= 250), '{}') AS many,
               coalesce(sum(cardinality(v.positions)), 0) AS npos
          FROM unnest(tsv) AS v) p
$$;
