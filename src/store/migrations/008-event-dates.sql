-- Dates of events reported in cable paragraphs (owner: analytics; extraction in
-- src/model/event-dates.ts, upkeep in src/store/event-dates.ts). Derived from the current version's
-- paragraphs and its creation date, so they are rebuilt for every cable whose current version is
-- newer than event_dates_state.version: after each ingest, or at first use by a writable
-- connection. Deleting a cable (a new current version replaces its rows) deletes its dates.
CREATE TABLE event_dates (
  cable_id    INTEGER NOT NULL REFERENCES cables(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,                  -- paragraph position in the cable, 0-based
  start       TEXT NOT NULL,                     -- YYYY-MM-DD
  end         TEXT NOT NULL,                     -- YYYY-MM-DD (= start for one day)
  text        TEXT NOT NULL,                     -- the words it was read from
  year_given  INTEGER NOT NULL                   -- 1 when the year was written, 0 when inferred
);
CREATE INDEX event_dates_cable ON event_dates(cable_id, start);
CREATE INDEX event_dates_start ON event_dates(start, cable_id);

CREATE TABLE event_dates_state (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  version  INTEGER NOT NULL                      -- max(cables.version_id) the dates were built from
);
