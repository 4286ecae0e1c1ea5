-- Which entity extractor wrote the archive's mentions (src/model/extractor.ts), and how far a
-- `cablegram reextract` got (owner: src/store/extractor-state.ts). An archive that already holds
-- cables was extracted before versions were recorded: version 0, "older than any recorded". A new
-- archive gets the current version from its first ingest.
CREATE TABLE archive_state (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO archive_state (key, value) SELECT 'extractor', '0' WHERE EXISTS (SELECT 1 FROM cables);
