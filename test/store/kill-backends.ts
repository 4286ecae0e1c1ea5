/**
 * What the kill-and-resume test (ingest-kill.test.ts) asks of an archive, for each back end: a
 * fresh target, its row counts, its own consistency checks, how its ingest runs ended, and an
 * ingest run again in process. The test itself is one loop over these; SQLite's is here,
 * PostgreSQL's in test/pg/kill-backend.ts.
 */
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { expect } from "vitest";
import { ingest } from "../../src/ingest/index.js";
import { openArchive } from "../../src/store/db.js";
import { fts5Tables } from "../../src/store/fts-merge.js";
import { archiveStats } from "../../src/store/stats.js";

export const TABLES = ["cables", "versions", "paragraphs", "refs", "tags", "recipients"];

export interface Summary {
  new: number;
  newVersions: number;
  unchanged: number;
  rejected: number;
  seconds: number;
  startedAt: string;
}

export interface Runs {
  /** Statuses as recorded, in order. */
  statuses: string[];
  /** What `stats` counts as interrupted. */
  interrupted: number;
  report: string;
}

export interface KillBackend {
  name: string;
  rounds: number;
  setUp(dir: string): Promise<void>;
  tearDown(): Promise<void>;
  /** A target no ingest has touched: a path with no file, an empty database. */
  fresh(name: string): Promise<string>;
  /** Whether the killed ingest had created the archive (SQLite: the file). */
  exists(db: string): boolean;
  /** Whether the schema was made whole before the kill. */
  migrated(db: string): Promise<boolean>;
  counts(db: string): Promise<Record<string, number>>;
  /** The archive's own consistency checks; `complete`: the schema must be whole. */
  check(db: string, complete?: boolean): Promise<void>;
  runs(db: string): Promise<Runs>;
  /** Whether an ingest has claimed the archive (its run is logged `running`); false while unsure. */
  claimed(db: string): Promise<boolean>;
  /** Waits until the server has seen the killed process go (PostgreSQL: its sessions ended). */
  afterKill(db: string): Promise<void>;
  ingestAgain(db: string, csv: string, batch: number): Promise<Summary>;
}

export function reportLine(json: string | null | undefined): string {
  const report = json ? (JSON.parse(json) as Record<string, unknown>) : {};
  const {
    new: added,
    rejected,
    rejections,
  } = report as {
    new?: number;
    rejected?: number;
    rejections?: unknown[];
  };
  return `new ${added}, rejected ${rejected} ${JSON.stringify(rejections ?? []).slice(0, 400)}`;
}

function sqliteHasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE name = ?").pluck().get(name) === 1;
}

let sqliteDir = "";

export const sqliteBackend: KillBackend = {
  name: "SQLite",
  rounds: 20,
  async setUp(dir) {
    sqliteDir = dir;
  },
  async tearDown() {},
  async claimed(db) {
    if (!existsSync(db)) return false;
    try {
      return (await sqliteBackend.runs(db)).statuses.includes("running");
    } catch {
      return false; // the file is still being made
    }
  },
  // The file is all there is: a killed process leaves nothing to wait for.
  async afterKill() {},
  async fresh(name) {
    const db = join(sqliteDir, `${name}.db`);
    for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
    return db;
  },
  exists: (db) => existsSync(db),
  async migrated(path) {
    const db = new Database(path, { readonly: true });
    try {
      return fts5Tables(db).length === 4 && TABLES.every((t) => sqliteHasTable(db, t));
    } finally {
      db.close();
    }
  },
  async counts(path) {
    const db = new Database(path, { readonly: true });
    try {
      return Object.fromEntries(
        TABLES.map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]),
      );
    } finally {
      db.close();
    }
  },
  /**
   * SQLite's own check, and FTS5's check of every full-text index against the text it indexes. A
   * kill while the archive was being created can leave the schema part-made (each migration is one
   * transaction).
   */
  async check(path, complete = true) {
    const db = new Database(path);
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      const fts = fts5Tables(db);
      if (complete) {
        expect(fts).toEqual(["cables_fts", "paragraphs_fts", "people_fts", "subject_fts"]);
      }
      for (const t of fts) db.exec(`INSERT INTO ${t} (${t}) VALUES ('integrity-check')`);
    } finally {
      db.close();
    }
  },
  async runs(path) {
    const db = new Database(path, { readonly: true });
    try {
      // Killed before the run was logged (the archive still being made): no run to report.
      const logged = db
        .prepare("SELECT 1 FROM pragma_table_info('ingest_runs') WHERE name = 'status'")
        .pluck()
        .get();
      if (!logged) return { statuses: [], interrupted: 0, report: "" };
      const statuses = db
        .prepare<[], string>("SELECT status FROM ingest_runs ORDER BY id")
        .pluck()
        .all();
      // Killed while the migrations ran (the run log's column made, later tables not yet): an
      // ingest logs its run only once the archive is whole, so there is none, and no stats to read.
      if (statuses.length === 0) return { statuses, interrupted: 0, report: "" };
      const last = db
        .prepare<[], string | null>("SELECT report_json FROM ingest_runs ORDER BY id DESC LIMIT 1")
        .pluck()
        .get();
      return {
        statuses,
        interrupted: archiveStats(db).unfinishedRuns.interrupted,
        report: reportLine(last),
      };
    } finally {
      db.close();
    }
  },
  async ingestAgain(path, csv, batch) {
    const db = openArchive(path);
    try {
      const report = await ingest(db, [csv], { workers: 0, batchSize: batch, dbLabel: path });
      return report as unknown as Summary;
    } finally {
      db.close();
    }
  },
};
