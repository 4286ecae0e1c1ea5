-- Entities on PostgreSQL: the tables of the SQLite archive's entity layer (src/store/migrations/
-- 005-entities.sql, 008-entity-groups.sql), same columns and meaning, so `migrate` copies them as
-- they are and the entity pages, `person:`/`org:`/`place:`, entity facets and public mode read
-- them alike (src/store/postgres/entities-read.ts). `terms` is the full-text vocabulary with
-- document counts that `word~` draws its spelling variants from (SQLite reads it from fts5vocab).

CREATE TABLE mentions (
  cable_id     bigint NOT NULL REFERENCES cables (id) ON DELETE CASCADE,
  seq          integer NOT NULL,
  type         text NOT NULL,
  name         text NOT NULL,
  variants     text NOT NULL DEFAULT '[]',
  roles        text NOT NULL DEFAULT '[]',
  paragraphs   text NOT NULL DEFAULT '[]',
  kind         text,
  us_official  boolean NOT NULL DEFAULT false,
  protected    boolean NOT NULL DEFAULT false,
  entity_id    text,
  link         text,
  key          text,
  vkeys        text NOT NULL DEFAULT '',
  PRIMARY KEY (cable_id, seq)
);
CREATE INDEX mentions_entity ON mentions (entity_id COLLATE "C", cable_id);
CREATE INDEX mentions_protected ON mentions (cable_id) WHERE protected;
CREATE INDEX mentions_key ON mentions (type, key);
-- Mentions no resolution has placed: what a PostgreSQL ingest writes (docs/server-mode.md).
CREATE INDEX mentions_unresolved ON mentions (cable_id) WHERE entity_id IS NULL;

CREATE TABLE entities (
  id             text PRIMARY KEY,
  type           text NOT NULL,
  name           text NOT NULL,
  cables         integer NOT NULL,
  public_cables  integer NOT NULL,
  first_created  text,
  last_created   text
);
CREATE INDEX entities_type_cables ON entities (type, cables DESC);
CREATE INDEX entities_type_public ON entities (type, public_cables DESC);

CREATE TABLE entity_forms (
  entity_id      text NOT NULL,
  form           text NOT NULL,
  cables         integer NOT NULL,
  public_cables  integer NOT NULL,
  PRIMARY KEY (entity_id, form)
);

-- Ranges of words (`word >= 'asq' AND word < 'asq\uffff'`) compare byte-wise, as SQLite's BINARY.
CREATE TABLE entity_words (
  word       text COLLATE "C" NOT NULL,
  entity_id  text COLLATE "C" NOT NULL,
  public     boolean NOT NULL,
  PRIMARY KEY (word, entity_id)
);

CREATE TABLE entity_owners (
  type      text NOT NULL,
  vkey      text NOT NULL,
  key       text NOT NULL,
  mentions  integer NOT NULL,
  PRIMARY KEY (type, vkey, key)
);

CREATE TABLE entity_dirty (
  type       text NOT NULL,
  key        text,
  vkeys      text,
  entity_id  text
);

-- Words of the full-text index (subject and body) with the number of cables holding each: the
-- vocabulary `word~` and its spelling variants come from.
CREATE TABLE terms (
  term  text COLLATE "C" PRIMARY KEY,
  docs  integer NOT NULL
);

-- An archive ingested into PostgreSQL before this migration: each cable's persons, organisations
-- and places are in its stored JSON, so its mentions are written from there (unresolved, like any
-- mention the PostgreSQL ingest writes), and public mode knows whom each cable protects.
INSERT INTO mentions (cable_id, seq, type, name, variants, roles, paragraphs, kind, us_official, protected)
SELECT c.id, e.seq - 1, e.type, e.x->>'name', coalesce(e.x->>'variants', '[]'),
       coalesce(e.x->>'roles', '[]'), coalesce(e.x->>'paragraphs', '[]'), e.x->>'kind',
       coalesce((e.x->>'usOfficial')::boolean, false), coalesce((e.x->>'protected')::boolean, false)
  FROM cables c,
       LATERAL (
         SELECT t.type, t.x, row_number() OVER (ORDER BY t.o, t.i) AS seq
           FROM (SELECT 'person' AS type, 1 AS o, p.i, p.x
                   FROM jsonb_array_elements(coalesce(c.cable_json::jsonb->'persons', '[]')) WITH ORDINALITY AS p(x, i)
                 UNION ALL
                 SELECT 'org', 2, g.i, g.x
                   FROM jsonb_array_elements(coalesce(c.cable_json::jsonb->'organizations', '[]')) WITH ORDINALITY AS g(x, i)
                 UNION ALL
                 SELECT 'place', 3, l.i, l.x
                   FROM jsonb_array_elements(coalesce(c.cable_json::jsonb->'places', '[]')) WITH ORDINALITY AS l(x, i)) t
       ) e;
INSERT INTO terms (term, docs)
SELECT word, ndoc FROM ts_stat('SELECT tsv FROM cables')
 WHERE length(word) >= 4 AND word !~ '[0-9]';
