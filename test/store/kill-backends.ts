/**
 * What the kill-and-resume test (ingest-kill.test.ts) asks of an archive, for each back end: a
 * fresh target, its row counts, its own consistency checks, how its ingest runs ended, and an
 * ingest run again in process. The test itself is one loop over these.
 */
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { expect } from "vitest";
import { ingest } from "../../src/ingest/index.js";
import { ingestPostgres } from "../../src/ingest/postgres.js";
import { openArchive } from "../../src/store/db.js";
import { fts5Tables } from "../../src/store/fts-merge.js";
import { openPostgres } from "../../src/store/postgres/connect.js";
import { archiveStats as pgStats } from "../../src/store/postgres/read.js";
import { archiveStats } from "../../src/store/stats.js";
import { type PgCluster, startCluster } from "../support/pg-cluster.js";

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
  /** Waits until the server has seen the killed process go (PostgreSQL: its sessions ended). */
  afterKill(db: string): Promise<void>;
  ingestAgain(db: string, csv: string, batch: number): Promise<Summary>;
}

function reportLine(json: string | null | undefined): string {
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

let cluster: PgCluster | null = null;

/** Asks a PostgreSQL archive without migrating it: the test looks at what the kill left. */
async function withPg<T>(
  url: string,
  f: (pg: Awaited<ReturnType<typeof openPostgres>>) => Promise<T>,
) {
  const pg = await openPostgres(url, { readonly: true, max: 1 });
  try {
    return await f(pg);
  } finally {
    await pg.close();
  }
}

async function pgHasTable(url: string, table: string): Promise<boolean> {
  return withPg(url, async (pg) => {
    const [r] = await pg.sql<{ t: string | null }[]>`SELECT to_regclass(${table})::text AS t`;
    return r?.t != null;
  });
}

export const postgresBackend: KillBackend = {
  name: "PostgreSQL",
  rounds: 10,
  async setUp() {
    cluster = await startCluster();
  },
  async tearDown() {
    cluster?.stop();
  },
  fresh: (name) => cluster!.createDatabase(name.replace(/\W/g, "_")),
  // The database exists before the ingest (created by its owner); the schema is the ingest's.
  exists: () => true,
  migrated: (url) => pgHasTable(url, "ingest_runs"),
  counts: (url) =>
    withPg(url, async (pg) => {
      const out: Record<string, number> = {};
      for (const t of TABLES) {
        const [r] = await pg.sql.unsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${t}`);
        out[t] = r!.n;
      }
      return out;
    }),
  /**
   * What the writer promises: a batch whole or not at all. Every cable's current version is one
   * of its versions, no text is stored twice for an id, and a cable's child rows are those of its
   * JSON (the paragraph count).
   */
  async check(url, complete = true) {
    if (!(await pgHasTable(url, "cables"))) {
      expect(complete).toBe(false);
      return;
    }
    await withPg(url, async (pg) => {
      const [bad] = await pg.sql<{ orphans: number; twice: number; paras: number }[]>`
        SELECT
          (SELECT count(*)::int FROM cables c WHERE NOT EXISTS
             (SELECT 1 FROM versions v WHERE v.id = c.version_id AND v.reference_id = c.reference_id)) AS orphans,
          (SELECT count(*)::int FROM (SELECT 1 FROM versions GROUP BY reference_id, content_hash HAVING count(*) > 1) d) AS twice,
          (SELECT count(*)::int FROM cables c WHERE json_array_length(c.cable_json::json -> 'paragraphs')
             <> (SELECT count(*) FROM paragraphs p WHERE p.cable_id = c.id)) AS paras`;
      expect(bad).toEqual({ orphans: 0, twice: 0, paras: 0 });
    });
  },
  async runs(url) {
    if (!(await pgHasTable(url, "ingest_runs")))
      return { statuses: [], interrupted: 0, report: "" };
    return withPg(url, async (pg) => {
      const rows = await pg.sql<{ status: string; report_json: string | null }[]>`
        SELECT status, report_json FROM ingest_runs ORDER BY id`;
      return {
        statuses: rows.map((r) => r.status),
        interrupted: (await pgStats(pg.sql)).unfinishedRuns.interrupted,
        report: reportLine(rows.at(-1)?.report_json),
      };
    });
  },
  /**
   * A session ends when the server next reads from its socket and finds it closed; one busy in a
   * statement (an index build) notices when the statement ends. Until then its locks are held.
   */
  afterKill: (url) =>
    withPg(url, async (pg) => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const [r] = await pg.sql<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid()`;
        if (r!.n === 0) return;
        if (Date.now() > deadline) throw new Error(`${r!.n} sessions of the killed ingest remain`);
        await new Promise((done) => setTimeout(done, 50));
      }
    }),
  async ingestAgain(url, csv, batch) {
    const pg = await openPostgres(url);
    try {
      return (await ingestPostgres(pg, [csv], {
        workers: 0,
        batchSize: batch,
      })) as unknown as Summary;
    } finally {
      await pg.close();
    }
  },
};
