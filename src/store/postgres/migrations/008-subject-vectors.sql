-- The subject's own vector, per cable and version, for ranking the subject tier of relevance
-- (src/search/postgres/statement.ts subjectTier): past a few thousand matches, the matches whose
-- subject alone satisfies the query come first, ranked by ts_rank on the subject. Read from `tsv`,
-- that rank reads the cable's whole tsvector out of TOAST (several kB, a few chunks) for a few
-- words: `iran` at 251,287 cables spent 97 ms of its 181 on 10,706 such reads, 17 ms on these
-- rows. The number is the same either way (subject positions come first in `tsv`, and body words
-- weigh 0 in that rank; test/pg/search-shapes.test.ts).
--
-- A cache, never an answer: a row counts only while its version is the cable's current one
-- (searches join on both and read `tsv` otherwise), so an ingest's batches need not keep it and
-- readers never see it wrong. The ingest and `migrate` fill what is missing at their end
-- (src/store/postgres/subject-vectors.ts).
CREATE TABLE cable_subjects (
  id          bigint PRIMARY KEY REFERENCES cables (id) ON DELETE CASCADE,
  version_id  bigint NOT NULL,
  tsv         tsvector NOT NULL
);

INSERT INTO cable_subjects (id, version_id, tsv)
SELECT id, version_id, cg_text_tsv(subject, NULL) FROM cables;
