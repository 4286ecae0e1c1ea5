/**
 * Entity resolution for an archive on PostgreSQL: SQLite's resolution code (src/store/entities-*.ts
 * and the rule of entities-rule.ts) run on what PostgreSQL holds, and what it decides written back
 * in one transaction: the mentions whose entity, link or group key changed, and the derived tables
 * (`entities`, `entity_forms`, `entity_words`, `entity_owners`).
 *
 * Why SQLite's code rather than the rule ported to SQL: one implementation of the rule, so an
 * archive ingested into PostgreSQL gets the ids, placements and counts SQLite gives the same input
 * by construction (test/pg/entities.test.ts compares them), not a second implementation to keep
 * equal. A full run (a first load, `--rebuild`, entities-full.ts) feeds every cable and mention
 * into the columns of SQLite's full run and rebuilds the derived tables whole; as on SQLite, a run
 * is incremental once the archive has entities (entities-incremental.ts: the groups that unplaced
 * and removed mentions touch), on a scratch SQLite archive that holds what it reads.
 *
 * The whole run holds the writer lock in one transaction: no batch of another ingest lands between
 * the read and the write back, and readers see the old placements or the new ones, never a mix.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Db, openArchive } from "../db.js";
import { type Pool, type Sql, WRITER_LOCK } from "./connect.js";
import { type FullReport, resolveAllPg } from "./entities-full.js";
import { resolveTouchedPg } from "./entities-incremental.js";
import { resolutionPending } from "./entities-read.js";
import { SCRATCH, sweepScratch } from "./entities-scratch.js";
import { WRITTEN_MARK } from "./entities-write.js";

/** What a run did: SQLite's report, with the rows written back and the seconds reading and writing. */
export type PgResolveReport = FullReport;

/**
 * Whether the run must be a full one: asked for, no entity yet (a first load, an archive from
 * before resolution), or a mark other than the writer's (`migrate` copies SQLite's, migration 016
 * leaves one for the removals it could not journal).
 */
async function fullRunDue(tx: Sql, full: boolean | undefined): Promise<boolean> {
  if (full) return true;
  const [row] = await tx<{ due: boolean }[]>`
    SELECT NOT EXISTS (SELECT 1 FROM entities)
        OR EXISTS (SELECT 1 FROM entity_dirty WHERE type = '*' AND key IS DISTINCT FROM ${WRITTEN_MARK}) AS due`;
  return row?.due === true;
}

export interface ResolveOptions {
  /** Resolve even when nothing is pending (`entities --rebuild`). */
  full?: boolean;
  /** Where the scratch archive goes (default: the system's temp folder). */
  scratchDir?: string;
  /**
   * Work for the server in the same transaction, under the same writer lock, while the rule runs
   * in this process: the bulk load's vocabulary recount (src/ingest/postgres-finish.ts), which
   * would otherwise wait for the lock and run after. It runs when nothing is pending too. It must
   * send its statements in one message: the rule blocks this thread until it ends.
   */
  meanwhile?: (tx: Sql) => Promise<unknown>;
  /**
   * An incremental run reads the cables of the groups it touches by id up to this share of the
   * archive's cables, and all of them above it (default one half). Tests set it to take each way.
   */
  byIdShare?: number;
}

/**
 * Resolves the archive's entities when anything is pending (or always with `full`); null when
 * nothing was.
 */
export async function resolvePostgresEntities(
  pool: Pool,
  opts: ResolveOptions & { full: true },
): Promise<PgResolveReport>;
export async function resolvePostgresEntities(
  pool: Pool,
  opts?: ResolveOptions,
): Promise<PgResolveReport | null>;
export async function resolvePostgresEntities(
  pool: Pool,
  opts: ResolveOptions = {},
): Promise<PgResolveReport | null> {
  return pool.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${WRITER_LOCK})`;
    if (!opts.full && !(await resolutionPending(tx))) {
      await opts.meanwhile?.(tx);
      return null;
    }
    const fullRun = await fullRunDue(tx, opts.full);
    // Whatever this run's kind: a killed incremental run's folder (its `finally` never ran) goes.
    sweepScratch(opts.scratchDir ?? tmpdir());
    let report: PgResolveReport;
    if (fullRun) report = await resolveAllPg(tx, opts.meanwhile);
    else {
      await opts.meanwhile?.(tx);
      report = await resolveScratch(opts.scratchDir, (db) =>
        resolveTouchedPg(tx, db, opts.byIdShare),
      );
    }
    await tx`DELETE FROM entity_dirty`;
    // Servers compare the archive's state (archiveStamp): a resolution that no ingest run
    // records (`entities --rebuild`) must still empty their caches.
    await tx`UPDATE entity_resolutions SET runs = runs + 1`;
    return report;
  });
}

/** `run` on a scratch SQLite archive in a folder of its own, removed after. */
async function resolveScratch<T>(
  scratchDir: string | undefined,
  run: (db: Db) => Promise<T>,
): Promise<T> {
  const base = scratchDir ?? tmpdir();
  const dir = mkdtempSync(join(base, `${SCRATCH}${process.pid}-`));
  const db = openArchive(join(dir, "scratch.db"));
  try {
    db.pragma("synchronous = OFF");
    return await run(db);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
