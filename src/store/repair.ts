import { existsSync, renameSync, rmSync } from "node:fs";
import Database from "better-sqlite3";
import type { Cable } from "../model/cable.js";
import { contentHash } from "./cable-json.js";
import { type CheckReport, checkArchive, ftsOwner } from "./check.js";
import { type Db, refuseFolder } from "./db.js";
import { getCableByRowid } from "./read.js";
import { ELEMENT_TABLES, type ElementTable, writeElementRows } from "./write.js";

/**
 * `cablegram check --repair`: a new archive built from what the damaged one can still give, put
 * in its place once it checks whole; the damaged file is kept beside it. Nothing is changed in
 * the damaged file, so a repair that fails leaves things as they were.
 *
 * What is rebuilt, and from what:
 * - every SQL index, and the FTS5 indexes, from the tables they index;
 * - the element tables (refs, tags, caveats, reasons, recipients, protect) from each cable's
 *   stored Cable JSON, when they are damaged;
 * - a lost `versions` row of a current cable, from the cable (its text hash becomes the content
 *   hash, so ingesting the same source again still finds it unchanged).
 * What cannot be: rows of `cables`, `paragraphs` and older `versions` on damaged pages. Each
 * readable row is kept (the damaged range is found by bisecting the rowids); a cable that lost
 * its row or a paragraph is removed whole, with its current version, so that ingesting its
 * source file again brings it back. The report names those cables and their source files.
 */

export interface LostCable {
  referenceId: string;
  /** Where its current version was read from, when the versions log still says. */
  sourceFile: string | null;
}

export interface RepairReport {
  before: CheckReport;
  after: CheckReport;
  /** Rows copied per table (the element tables when rebuilt: rows written). */
  rows: Record<string, number>;
  /** Tables rebuilt from the stored text rather than copied. */
  rebuilt: string[];
  /** Rowids of damaged pages that could not be read, per table. */
  unreadableRowids: Record<string, number>;
  lost: LostCable[];
  /** Where the damaged archive was moved; null when it was whole and left alone. */
  damagedCopy: string | null;
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Most queries a bisection may spend on one table before it gives up on the rest of a range. */
const BISECT_BUDGET = 2_000_000;

/**
 * Copies `table` from `old` into `main` range by range: a range that fails to read is halved until
 * the unreadable rowids are single ones. Returns how many rowids could not be read.
 */
function salvageRowids(db: Db, table: string, columns: string): number {
  const copy = db.prepare(
    `INSERT INTO main.${quote(table)} (${columns}) SELECT ${columns} FROM old.${quote(table)} WHERE rowid BETWEEN ? AND ?`,
  );
  const bound = (sql: string): number | null => {
    try {
      return db.prepare(sql).pluck().get() as number | null;
    } catch {
      return null;
    }
  };
  // The first and last rowids sit on the edge pages; when one of those is damaged, any bound will do.
  const lo = bound(`SELECT min(rowid) FROM old.${quote(table)}`) ?? -(2 ** 53 - 1);
  const hi = bound(`SELECT max(rowid) FROM old.${quote(table)}`) ?? 2 ** 53 - 1;
  let budget = BISECT_BUDGET;
  let unreadable = 0;
  const stack: [number, number][] = [[lo, hi]];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    if (a > b) continue;
    try {
      budget--;
      copy.run(a, b);
      continue;
    } catch {
      // fall through: halve the range
    }
    if (a === b || budget <= 0) {
      unreadable += b - a + 1;
      continue;
    }
    const mid = a + Math.floor((b - a) / 2);
    stack.push([mid + 1, b], [a, mid]);
  }
  return unreadable;
}

function columnsOf(db: Db, schema: string, table: string): string {
  // table_info leaves out generated columns, which cannot be inserted.
  return db
    .prepare<[], string>(
      `SELECT name FROM ${schema}.pragma_table_info(${quote(table).replace(/"/g, "'")})`,
    )
    .pluck()
    .all()
    .map(quote)
    .join(", ");
}

function damagedCopyPath(path: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return `${path}.damaged-${stamp}`;
}

/**
 * Repairs the archive at `path` (see above). The archive must not be in use. Throws when even
 * the schema cannot be read: then nothing can be rebuilt, and the file is left as it is.
 */
