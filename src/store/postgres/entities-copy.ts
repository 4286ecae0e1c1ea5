/**
 * The entity layer's part of `cablegram migrate` (src/store/postgres/from-sqlite.ts): the SQLite
 * tables of migrations 005/008 copied as they are into PostgreSQL migration 003, and the full-text
 * vocabulary (`terms`) read out of FTS5's own index, so `word~` offers the same spellings on both.
 */
import type { Db } from "../db.js";

/** Column lists, the same names in both back ends (booleans arrive as SQLite's 0/1, which COPY reads). */
export const ENTITY_COLUMNS: Record<string, string> = {
  mentions:
    "cable_id, seq, type, name, variants, roles, paragraphs, kind, us_official, protected, entity_id, link, key, vkeys",
  entities: "id, type, name, cables, public_cables, first_created, last_created",
  entity_forms: "entity_id, form, cables, public_cables",
  entity_words: "word, entity_id, public",
  entity_owners: "type, vkey, key, mentions",
  entity_dirty: "type, key, vkeys, entity_id",
  terms: "term, docs",
};

/** After the cables (mentions reference them). */
export const ENTITY_TABLES = Object.keys(ENTITY_COLUMNS);

const VOCAB = "temp.cablegram_migrate_vocab";

/** The vocabulary as a table of the source connection (a temp table: read-only connections may). */
export function prepareSource(db: Db): void {
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${VOCAB} USING fts5vocab(main, 'cables_fts', 'row')`);
}

/** The SELECT of a table that is not read column for column; null for the others. */
export function sourceSelect(table: string): string | null {
  if (table !== "terms") return null;
  // The words variantsOf can use (MIN_VARIANT_LENGTH of src/search/variants.ts, which the store
  // may not import; migration 003 says the same): the rest would never be read.
  return `SELECT term, doc FROM ${VOCAB}
           WHERE doc >= 1 AND length(term) >= 4 AND term NOT GLOB '*[0-9]*'`;
}
