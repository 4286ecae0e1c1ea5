-- The archive on PostgreSQL: the same tables and the same meaning as the SQLite archive
-- (src/store/migrations/001-007), with the FTS5 tables replaced by one tsvector column and GIN.
-- Dates stay ISO text, as in SQLite, so both back ends compare, sort and bucket them alike.

CREATE EXTENSION IF NOT EXISTS unaccent;

-- Text as the FTS5 tokenizer (unicode61 remove_diacritics 2) sees it: accents off (unaccent),
-- lower case, and every run of characters that are not letters or digits one space, so the
-- PostgreSQL parser meets only plain words and numbers and numbers its tokens as FTS5 does
-- (`al-Qadhafi` is `al qadhafi`, `1.4(b)` is `1 4 b`). IMMUTABLE so a generated column may use
-- it: the unaccent dictionary is named with its schema, not looked up on the search path.
CREATE FUNCTION cg_fold(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, t)), '[^[:alnum:]]+', ' ', 'g');

-- Subject words weigh A, body words B: `subject:` and `body:` become weight filters, and a phrase
-- is matched within one column by asking for it at each weight.
CREATE FUNCTION cg_text_tsv(subject text, body text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN setweight(to_tsvector('pg_catalog.simple'::regconfig, coalesce(cg_fold(subject), '')), 'A')
      || setweight(to_tsvector('pg_catalog.simple'::regconfig, coalesce(cg_fold(body), '')), 'B');

CREATE TABLE cables (
  id               bigint PRIMARY KEY,
  reference_id     text NOT NULL UNIQUE,
  station          text,
  year             integer,
  serial           integer,
  created          text,
  released         text,
  month            text,
  origin           text,
  classification   text,
  level            text,
  partial          boolean NOT NULL DEFAULT false,
  transmission_id  text,
  precedence       text,
  dtg              text,
  from_addr        text,
  subject          text,
  summary          text,
  comment          text,
  decl_date        text,
  classified_by    text,
  signers          text,
  protect          text,
  redactions       integer NOT NULL DEFAULT 0,
  ref_count        integer NOT NULL DEFAULT 0,
  body             text NOT NULL,
  cable_json       text NOT NULL,
  version_id       bigint NOT NULL,
  created_est      text,
  created_est_json text,
  tsv              tsvector GENERATED ALWAYS AS (cg_text_tsv(subject, body)) STORED,
  -- signer: (weight A) and classifiedby: (weight B) match words of names.
  people_tsv       tsvector GENERATED ALWAYS AS (cg_text_tsv(signers, classified_by)) STORED
);
CREATE SEQUENCE cables_id_seq OWNED BY cables.id;
CREATE INDEX cables_tsv ON cables USING gin (tsv);
CREATE INDEX cables_people_tsv ON cables USING gin (people_tsv);
CREATE INDEX cables_created ON cables (created);
CREATE INDEX cables_released ON cables (released);
CREATE INDEX cables_station_year_serial ON cables (station, year, serial);
CREATE INDEX cables_origin ON cables (origin);
CREATE INDEX cables_classification ON cables (classification);
CREATE INDEX cables_level ON cables (level);
CREATE INDEX cables_month ON cables (month);
CREATE INDEX cables_year ON cables (year);

CREATE TABLE versions (
  id             bigint PRIMARY KEY,
  reference_id   text NOT NULL,
  text_hash      text NOT NULL,
  content_hash   text NOT NULL,
  released       text,
  source_id      text,
  source_format  text NOT NULL,
  source_file    text NOT NULL,
  source_offset  bigint NOT NULL,
  source_line    integer NOT NULL,
  ingested_at    text NOT NULL,
  cable_json     text,
  UNIQUE (reference_id, text_hash)
);
CREATE SEQUENCE versions_id_seq OWNED BY versions.id;

CREATE TABLE paragraphs (
  cable_id  bigint NOT NULL REFERENCES cables (id) ON DELETE CASCADE,
  seq       integer NOT NULL,
  number    integer NOT NULL,
  marking   text,
  heading   text,
  text      text NOT NULL,
  PRIMARY KEY (cable_id, seq)
);
CREATE INDEX paragraphs_marking ON paragraphs (marking, cable_id);

CREATE TABLE refs (
  cable_id   bigint NOT NULL REFERENCES cables (id) ON DELETE CASCADE,
  seq        integer NOT NULL,
  label      text,
  kind       text NOT NULL,
  text       text NOT NULL,
  target_id  text,
  PRIMARY KEY (cable_id, seq)
);
CREATE INDEX refs_target ON refs (target_id, cable_id);

CREATE TABLE tags (
  cable_id  bigint NOT NULL REFERENCES cables (id) ON DELETE CASCADE,
  tag       text NOT NULL,
  PRIMARY KEY (cable_id, tag)
);
CREATE INDEX tags_tag ON tags (tag text_pattern_ops, cable_id);

CREATE TABLE caveats (
  cable_id  bigint NOT NULL REFERENCES cables (id) ON DELETE CASCADE,
  caveat    text NOT NULL,
  PRIMARY KEY (cable_id, caveat)
);
CREATE INDEX caveats_caveat ON caveats (caveat, cable_id);

CREATE TABLE reasons (
  cable_id  bigint NOT NULL REFERENCES cables (id) ON DELETE CASCADE,
  reason    text NOT NULL,
  PRIMARY KEY (cable_id, reason)
);
CREATE INDEX reasons_reason ON reasons (reason text_pattern_ops, cable_id);

CREATE TABLE recipients (
  cable_id    bigint NOT NULL REFERENCES cables (id) ON DELETE CASCADE,
  role        text NOT NULL,
  seq         integer NOT NULL,
  route       text,
  name        text NOT NULL,
  precedence  text,
  mcn         text,
  PRIMARY KEY (cable_id, role, seq)
);

CREATE TABLE protect (
  cable_id   bigint NOT NULL REFERENCES cables (id) ON DELETE CASCADE,
  seq        integer NOT NULL,
  marker     text NOT NULL,
  paragraph  integer,
  text       text NOT NULL,
  PRIMARY KEY (cable_id, seq)
);

CREATE TABLE ingest_runs (
  id           bigserial PRIMARY KEY,
  started_at   text NOT NULL,
  finished_at  text,
  inputs       text NOT NULL DEFAULT '[]',
  report_json  text,
  status       text NOT NULL DEFAULT 'running',
  error        text
);

-- NEAR(p1 p2 …, n) with the semantics of FTS5 (fts5ExprNearIsMatch): some start position of
-- every phrase such that, with M the last of them, each phrase i starts at or after
-- M - length(i) - n. `phrases` holds each phrase as its lexemes joined by spaces, a final `*`
-- making the last one a prefix; only positions of weight `w` count (A subject, B body), since
-- FTS5 matches a NEAR group within one column. The GIN index has already found the cables that
-- hold every phrase; this checks the distances on those alone.
CREATE FUNCTION cg_near(tsv tsvector, phrases text[], n integer, w text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  WITH toks AS (
    SELECT p.i, t.j - 1 AS off, rtrim(t.tok, '*') AS lex, t.tok LIKE '%*' AS pre,
           count(*) OVER (PARTITION BY p.i) AS len
      FROM unnest(phrases) WITH ORDINALITY AS p(ph, i),
           LATERAL unnest(string_to_array(p.ph, ' ')) WITH ORDINALITY AS t(tok, j)
  ),
  -- Lexemes are compared before their positions are unnested: a cable has thousands of
  -- positions, the phrases want a few of its lexemes.
  starts AS (
    SELECT t.i, t.len, x.p - t.off AS start
      FROM toks t
      JOIN unnest(tsv) u ON u.lexeme = t.lex OR (t.pre AND starts_with(u.lexeme, t.lex)),
           LATERAL unnest(u.positions, u.weights) AS x(p, wt)
     WHERE x.wt = w
     GROUP BY t.i, t.len, x.p - t.off
    HAVING count(DISTINCT t.off) = t.len
  )
  SELECT EXISTS (
    SELECT 1 FROM starts m
     WHERE (SELECT count(DISTINCT s.i) FROM starts s
             WHERE s.start <= m.start AND s.start >= m.start - s.len - n) = cardinality(phrases)
  )
$$;
