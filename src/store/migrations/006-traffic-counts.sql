-- Precomputed traffic (owner: analytics): cables per month for the whole archive, per TAG, per
-- origin and per classification level. Burst detection runs over every TAG and every station, and
-- share-of-traffic timelines divide by all cables of a month; at full scale these counts would
-- otherwise be a join over a million TAG rows per view. src/store/traffic-counts.ts rebuilds them
-- after an ingest and whenever `traffic_counts_state.version` is behind the newest version row:
-- every new cable and every new version adds a `versions` row, so that is the archive's state.
CREATE TABLE traffic_counts (
  dimension  TEXT NOT NULL,                      -- 'all' | 'tag' | 'origin' | 'level'
  value      TEXT NOT NULL,                      -- '' for 'all'
  month      TEXT NOT NULL,                      -- YYYY-MM of `created`
  count      INTEGER NOT NULL,
  PRIMARY KEY (dimension, value, month)
) WITHOUT ROWID;

CREATE TABLE traffic_counts_state (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  version  INTEGER NOT NULL                      -- max(versions.id) the counts were built from
);
