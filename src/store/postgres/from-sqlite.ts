/**
 * `cablegram migrate`: a SQLite archive copied whole into an empty PostgreSQL archive — every
 * version of every cable, with the ids it has, so `show`, `stats`, searches and exports answer as
 * before. Rows stream from one SQLite read transaction (one snapshot, even while an ingest writes)
 * into one COPY per table inside one PostgreSQL transaction: memory stays at a chunk of rows, and
 * a migrate that dies part-way leaves the target as empty as it found it.
 *
 * A target that already holds anything is refused rather than merged: ids are copied as they are,
 * so a second archive's ids would collide, and a rerun of the same copy has nothing to add.
 */
import type { Db } from "../db.js";
import { publicMigrationsMissing } from "../entities-public.js";
import { runStatus } from "../ingest-runs.js";
import { refreshAnalytics } from "./analytics-facts.js";
import { syncAllCableFacets } from "./cable-facets.js";
import { type PgArchive, PostgresArchiveError, type Sql, WRITER_LOCK } from "./connect.js";
import { type CopyValue, copyRows } from "./copy.js";
import { ENTITY_COLUMNS, ENTITY_TABLES, prepareSource, sourceSelect } from "./entities-copy.js";
import { refreshSubjectVectors } from "./subject-vectors.js";
import { COLUMNS } from "./write.js";

/** What is copied, in an order that satisfies the foreign keys (cables before their children). */
const TABLES: Record<string, string> = {
  ...COLUMNS,
  cables: `${COLUMNS.cables}, created_est, created_est_json`,
  ingest_runs: "id, started_at, finished_at, inputs, report_json, status, error",
  ...ENTITY_COLUMNS,
  protected_forms: "reference_id, form",
};
const ORDER = [
  "versions",
  "cables",
  "paragraphs",
  "refs",
  "tags",
  "caveats",
  "reasons",
  "recipients",
  "protect",
  "ingest_runs",
  ...ENTITY_TABLES,
  "protected_forms",
];

/**
 * SQLite tables with no place in the PostgreSQL schema: event dates are derived (folded into the
 * analytics facts on PostgreSQL). The analytics facts and traffic counts are derived too, and
 * built anew on PostgreSQL after the copy (refreshAnalytics).
 */
const NOT_COPIED = ["event_dates"];

export interface MigrateProgress {
  table: string;
  rows: number;
  /** Rows the table holds in the source. */
  total: number;
}

export interface MigrateSummary {
  from: string;
  to: string;
  /** Rows copied per table (equal to the source's: checked before the commit). */
  copied: Record<string, number>;
  /** Rows of source tables the PostgreSQL schema has no place for. */
  notCopied: Record<string, number>;
  seconds: number;
}

/** A migrate that cannot start, with what to do: the target is not empty, an ingest is writing. */
export class MigrateRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrateRefusedError";
  }
}

function hasTable(db: Db, name: string): boolean {
  return (
    db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
      .pluck()
      .get(name) === 1
  );
}

function sourceColumns(db: Db, table: string): Set<string> {
  return new Set(
    db.prepare<[string], string>("SELECT name FROM pragma_table_info(?)").pluck().all(table),
  );
}

/** The SELECT that reads a table in the target's column order; columns an older archive lacks read as NULL. */
function selectFor(db: Db, table: string): string {
  const special = sourceSelect(table);
  if (special) return special;
  const have = sourceColumns(db, table);
  const cols = TABLES[table]!.split(", ");
  // runRow needs the holder of a run to tell a dead ingest from a live one.
  if (table === "ingest_runs") cols.push("pid", "process_start");
  return `SELECT ${cols.map((c) => (have.has(c) ? c : `NULL AS ${c}`)).join(", ")} FROM ${table}`;
}

function count(db: Db, table: string): number {
  const from = sourceSelect(table) ?? `SELECT 1 FROM ${table}`;
  return db.prepare<[], number>(`SELECT count(*) FROM (${from})`).pluck().get() ?? 0;
}

/** A run left `running` in SQLite: finished state as `stats` would report it, or a live ingest (refused). */
function runRow(row: unknown[]): CopyValue[] {
  const [id, started, finished, inputs, report, status, error, pid, start] = row as [
    number,
    string,
    string | null,
    string,
    string | null,
    string | null,
    string | null,
    number | null,
    string | null,
  ];
  const ended = runStatus({ status, finishedAt: finished, pid, processStart: start });
  const why =
    ended === "interrupted" && status === "running"
      ? `the ingest process (pid ${pid}) ended without finishing: killed or crashed`
      : error;
  return [id, started, finished, inputs, report, ended, why];
}

