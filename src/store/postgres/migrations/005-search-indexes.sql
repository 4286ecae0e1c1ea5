-- Indexes for search with facets (src/search/postgres/statement.ts).
--
-- The subject tier of relevance: past a couple of thousand matches, cables whose subject alone
-- satisfies the text are ranked first, on their subject. This index finds them without reading
-- any cable's full tsvector (a recheck computes the expression from the subject, a few words).
-- The query writes the expression exactly so (SUBJECT_VECTOR in src/search/postgres/compile.ts).
CREATE INDEX cables_subject_tsv ON cables USING gin (cg_text_tsv(subject, NULL));

-- Entity facets read the resolved mentions of every match: (cable_id, type) with the entity and
-- the protected flag in the index, resolved mentions only, so each match costs an index-only probe
-- and an archive whose mentions are not resolved yet (a PostgreSQL ingest) costs nothing.
CREATE INDEX mentions_cable_entity ON mentions (cable_id, type) INCLUDE (entity_id, protected)
  WHERE entity_id IS NOT NULL;
