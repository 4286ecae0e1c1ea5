-- The writer keeps people_fts and subject_fts in step (src/store/derived-fts.ts), so the triggers
-- of 002 go. A trigger that writes an FTS5 table gives every INSERT into `cables` its own statement
-- savepoint, and FTS5 writes out all its pending index data at every savepoint: cables_fts and
-- paragraphs_fts were flushed one cable at a time, which made a bulk ingest about 1.4 times slower.
-- Archives built with 002 keep their FTS contents, which the triggers kept exact until now.
DROP TRIGGER IF EXISTS cables_people_insert;
DROP TRIGGER IF EXISTS cables_people_delete;
DROP TRIGGER IF EXISTS cables_people_update;
DROP TRIGGER IF EXISTS cables_subject_insert;
DROP TRIGGER IF EXISTS cables_subject_delete;
DROP TRIGGER IF EXISTS cables_subject_update;
