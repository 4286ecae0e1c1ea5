-- Per-cable analytics facts (owner: analytics), derived at ingest by src/store/analytics-facts.ts.
-- A view over a broad set (26,000 cables) used to read every paragraph marking and addressee line
-- of the set and resolve each line to a post: ~200,000 rows and string work per request. Here each
-- cable's facts are one blob of int32s — strings become ids of `analytics_values` — so a view
-- reads one short value per cable of its set, all of them in one row (group_concat).
CREATE TABLE analytics_values (
  id     INTEGER PRIMARY KEY,
  value  TEXT NOT NULL UNIQUE
);

-- facts: cable id, yyyymm of `created`, cables.year, value ids of level, origin, sending post and
-- precedence, the declassification horizon in years, the value id of the creation day, paragraphs
-- per marking level, then the lists of TAGs, caveats, reasons, classifying officials and reported
-- days (each its length, then value ids), then the addressee lines (their number, then post id and
-- flags per line). src/store/analytics-facts.ts writes it, analytics-facts-read.ts reads it.
CREATE TABLE analytics_facts (
  cable_id  INTEGER PRIMARY KEY REFERENCES cables(id) ON DELETE CASCADE,
  facts     BLOB NOT NULL
);

CREATE TABLE analytics_facts_state (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  version  INTEGER NOT NULL,        -- max(versions.id) the facts were built from
  derive   INTEGER NOT NULL         -- DERIVE_VERSION of the code that built them
);