async function copyTable(
  db: Db,
  tx: Sql,
  table: string,
  total: number,
  onProgress: (p: MigrateProgress) => void,
): Promise<number> {
  const source = db.prepare(selectFor(db, table)).raw().iterate() as Iterable<CopyValue[]>;
  const rows = table === "ingest_runs" ? mapRows(source, runRow) : source;
  const n = await copyRows(tx, table, TABLES[table]!, rows, (sent) =>
    onProgress({ table, rows: sent, total }),
  );
  onProgress({ table, rows: n, total });
  return n;
}

function* mapRows<T, U>(rows: Iterable<T>, f: (row: T) => U): Iterable<U> {
  for (const r of rows) yield f(r);
}

/** Refuses a target that holds anything, naming what it holds. */
async function assertEmpty(sql: Sql, label: string): Promise<void> {
  const [held] = await sql<{ cables: number; versions: number; runs: number }[]>`
    SELECT (SELECT count(*) FROM cables)::int AS cables, (SELECT count(*) FROM versions)::int AS versions,
           (SELECT count(*) FROM ingest_runs)::int AS runs`;
  if (held && held.cables + held.versions + held.runs > 0) {
    throw new MigrateRefusedError(
      `the target ${label} is not empty (${held.cables} cables, ${held.versions} versions, ${held.runs} ingest runs): ` +
        "migrate copies into an empty archive only, keeping every id, so it never mixes two archives or copies one twice; " +
        "create a new database for it (createdb), or drop this one first if it is a copy you mean to replace",
    );
  }
}

/**
 * Copies the archive `db` (opened read-only) into `pg`, whose schema is up to date and which must
 * hold nothing. Throws MigrateRefusedError before copying when it cannot start.
 */
export async function copySqliteToPostgres(
  db: Db,
  pg: PgArchive,
  from: string,
  onProgress: (p: MigrateProgress) => void = () => {},
): Promise<MigrateSummary> {
  const started = Date.now();
  await assertEmpty(pg.sql, pg.label);
  // Without them public mode on the copy would not know whom the cables protect.
  const missing = publicMigrationsMissing(db, from);
  if (missing) throw new MigrateRefusedError(`${from}: ${missing}, then migrate`);
  prepareSource(db);
  // One read transaction: every table as of the same commit, whatever an ingest does meanwhile.
  db.exec("BEGIN");
  try {
    const totals = Object.fromEntries(ORDER.map((t) => [t, count(db, t)]));
    const live = hasTable(db, "ingest_runs")
      ? db
          .prepare(selectFor(db, "ingest_runs"))
          .raw()
          .all()
          .map((r) => runRow(r as unknown[]))
          .find((r) => r[5] === "running")
      : undefined;
    if (live) {
      throw new MigrateRefusedError(
        `an ingest (run ${live[0]}, started ${live[1]}) is writing ${from}: let it finish, then migrate`,
      );
    }
    const notCopied = Object.fromEntries(
      NOT_COPIED.filter((t) => hasTable(db, t))
        .map((t) => [t, count(db, t)] as const)
        .filter(([, n]) => n > 0),
    );
    const copied = await pg.sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${WRITER_LOCK})`;
      await assertEmpty(tx, pg.label);
      // Indexes built once at the end are several times cheaper than kept up row by row; the
      // constraints (keys, uniqueness) stay and check every row.
      const indexes = await tx<{ name: string; def: string }[]>`
        SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
         WHERE i.schemaname = current_schema() AND i.tablename = ANY(${ORDER})
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`;
      for (const i of indexes) await tx.unsafe(`DROP INDEX ${i.name}`);
      await tx`SET LOCAL maintenance_work_mem = '256MB'`;
      const out: Record<string, number> = {};
      for (const table of ORDER) {
        out[table] = await copyTable(db, tx, table, totals[table]!, onProgress);
      }
      for (const i of indexes) await tx.unsafe(i.def);
      // Derived per-cable rows (migration 006), from the copied tables and their indexes.
      await syncAllCableFacets(tx);
      await refreshSubjectVectors(tx);
      for (const [table, seq] of [
        ["cables", "cables_id_seq"],
        ["versions", "versions_id_seq"],
        ["ingest_runs", "ingest_runs_id_seq"],
      ] as const) {
        await tx.unsafe(
          `SELECT setval('${seq}', coalesce((SELECT max(id) FROM ${table}), 0) + 1, false)`,
        );
      }
      // The same number of rows as the source's snapshot, or nothing at all.
      for (const table of ORDER) {
        const [row] = await tx.unsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`);
        if (row?.n !== totals[table] || out[table] !== totals[table]) {
          throw new PostgresArchiveError(
            `migrate: ${table} holds ${row?.n} rows after the copy, the source ${totals[table]}: nothing was kept`,
          );
        }
      }
      return out;
    });
    // The analytics views' derived data, as an ingest builds it at its end.
    await refreshAnalytics(pg.sql);
    // Fresh planner statistics: the tables went from empty to full in one go.
    await pg.sql`ANALYZE`;
    return {
      from,
      to: pg.label,
      copied,
      notCopied,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    db.exec("COMMIT");
  }
}
