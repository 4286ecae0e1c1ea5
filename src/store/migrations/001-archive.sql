-- The archive. One row per cable id in `cables` holding the searchable (newest) version; every
-- distinct text ever seen for an id in `versions`. Child tables hold the parsed elements of the
-- current version and are rewritten when a newer version arrives.
--
-- Text is stored once: the body in cables.body, paragraph texts in paragraphs.text (both are the
-- FTS external content). cables.cable_json is the rest of the Cable JSON, with "body" and each
-- paragraph's "text" left empty; src/store/read.ts (getCable, readCables) puts them back and
-- returns the exact Cable JSON. Read whole cables through it, not from cable_json directly.

CREATE TABLE cables (
  id               INTEGER PRIMARY KEY,          -- rowid, also the FTS rowid
  reference_id     TEXT NOT NULL UNIQUE,         -- canonical id
  station          TEXT,
  year             INTEGER,
  serial           INTEGER,
  created          TEXT,                         -- ISO 8601 UTC
  released         TEXT,
  month            TEXT,                         -- substr(created, 1, 7): histogram bucket
  origin           TEXT,
  classification   TEXT,                         -- as the contract normalises it
  level            TEXT,                         -- classification without caveat: CONFIDENTIAL...
  partial          INTEGER NOT NULL DEFAULT 0,
  transmission_id  TEXT,
  precedence       TEXT,
  dtg              TEXT,
  from_addr        TEXT,
  subject          TEXT,
  summary          TEXT,
  comment          TEXT,
  decl_date        TEXT,
  classified_by    TEXT,                         -- names joined with '; '
  signers          TEXT,                         -- joined with '; '
  protect          TEXT,                         -- strongest marker: 'STRICTLY PROTECT' | 'PROTECT' | NULL
  redactions       INTEGER NOT NULL DEFAULT 0,
  ref_count        INTEGER NOT NULL DEFAULT 0,
  body             TEXT NOT NULL,
  cable_json       TEXT NOT NULL,                -- Cable JSON of the current version, body and paragraph texts emptied
  version_id       INTEGER NOT NULL              -- current version
);
CREATE INDEX cables_created ON cables(created);
CREATE INDEX cables_released ON cables(released);
CREATE INDEX cables_station_year_serial ON cables(station, year, serial);
CREATE INDEX cables_origin ON cables(origin);
CREATE INDEX cables_classification ON cables(classification);
CREATE INDEX cables_month ON cables(month);

-- A record is the same version as a stored one when its text and metadata as read are the same
-- (text_hash: independent of the parser, so re-ingesting after a parser upgrade changes nothing)
-- or when it parses to the same cable (content_hash: the same cable from another container, e.g. a
-- WikiLeaks page and its text-mirror copy).
CREATE TABLE versions (
  id             INTEGER PRIMARY KEY,
  reference_id   TEXT NOT NULL,
  text_hash      TEXT NOT NULL,                  -- sha1 of metadata + header + body as read, whitespace runs collapsed
  content_hash   TEXT NOT NULL,                  -- sha1 of the parsed Cable without source, warnings, released
  released       TEXT,
  source_id      TEXT,                           -- the id as the source wrote it (08ECTION01OF02MANAMA492), if any
  source_format  TEXT NOT NULL,
  source_file    TEXT NOT NULL,
  source_offset  INTEGER NOT NULL,
  source_line    INTEGER NOT NULL,
  ingested_at    TEXT NOT NULL,
  cable_json     TEXT,                           -- whole Cable JSON; NULL while current (it is in cables)
  UNIQUE (reference_id, text_hash)               -- also the index for "versions of an id"
);

CREATE TABLE paragraphs (
  id        INTEGER PRIMARY KEY,                 -- FTS rowid
  cable_id  INTEGER NOT NULL REFERENCES cables(id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,                    -- position in the cable, 0-based
  number    INTEGER NOT NULL,
  marking   TEXT,
  heading   TEXT,
  text      TEXT NOT NULL,
  UNIQUE (cable_id, seq)
);
CREATE INDEX paragraphs_marking ON paragraphs(marking, cable_id);

-- One edge per REF item.
CREATE TABLE refs (
  cable_id   INTEGER NOT NULL REFERENCES cables(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  label      TEXT,
  kind       TEXT NOT NULL,
  text       TEXT NOT NULL,
  target_id  TEXT,                               -- canonical id for cable references
  PRIMARY KEY (cable_id, seq)
) WITHOUT ROWID;
CREATE INDEX refs_target ON refs(target_id, cable_id);

-- REF edges with the cited cable's rowid, NULL when the cited cable is not in the archive.
CREATE VIEW ref_targets AS
  SELECT r.cable_id, r.seq, r.label, r.kind, r.text, r.target_id, t.id AS target_cable_id
    FROM refs r LEFT JOIN cables t ON t.reference_id = r.target_id;

CREATE TABLE tags (
  cable_id  INTEGER NOT NULL REFERENCES cables(id) ON DELETE CASCADE,
  tag       TEXT NOT NULL,
  PRIMARY KEY (cable_id, tag)
) WITHOUT ROWID;
CREATE INDEX tags_tag ON tags(tag, cable_id);

CREATE TABLE caveats (
  cable_id  INTEGER NOT NULL REFERENCES cables(id) ON DELETE CASCADE,
  caveat    TEXT NOT NULL,
  PRIMARY KEY (cable_id, caveat)
) WITHOUT ROWID;
CREATE INDEX caveats_caveat ON caveats(caveat, cable_id);

CREATE TABLE reasons (
  cable_id  INTEGER NOT NULL REFERENCES cables(id) ON DELETE CASCADE,
  reason    TEXT NOT NULL,                       -- 1.4(b)
  PRIMARY KEY (cable_id, reason)
) WITHOUT ROWID;
CREATE INDEX reasons_reason ON reasons(reason, cable_id);

CREATE TABLE recipients (
  cable_id    INTEGER NOT NULL REFERENCES cables(id) ON DELETE CASCADE,
  role        TEXT NOT NULL,                     -- 'to' | 'info'
  seq         INTEGER NOT NULL,
  route       TEXT,
  name        TEXT NOT NULL,
  precedence  TEXT,
  mcn         TEXT,
  PRIMARY KEY (cable_id, role, seq)
) WITHOUT ROWID;

CREATE TABLE protect (
  cable_id   INTEGER NOT NULL REFERENCES cables(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  marker     TEXT NOT NULL,
  paragraph  INTEGER,
  text       TEXT NOT NULL,
  PRIMARY KEY (cable_id, seq)
) WITHOUT ROWID;

-- Full text. External content: the text lives once, in cables / paragraphs.
CREATE VIRTUAL TABLE cables_fts USING fts5(
  subject, body, content='cables', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE paragraphs_fts USING fts5(
  text, content='paragraphs', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);

-- One row per ingest; finished_at stays NULL when the run was interrupted (the archive is still
-- consistent: each batch is one transaction, and a rerun skips what is already stored).
CREATE TABLE ingest_runs (
  id           INTEGER PRIMARY KEY,
  started_at   TEXT NOT NULL,
  finished_at  TEXT,
  inputs       TEXT NOT NULL DEFAULT '[]',       -- JSON array of the paths given
  report_json  TEXT                              -- the ingest report (src/ingest/report.ts)
);