export function repairArchive(path: string): RepairReport {
  refuseFolder(path);
  const source = new Database(path, { fileMustExist: true });
  let before: CheckReport;
  let schema: { type: string; name: string; sql: string }[];
  let userVersion: number;
  try {
    before = checkArchive(source);
    schema = source
      .prepare<[], { type: string; name: string; sql: string }>(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid",
      )
      .all();
    userVersion = source.pragma("user_version", { simple: true }) as number;
    // Everything the WAL holds goes into the file that is read from below (and set aside).
    source.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    source.close();
  }

  if (before.ok) {
    return {
      before,
      after: before,
      rows: {},
      rebuilt: [],
      unreadableRowids: {},
      lost: [],
      damagedCopy: null,
    };
  }
  const fresh = `${path}.repairing`;
  for (const f of [fresh, `${fresh}-wal`, `${fresh}-shm`]) rmSync(f, { force: true });
  const db = new Database(fresh);
  const rows: Record<string, number> = {};
  const rebuilt: string[] = [];
  const unreadableRowids: Record<string, number> = {};
  let lost: LostCable[] = [];
  let after: CheckReport;
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = OFF");
    // Rows are copied table by table and orphans removed at the end (reconcile), not refused.
    db.pragma("foreign_keys = OFF");
    const fts = schema
      .filter((s) => s.type === "table" && /^CREATE VIRTUAL TABLE/i.test(s.sql))
      .map((s) => s.name);
    const shadow = (name: string) => ftsOwner(name, fts) !== null;
    const damaged = new Set(before.damaged.filter((d) => !d.indexOnly).map((d) => d.table));
    db.transaction(() => {
      for (const s of schema) {
        if (shadow(s.name) || s.name.startsWith("sqlite_")) continue;
        db.exec(s.sql);
      }
    })();
    db.pragma(`user_version = ${userVersion}`);
    db.prepare("ATTACH DATABASE ? AS old").run(path);
    const tables = schema.filter(
      (s) =>
        s.type === "table" &&
        !/^CREATE VIRTUAL TABLE/i.test(s.sql) &&
        !shadow(s.name) &&
        !s.name.startsWith("sqlite_"),
    );
    const isElementTable = (name: string): name is ElementTable =>
      (ELEMENT_TABLES as readonly string[]).includes(name);
    const rebuild: ElementTable[] = [];
    // Whole tables first: once a read has met a damaged page, SQLite may refuse the next bulk copy.
    const ordered = [...tables].sort(
      (a, b) => Number(damaged.has(a.name)) - Number(damaged.has(b.name)),
    );
    for (const t of ordered) {
      const columns = columnsOf(db, "main", t.name);
      if (isElementTable(t.name) && damaged.has(t.name)) {
        rebuild.push(t.name);
        continue;
      }
      if (!damaged.has(t.name)) {
        db.exec(
          `INSERT INTO main.${quote(t.name)} (${columns}) SELECT ${columns} FROM old.${quote(t.name)}`,
        );
      } else if (/WITHOUT ROWID/i.test(t.sql)) {
        // No rowids to bisect; the element tables (the only such tables) are rebuilt above.
        throw new Error(`cannot salvage the damaged table ${t.name}`);
      } else {
        unreadableRowids[t.name] = salvageRowids(db, t.name, columns);
      }
    }
    db.exec("DETACH DATABASE old");

    db.transaction(() => {
      lost = reconcile(db, damaged);
      if (rebuild.length > 0) {
        for (const t of rebuild) db.exec(`DELETE FROM ${quote(t)}`);
        const ids = db.prepare<[], number>("SELECT id FROM cables ORDER BY id").pluck().all();
        for (const id of ids) {
          const cable = getCableByRowid(db, id);
          if (cable) writeElementRows(db, id, cable, rebuild);
        }
        rebuilt.push(...rebuild);
      }
      for (const t of fts) {
        db.exec(`INSERT INTO ${quote(t)} (${quote(t)}) VALUES ('rebuild')`);
      }
    })();
    rebuilt.push(...fts);
    for (const t of tables) {
      rows[t.name] = db
        .prepare(`SELECT count(*) FROM ${quote(t.name)}`)
        .pluck()
        .get() as number;
    }
    db.exec("ANALYZE");
    after = checkArchive(db);
    // Written with synchronous off (scratch until renamed): make it durable before it takes the place.
    db.pragma("synchronous = FULL");
    db.pragma("wal_checkpoint(TRUNCATE)");
    if (!after.ok) {
      throw new Error(
        `the rebuilt archive does not check whole: ${JSON.stringify(after.integrity)}`,
      );
    }
  } catch (err) {
    db.close();
    for (const f of [fresh, `${fresh}-wal`, `${fresh}-shm`]) rmSync(f, { force: true });
    throw err;
  }
  db.close();

  const damagedCopy = damagedCopyPath(path);
  renameSync(path, damagedCopy);
  for (const suffix of ["-wal", "-shm"]) {
    if (existsSync(path + suffix)) renameSync(path + suffix, damagedCopy + suffix);
  }
  renameSync(fresh, path);
  return { before, after, rows, rebuilt, unreadableRowids, lost, damagedCopy };
}

