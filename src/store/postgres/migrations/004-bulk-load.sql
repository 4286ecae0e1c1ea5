-- What a bulk load into an empty archive dropped and builds again at its end (src/store/postgres/
-- bulk-load.ts): secondary indexes and foreign keys of the tables the ingest COPYs into, each with
-- the statement that makes it again. Rows here outside a running ingest mean a load was cut before
-- its rebuild: the archive answers every query, more slowly, until the next ingest builds them.
CREATE TABLE bulk_load_dropped (
  kind    text NOT NULL CHECK (kind IN ('index', 'constraint')),
  name    text NOT NULL,
  tbl     text NOT NULL,
  def     text NOT NULL,
  run_id  bigint NOT NULL,
  PRIMARY KEY (kind, tbl, name)
);
