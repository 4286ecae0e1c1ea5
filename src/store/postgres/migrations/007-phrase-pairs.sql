-- Phrases from an index of adjacent word pairs (src/search/postgres/compile.ts): its function.
--
-- A phrase on `tsv` is a GIN match of all its words and then a position check that reads each
-- candidate's whole tsvector out of TOAST: `"end summary"` at 50,000 cables read 30,000 of them,
-- most of the statement's time, where the AND of the two words alone costs a tenth. This index
-- holds each cable's pairs of adjacent words instead, within the subject and within the body (a
-- phrase never runs from one into the other, as the weights keep it on `tsv`), so a two-word
-- phrase is one exact GIN lookup, with no recheck, and a longer one a lookup of all its pairs
-- before the position check on the few candidates left. The pairs are the lexemes of a tsvector
-- without positions: its GIN keys compare byte-wise (a text[] would sort its keys by collation)
-- and `@@` of lexemes alone is answered by the index without a recheck.
--
-- The words are those of `tsv`: cg_fold leaves runs of letters and digits between single spaces,
-- and the simple parser makes each run one lexeme at the next position. Where the tsvector does
-- not hold every word's position, pairs could say more, or less, than `tsv` does. A lexeme keeps
-- at most 255 positions: pairs of that word could be more than `tsv` finds, so the cable gets
-- '!' || lexeme (a pair always holds a space, these never do), and phrases with that word
-- are decided there on `tsv`. A word of 2,047 bytes or more is left out of the tsvector (its
-- neighbours become adjacent there) and positions stop at 16,383: the cable gets '!', and every
-- phrase is decided there on `tsv`; so does a cable whose tsvector holds fewer positions than it
-- has words for any other reason. Every answer stays what `tsv` alone gives.
--
-- COST: milliseconds a call; the planner should never choose to compute it for rows it filters.
CREATE FUNCTION cg_phrase_pairs(subject text, body text, tsv tsvector) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE COST 100000
AS $$
  SELECT array_to_tsvector(ARRAY(
    SELECT a || ' ' || b FROM unnest(s, s[2:]) AS u(a, b) WHERE b IS NOT NULL
    UNION ALL
    SELECT a || ' ' || b FROM unnest(w, w[2:]) AS u(a, b) WHERE b IS NOT NULL
    UNION ALL
    SELECT '!' || m FROM unnest(many) AS m
    UNION ALL
    SELECT '!' WHERE cardinality(s) + cardinality(w) >= 16000
       OR (cardinality(many) = 0 AND cardinality(s) + cardinality(w) <> npos)
       OR EXISTS (SELECT 1 FROM unnest(s || w) AS x WHERE octet_length(x) >= 2000)))
  -- OFFSET 0: folded once each; flattened, every use of s and w would fold the text again.
  FROM (SELECT string_to_array(btrim(cg_fold(coalesce(subject, ''))), ' ') AS s,
               string_to_array(btrim(cg_fold(coalesce(body, ''))), ' ') AS w OFFSET 0) t,
       (SELECT coalesce(array_agg(v.lexeme) FILTER (WHERE cardinality(v.positions) >= 250), '{}') AS many,
               coalesce(sum(cardinality(v.positions)), 0) AS npos
          FROM unnest(tsv) AS v) p
$$;

-- The index itself is built by choice, not here (docs/server-mode.md): at 10,000 cables its
-- build took 11 times the GIN build of `tsv` and it is 4.5 times its size, more than the ingest's
-- budget (twice a bare COPY and GIN). An expression index, no stored column: the pairs are
-- computed once, by its build, and never read back. ANALYZE would compute them again for every
-- sampled row (tens of seconds), so its column gathers no statistics. Searches use it once it is
-- there and valid (src/search/postgres/search.ts); a bulk load drops and builds it like the others.
--
--   CREATE INDEX CONCURRENTLY cables_phrase_pairs ON cables
--     USING gin (cg_phrase_pairs(subject, body, tsv));
--   ALTER INDEX cables_phrase_pairs ALTER COLUMN 1 SET STATISTICS 0;