/**
 * After a salvage: every cable whole or gone, every current cable with its version row.
 * - A cable missing paragraphs (their rows were unreadable) is removed: its text is incomplete.
 * - A current version whose cable row is gone is removed, so ingesting the source brings it back.
 * - A cable whose version row is gone gets one again, made from the cable.
 */
function reconcile(db: Db, damaged: Set<string>): LostCable[] {
  const lostIds = new Set<string>();
  if (damaged.has("paragraphs")) {
    const rows = db
      .prepare<[], { id: number; reference_id: string; cable_json: string; n: number }>(
        `SELECT c.id, c.reference_id, c.cable_json, (SELECT count(*) FROM paragraphs p WHERE p.cable_id = c.id) AS n
           FROM cables c`,
      )
      .all();
    const drop = db.prepare("DELETE FROM cables WHERE id = ?");
    const dropParagraphs = db.prepare("DELETE FROM paragraphs WHERE cable_id = ?");
    for (const r of rows) {
      const expected = (JSON.parse(r.cable_json) as Cable).paragraphs.length;
      if (r.n === expected) continue;
      dropParagraphs.run(r.id);
      for (const t of ELEMENT_TABLES) {
        db.prepare(`DELETE FROM ${quote(t)} WHERE cable_id = ?`).run(r.id);
      }
      drop.run(r.id);
      lostIds.add(r.reference_id);
    }
  }
  // Element rows and paragraphs whose cable row was unreadable.
  for (const t of ["paragraphs", ...ELEMENT_TABLES]) {
    db.exec(`DELETE FROM ${quote(t)} WHERE cable_id NOT IN (SELECT id FROM cables)`);
  }
  // Current versions (their JSON lives in `cables`) whose cable is gone.
  const orphans = db
    .prepare<[], { reference_id: string; source_file: string }>(
      `SELECT reference_id, source_file FROM versions v
        WHERE cable_json IS NULL AND NOT EXISTS (SELECT 1 FROM cables c WHERE c.reference_id = v.reference_id)`,
    )
    .all();
  const sources = new Map<string, string | null>();
  for (const o of orphans) sources.set(o.reference_id, o.source_file);
  db.exec(
    `DELETE FROM versions WHERE cable_json IS NULL
       AND NOT EXISTS (SELECT 1 FROM cables c WHERE c.reference_id = versions.reference_id)`,
  );
  for (const id of lostIds) if (!sources.has(id)) sources.set(id, null);
  // Cables whose version row was lost: make it again from the cable.
  const homeless = db
    .prepare<[], { id: number; reference_id: string; version_id: number }>(
      "SELECT id, reference_id, version_id FROM cables c WHERE NOT EXISTS (SELECT 1 FROM versions v WHERE v.id = c.version_id)",
    )
    .all();
  const addVersion = db.prepare(
    `INSERT INTO versions (id, reference_id, text_hash, content_hash, released, source_id, source_format,
       source_file, source_offset, source_line, ingested_at, cable_json)
     VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, NULL)`,
  );
  for (const h of homeless) {
    const cable = getCableByRowid(db, h.id)!;
    const hash = contentHash(cable);
    const src = cable.source ?? { format: "raw", file: "-", offset: 0, line: 1 };
    addVersion.run(
      h.version_id,
      h.reference_id,
      hash,
      hash,
      cable.released,
      src.format,
      src.file,
      src.offset,
      src.line,
      new Date().toISOString(),
    );
  }
  const lost = [...sources].map(([referenceId, sourceFile]) => ({ referenceId, sourceFile }));
  lost.sort((a, b) => (a.referenceId < b.referenceId ? -1 : 1));
  return lost;
}
