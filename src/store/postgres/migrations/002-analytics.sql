-- What the analytics views read, derived once instead of per request, as on SQLite (migrations
-- 006-traffic-counts and 009-analytics-facts): per-cable integer facts packed as on SQLite
-- (src/store/analytics-facts.ts `pack`, little-endian int32), the dictionary their value ids
-- point into, and cables per month of the archive and of each TAG, origin and level. Each has a
-- state row naming the archive version (max(versions.id)) it was built at: a reader finding it
-- older derives the cables changed since from their rows (src/store/postgres/analytics-facts.ts).
-- The dates each cable reports are folded into its facts when they are derived (SQLite keeps
-- them in event_dates as well; here the reported-dates drill-down reads the few cables it lists
-- from their paragraphs).

CREATE TABLE analytics_values (
  id     integer PRIMARY KEY,
  value  text NOT NULL UNIQUE
);

CREATE TABLE analytics_facts (
  cable_id  bigint PRIMARY KEY REFERENCES cables (id) ON DELETE CASCADE,
  facts     bytea NOT NULL
);

CREATE TABLE analytics_facts_state (
  id       integer PRIMARY KEY CHECK (id = 1),
  version  bigint NOT NULL,
  derive   integer NOT NULL
);

CREATE TABLE traffic_counts (
  dimension  text NOT NULL,
  value      text NOT NULL,
  month      text NOT NULL,
  count      integer NOT NULL,
  PRIMARY KEY (dimension, value, month)
);

CREATE TABLE traffic_counts_state (
  id       integer PRIMARY KEY CHECK (id = 1),
  version  bigint NOT NULL
);
