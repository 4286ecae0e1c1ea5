import type { Db } from "./db.js";

/**
 * Full-text indexes that later migrations build over columns of `cables` (002: people_fts over
 * signers and classified_by, subject_fts over subject) are kept in step by the writer, not by
 * triggers. A trigger that writes an FTS5 table makes every INSERT into `cables` a statement with
 * its own savepoint, and FTS5 writes all its pending index data to disk at every savepoint: the
 * big indexes (cables_fts, paragraphs_fts) then flush one cable at a time, which made a bulk
 * ingest about half again as slow at 5,000 cables and worse with size (merges of tiny segments).
 *
 * Any external-content FTS5 table with `content='cables'` (other than cables_fts, which the
 * writer fills with the body) is found here; one that a trigger already maintains is left alone,
 * so an archive whose migration still has triggers stays correct, if slower.
 */

export interface DerivedFts {
  insert(cableId: number): void;
  remove(cableId: number): void;
}

const CABLES_CONTENT = /content\s*=\s*'?"?cables'?"?[\s,)]/i;

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function derivedFts(db: Db): DerivedFts {
  const tables = db
    .prepare<[], { name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_master
        WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%' AND name <> 'cables_fts'`,
    )
    .all()
    .filter((t) => CABLES_CONTENT.test(t.sql));
  const triggers = db
    .prepare<[], string>(
      "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'cables'",
    )
    .pluck()
    .all()
    .join("\n");
  const inserts: ((id: number) => void)[] = [];
  const removes: ((id: number) => void)[] = [];
  for (const t of tables) {
    if (triggers.includes(t.name)) continue;
    const names = db
      .prepare<[string], string>("SELECT name FROM pragma_table_info(?)")
      .pluck()
      .all(t.name)
      .map(quote);
    const table = quote(t.name);
    const marks = names.map(() => "?").join(", ");
    // Read first, then INSERT ... VALUES: an INSERT ... SELECT into FTS5 gets a statement savepoint.
    const read = db.prepare(`SELECT ${names.join(", ")} FROM cables WHERE id = ?`).raw();
    const add = db.prepare(
      `INSERT INTO ${table} (rowid, ${names.join(", ")}) VALUES (?, ${marks})`,
    );
    const drop = db.prepare(
      `INSERT INTO ${table} (${table}, rowid, ${names.join(", ")}) VALUES ('delete', ?, ${marks})`,
    );
    inserts.push((id) => {
      const row = read.get(id) as unknown[] | undefined;
      if (row) add.run(id, ...row);
    });
    removes.push((id) => {
      const row = read.get(id) as unknown[] | undefined;
      if (row) drop.run(id, ...row);
    });
  }
  return {
    insert: (id) => {
      for (const f of inserts) f(id);
    },
    remove: (id) => {
      for (const f of removes) f(id);
    },
  };
}
