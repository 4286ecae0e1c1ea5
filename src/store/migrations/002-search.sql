-- Search and graph support (owner: search). Indexes so a query never has to read the wide
-- `cables` rows (body and JSON) to filter, sort or count: every query condition is answered by an
-- index range that yields rowids (src/search/compile.ts). Plus a small FTS table over names.

-- Covering index keyed by rowid: sort keys and facet columns for a given set of ids come from here
-- (about 80 bytes a cable) instead of the multi-kilobyte table rows.
CREATE INDEX cables_search_meta ON cables(id, created, released, month, origin, classification);
CREATE INDEX cables_year ON cables(year);
-- Serial neighbours of a missing cable, with their dates, without reading rows (date estimates).
CREATE INDEX cables_serial_created ON cables(station, year, serial, created);
CREATE INDEX cables_level ON cables(level);

-- Partial indexes behind the has: filters: each holds only the ids that have the thing. Where the
-- column is short it is the indexed column, which makes the index covering for `WHERE col ...`.
CREATE INDEX cables_has_refs ON cables(ref_count) WHERE ref_count > 0;
CREATE INDEX cables_has_protect ON cables(protect) WHERE protect IS NOT NULL;
CREATE INDEX cables_has_redactions ON cables(redactions) WHERE redactions > 0;
CREATE INDEX cables_has_signer ON cables(signers) WHERE signers IS NOT NULL;
CREATE INDEX cables_has_classifiedby ON cables(classified_by) WHERE classified_by IS NOT NULL;
CREATE INDEX cables_partial ON cables(partial) WHERE partial = 1;
-- Summaries and comments are long: index a computed flag instead (virtual columns take no space).
ALTER TABLE cables ADD COLUMN has_summary INTEGER GENERATED ALWAYS AS (summary IS NOT NULL) VIRTUAL;
ALTER TABLE cables ADD COLUMN has_comment INTEGER GENERATED ALWAYS AS (comment IS NOT NULL) VIRTUAL;
CREATE INDEX cables_has_summary ON cables(has_summary) WHERE has_summary = 1;
CREATE INDEX cables_has_comment ON cables(has_comment) WHERE has_comment = 1;

-- signer: and classifiedby: match words of names ("clinton", "Mark Asquino"), so they need a
-- tokenised index; external content keeps the names stored once, in `cables`.
CREATE VIRTUAL TABLE people_fts USING fts5(
  signers, classified_by, content='cables', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO people_fts(people_fts) VALUES ('rebuild');

CREATE TRIGGER cables_people_insert AFTER INSERT ON cables BEGIN
  INSERT INTO people_fts(rowid, signers, classified_by)
  VALUES (new.id, new.signers, new.classified_by);
END;
CREATE TRIGGER cables_people_delete AFTER DELETE ON cables BEGIN
  INSERT INTO people_fts(people_fts, rowid, signers, classified_by)
  VALUES ('delete', old.id, old.signers, old.classified_by);
END;
CREATE TRIGGER cables_people_update AFTER UPDATE OF signers, classified_by ON cables BEGIN
  INSERT INTO people_fts(people_fts, rowid, signers, classified_by)
  VALUES ('delete', old.id, old.signers, old.classified_by);
  INSERT INTO people_fts(rowid, signers, classified_by)
  VALUES (new.id, new.signers, new.classified_by);
END;

-- Subjects alone: ranks the subject matches of a very broad text query (src/search/hits.ts) from a
-- small index, where a `subject :` filter on cables_fts would read every body position list.
CREATE VIRTUAL TABLE subject_fts USING fts5(
  subject, content='cables', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO subject_fts(subject_fts) VALUES ('rebuild');

CREATE TRIGGER cables_subject_insert AFTER INSERT ON cables BEGIN
  INSERT INTO subject_fts(rowid, subject) VALUES (new.id, new.subject);
END;
CREATE TRIGGER cables_subject_delete AFTER DELETE ON cables BEGIN
  INSERT INTO subject_fts(subject_fts, rowid, subject) VALUES ('delete', old.id, old.subject);
END;
CREATE TRIGGER cables_subject_update AFTER UPDATE OF subject ON cables BEGIN
  INSERT INTO subject_fts(subject_fts, rowid, subject) VALUES ('delete', old.id, old.subject);
  INSERT INTO subject_fts(rowid, subject) VALUES (new.id, new.subject);
END;
