/**
 * Entity resolution for an archive on PostgreSQL: the SQLite resolution (src/store/entities-
 * resolve.ts and the rule of entities-rule.ts) run as it is on a scratch SQLite archive that holds
 * what it reads — each cable's id, reference id, station, year, creation date and signers, and
 * every mention with its current placement — and what it decides written back in one transaction:
 * the mentions whose entity, link or group key changed, and the derived tables (`entities`,
 * `entity_forms`, `entity_words`, `entity_owners`) whole.
 *
 * Why a scratch archive rather than the rule ported to SQL: one implementation of the rule, so an
 * archive ingested into PostgreSQL gets the ids, placements and counts SQLite gives the same input
 * by construction (test/pg/entities.test.ts compares them), not a second implementation to keep
 * equal. As on SQLite, a run is incremental once the archive has entities (entities-
 * incremental.ts: the groups that unplaced and removed mentions touch); a full run (a first load,
 * `--rebuild`) copies everything and rebuilds the derived tables whole: at 50,000 cables a first
 * load's run took 45 s against 20 s for SQLite's (docs/server-mode.md, "Entities on PostgreSQL").
 *
 * The whole run holds the writer lock in one transaction: no batch of another ingest lands between
 * the read and the write back, and readers see the old placements or the new ones, never a mix.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Db, openArchive } from "../db.js";
import { type ResolveReport, resolveEntities } from "../entities-resolve.js";
import { finishMentionLoad, startMentionLoad } from "../entities-write.js";
import { type Pool, type Sql, WRITER_LOCK } from "./connect.js";
import { resolveTouchedPg } from "./entities-incremental.js";
import { resolutionPending } from "./entities-read.js";
import {
  ahead,
  CABLE_SELECT,
  CHUNK,
  copyBack,
  MENTION_SELECT,
  SCRATCH,
  scratchInserts,
  sweepScratch,
  writeMoved,
} from "./entities-scratch.js";
import { WRITTEN_MARK } from "./entities-write.js";

/** The derived tables, rebuilt whole from the scratch archive. */
const DERIVED = ["entities", "entity_forms", "entity_words", "entity_owners"] as const;

export interface PgResolveReport extends ResolveReport {
  /** Mention rows written back (their entity, link or key changed). */
  written: number;
  /** Seconds spent reading PostgreSQL into the scratch archive, and writing back. */
  readSeconds: number;
  writeSeconds: number;
}

async function fill(tx: Sql, db: Db): Promise<void> {
  const insert = scratchInserts(db);
  const cables = tx.unsafe(`SELECT ${CABLE_SELECT} FROM cables ORDER BY id`).values();
  for await (const rows of ahead(cables.cursor(CHUNK))) insert.cables(rows);
  const mentions = tx
    .unsafe(`SELECT ${MENTION_SELECT} FROM mentions m ORDER BY cable_id, seq`)
    .values();
  for await (const rows of ahead(mentions.cursor(CHUNK))) insert.mentions(rows);
}

async function writeBack(tx: Sql, db: Db): Promise<number> {
  const moved = await writeMoved(tx, db);
  // DELETE, not TRUNCATE: a reader's snapshot keeps the old rows until the commit, where
  // TRUNCATE would show it empty tables (and public mode nobody to protect).
  for (const table of DERIVED) {
    await tx.unsafe(`DELETE FROM ${table}`);
    await copyBack(tx, db, table);
  }
  return moved;
}

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
    const base = opts.scratchDir ?? tmpdir();
    sweepScratch(base);
    const dir = mkdtempSync(join(base, `${SCRATCH}${process.pid}-`));
    const db = openArchive(join(dir, "scratch.db"));
    try {
      db.pragma("synchronous = OFF");
      let report: PgResolveReport;
      if (fullRun) report = await resolveAll(tx, db, opts);
      else {
        await opts.meanwhile?.(tx);
        report = await resolveTouchedPg(tx, db, opts.byIdShare);
      }
      await tx`DELETE FROM entity_dirty`;
      // Servers compare the archive's state (archiveStamp): a resolution that no ingest run
      // records (`entities --rebuild`) must still empty their caches.
      await tx`UPDATE entity_resolutions SET runs = runs + 1`;
      return report;
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

/** A full run: every cable's facts and every mention in the scratch archive, everything written back. */
async function resolveAll(tx: Sql, db: Db, opts: ResolveOptions): Promise<PgResolveReport> {
  // As a first SQLite ingest loads them: the group indexes built once, after the rows.
  startMentionLoad(db);
  const t0 = performance.now();
  await fill(tx, db);
  finishMentionLoad(db);
  const readSeconds = (performance.now() - t0) / 1000;
  // Sent before the rule blocks this thread; the server runs it meanwhile.
  const server = opts.meanwhile?.(tx);
  server?.catch(() => {});
  if (server) await new Promise((sent) => setImmediate(sent));
  const report = resolveEntities(db, { full: true });
  await server;
  const t1 = performance.now();
  const written = await writeBack(tx, db);
  return { ...report, written, readSeconds, writeSeconds: (performance.now() - t1) / 1000 };
}
