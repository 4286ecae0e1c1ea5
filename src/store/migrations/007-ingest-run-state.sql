-- Who runs an ingest and how it ended. An ingest holds the archive through its `running` row
-- (src/store/ingest-runs.ts): pid and process start time name the holder to a second ingest, which
-- refuses to start while that process lives. A run whose process is gone without finishing was
-- interrupted (killed, power cut); the next ingest marks it so, and `stats` says it.
ALTER TABLE ingest_runs ADD COLUMN status TEXT;       -- running | finished | failed | interrupted (NULL: before 004)
ALTER TABLE ingest_runs ADD COLUMN pid INTEGER;
ALTER TABLE ingest_runs ADD COLUMN process_start TEXT; -- the holder's start, to tell a reused pid apart
ALTER TABLE ingest_runs ADD COLUMN error TEXT;         -- why a failed or interrupted run stopped
UPDATE ingest_runs SET status = CASE WHEN finished_at IS NULL THEN 'interrupted' ELSE 'finished' END;
