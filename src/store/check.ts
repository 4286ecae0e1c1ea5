import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import { archiveError } from "./archive-error.js";
import { type Db, refuseFolder } from "./db.js";
import { fts5Tables } from "./fts-merge.js";

/**
 * `cablegram check`: is the archive whole, and if not, which tables are hurt and what can be
 * done. SQLite's integrity check runs table by table (so a damaged page is pinned to its table,
 * where the whole-file check only says "malformed"), and FTS5's own check compares each full-text
 * index with the text it indexes.
 */

/**
 * What a table holds, which decides what a repair can do about damage to it:
 * - `text`: stored text and the versions log (cables, paragraphs, versions). Rows on a damaged
 *   page are lost; a repair keeps the readable rows and names the cables to ingest again.
 * - `derived`: rebuilt whole from the stored text (the REF/TAGS/... element tables, from each
 *   cable's stored JSON; the FTS5 indexes, from the text they index; every SQL index).
 * - `log`: the ingest runs; readable rows are kept.
 */
export type TableRole = "text" | "derived" | "log";

export interface TableDamage {
  table: string;
  role: TableRole;
  /** Only an index of the table is damaged (the rows are whole). */
  indexOnly: boolean;
  detail: string;
}

export interface FtsHealth {
  table: string;
  ok: boolean;
  detail?: string;
}

export interface CheckReport {
  ok: boolean;
  /** SQLite's whole-file check: "ok" or its first complaints. */
  integrity: string[];
  damaged: TableDamage[];
  fts: FtsHealth[];
  /** Every problem is in something a repair rebuilds from the stored text. */
  fullyRepairable: boolean;
  /** What to do, in order. */
  advice: string[];
}

const TEXT_TABLES = new Set(["cables", "paragraphs", "versions"]);
const LOG_TABLES = new Set(["ingest_runs"]);
/** FTS5 shadow tables: `<index>_data`, `_idx`, `_content`, `_docsize`, `_config`. */
const FTS_SHADOW = /^(.+)_(data|idx|content|docsize|config)$/;

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Tables with pages of their own (every table but the virtual ones), FTS5 shadow tables included. */
export function storedTables(db: Db): string[] {
  return db
    .prepare<[], string>(
      `SELECT name FROM sqlite_master
        WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY rootpage`,
    )
    .pluck()
    .all();
}

/** The FTS5 index a shadow table belongs to, or null. */
export function ftsOwner(table: string, fts: readonly string[]): string | null {
  const m = FTS_SHADOW.exec(table);
  return m && fts.includes(m[1]!) ? m[1]! : null;
}

export function tableRole(table: string): TableRole {
  if (TEXT_TABLES.has(table)) return "text";
  if (LOG_TABLES.has(table)) return "log";
  return "derived";
}

const INDEX_COMPLAINT =
  /(missing from index|wrong # of entries in index|non-unique entry in index)/;

function integrityOf(db: Db, table?: string): string[] {
  const pragma = table ? `integrity_check(${quote(table)})` : "integrity_check(20)";
  return db
    .prepare<[], string>(`PRAGMA ${pragma}`)
    .pluck()
    .all()
    .filter((m) => m !== "ok");
}

/** SQLite's checks table by table and FTS5's check of every full-text index. */
export function checkArchive(db: Db): CheckReport {
  const fts = fts5Tables(db);
  let integrity: string[];
  try {
    integrity = integrityOf(db);
  } catch (err) {
    integrity = [messageOf(err)];
  }
  const damaged: TableDamage[] = [];
  if (integrity.length > 0) {
    for (const table of storedTables(db)) {
      let complaints: string[];
      try {
        complaints = integrityOf(db, table);
      } catch (err) {
        complaints = [messageOf(err)];
      }
      if (complaints.length === 0) continue;
      damaged.push({
        table,
        role: tableRole(table),
        indexOnly: complaints.every((c) => INDEX_COMPLAINT.test(c)),
        detail: complaints.slice(0, 3).join("; "),
      });
    }
  }
  const health: FtsHealth[] = fts.map((table) => {
    try {
      db.prepare(`INSERT INTO ${quote(table)} (${quote(table)}) VALUES ('integrity-check')`).run();
      return { table, ok: true };
    } catch (err) {
      return { table, ok: false, detail: messageOf(err) };
    }
  });
  const ok = integrity.length === 0 && health.every((h) => h.ok);
  const fullyRepairable = damaged.every((d) => d.role !== "text" || d.indexOnly);
  return {
    ok,
    integrity: integrity.slice(0, 20),
    damaged,
    fts: health,
    fullyRepairable,
    advice: advice(ok, damaged, health, fullyRepairable),
  };
}

function advice(
  ok: boolean,
  damaged: TableDamage[],
  fts: FtsHealth[],
  fullyRepairable: boolean,
): string[] {
  if (ok) return [];
  const out = ["stop anything using the archive (the server, an ingest) before repairing it"];
  if (fullyRepairable) {
    out.push(
      "run 'cablegram check --repair': the damage is in indexes and tables it rebuilds from the stored text, nothing is lost",
    );
  } else {
    const text = damaged.filter((d) => d.role === "text" && !d.indexOnly).map((d) => d.table);
    out.push(
      `run 'cablegram check --repair': it keeps every readable row and rebuilds the rest, but rows on the damaged pages of ${text.join(", ")} are lost; it lists the cables to ingest again from their source files`,
    );
  }
  if (damaged.length === 0 && fts.some((f) => !f.ok)) {
    out.push("the full-text indexes disagree with the stored text: search may miss or invent hits");
  }
  out.push("keep the damaged file: the repair sets it aside as <archive>.damaged-<time>");
  return out;
}

/**
 * Checks the archive file at `path` as it is: opened without migrating (a damaged archive must not
 * be written to) and writable only because FTS5's check is spelled as an INSERT.
 */
export function checkArchiveAt(path: string): CheckReport {
  if (!existsSync(path)) throw new Error(`no archive at ${path}`);
  refuseFolder(path);
  let db: Db | null = null;
  try {
    db = new Database(path, { fileMustExist: true });
    return checkArchive(db);
  } catch (err) {
    // Damage that stops even the check (the schema page itself): nothing here can be rebuilt.
    throw archiveError(err, path) ?? err;
  } finally {
    db?.close();
  }
}
