-- A counter every entity resolution moves inside its own transaction (src/store/postgres/
-- entities-resolve.ts). It is part of the archive's state (archiveStamp, src/store/postgres/
-- per-state.ts), which servers' response caches and per-state reads compare: a resolution that no
-- ingest run records (`cablegram entities --rebuild`) must empty them as an ingest does.
CREATE TABLE entity_resolutions (
  one   boolean PRIMARY KEY DEFAULT true CHECK (one),
  runs  bigint NOT NULL
);
INSERT INTO entity_resolutions (one, runs) VALUES (true, 0);
