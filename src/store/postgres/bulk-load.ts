/**
 * Bulk loads into PostgreSQL the way PostgreSQL wants them: an ingest into an empty archive drops
 * the secondary indexes (the GIN text indexes above all) and the foreign keys of the tables it
 * COPYs into, loads, and builds them once at the end, with maintenance_work_mem raised. Kept
 * row by row, the GIN indexes cost more than everything else of the load together (docs/server-
 * mode.md, "Ingest"); built once from sorted entries they cost about what the bare baseline's
 * one GIN index does.
 *
 * What was dropped is recorded, in the same transaction as the drops, in `bulk_load_dropped`
 * (migration 004): a load killed before its rebuild leaves the archive readable (every query
 * still answers, scanning instead of using an index) and the record of what to build. The next
 * ingest, whatever its input, adopts the record, goes on in bulk mode and rebuilds at its end; the
 * record goes only once the whole rebuild has committed, so a kill during it leaves the record for
 * the next run too (which skips what was built already). Primary
 * keys and unique constraints stay throughout: the writer reads by them, and they keep the
 * versions exact.
 *
 * An ingest into a non-empty archive keeps every index (readers may be searching it meanwhile).
 */
import { ELEMENT_TABLES } from "../write.js";
import type { Pool, Sql } from "./connect.js";
import { WRITER_LOCK } from "./connect.js";
import { recountTerms } from "./entities-write.js";
import { RUN_LOCK } from "./ingest-runs.js";

/** The tables the writer COPYs into (src/store/postgres/write.ts): what a bulk load unburdens. */
export const LOADED_TABLES = ["cables", "versions", "paragraphs", ...ELEMENT_TABLES] as const;

/**
 * Secondary indexes a load keeps: each batch syncs cable_facets (src/store/postgres/cable-
 * facets.ts) through refs_target, the cables citing the ones it adds; without it every batch
 * would scan `refs` once per cable. A B-tree of short text, kept row by row, costs the load little.
 */
const KEPT_INDEXES = ["refs_target"];

/**
 * The least maintenance_work_mem of the index builds (as `migrate`'s): PostgreSQL's default, 64 MB,
 * makes a GIN build of a large archive flush its entries many times over. A server set higher
 * (docs/server-mode.md "Tuning": 1 GB) keeps its own value.
 */
const BUILD_MEMORY = "256MB";

export interface BulkLoad {
  /** Whether this ingest rebuilds at its end (it dropped, or adopted a cut load's record). */
  owned: boolean;
  /** Indexes and constraints that are not there until the rebuild. */
  dropped: number;
}

/** A record's owner is alive while some session holds its run lock (src/store/postgres/ingest-runs.ts). */
const OWNER_ALIVE = `EXISTS (
  SELECT 1 FROM pg_locks l
   WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
     AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
     AND l.classid::bigint = ${RUN_LOCK} AND l.objid::bigint = d.run_id)`;

/**
 * Decides, at the start of the ingest run `runId`, whether it loads in bulk: it adopts the record
 * of a cut bulk load (whose run is gone), or drops the indexes itself when the archive holds no
 * cable. `enabled: false` (CABLEGRAM_PG_BULK=off) keeps every index but still adopts a cut load.
 */
export async function startBulkLoad(
  sql: Pool,
  runId: number,
  opts: { enabled?: boolean } = {},
): Promise<BulkLoad> {
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${WRITER_LOCK})`;
    const [pending] = await tx.unsafe<{ n: number; alive: number }[]>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE ${OWNER_ALIVE})::int AS alive
         FROM bulk_load_dropped d`,
    );
    if (pending!.n > 0) {
      // Another ingest's load still running: it rebuilds at its end, this one just writes.
      if (pending!.alive > 0) return { owned: false, dropped: pending!.n };
      await tx`UPDATE bulk_load_dropped SET run_id = ${runId}`;
      return { owned: true, dropped: pending!.n };
    }
    if (opts.enabled === false) return { owned: false, dropped: 0 };
    const [any] = await tx<{ x: boolean }[]>`SELECT EXISTS (SELECT 1 FROM cables) AS x`;
    if (any!.x) return { owned: false, dropped: 0 };
    const dropped = await dropForLoad(tx, runId);
    return { owned: dropped > 0, dropped };
  });
}

/** Records and drops the foreign keys, then the secondary indexes, of the loaded tables. */
async function dropForLoad(tx: Sql, runId: number): Promise<number> {
  const tables = [...LOADED_TABLES];
  const keys = await tx<{ name: string; tbl: string; def: string }[]>`
    SELECT c.conname AS name, t.relname AS tbl, pg_get_constraintdef(c.oid) AS def
      FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
     WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace
       AND t.relname = ANY(${tables})
     ORDER BY t.relname, c.conname`;
  const indexes = await tx<{ name: string; tbl: string; def: string }[]>`
    SELECT i.relname AS name, t.relname AS tbl,
           -- An expression column's statistics target goes with it (the phrase pair index
           -- gathers none: ANALYZE would compute every sampled row's pairs again).
           pg_get_indexdef(i.oid) || coalesce((
             SELECT string_agg(format('; ALTER INDEX %I ALTER COLUMN %s SET STATISTICS %s',
                                      i.relname, a.attnum, a.attstattarget), '' ORDER BY a.attnum)
               FROM pg_attribute a WHERE a.attrelid = i.oid AND a.attstattarget >= 0), '') AS def
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
     WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY(${tables})
       AND NOT x.indisprimary AND NOT x.indisunique
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
       AND i.relname <> ALL(${KEPT_INDEXES})
     ORDER BY t.relname, i.relname`;
  for (const k of keys) {
    await tx`INSERT INTO bulk_load_dropped (kind, name, tbl, def, run_id)
             VALUES ('constraint', ${k.name}, ${k.tbl}, ${k.def}, ${runId})`;
    await tx.unsafe(`ALTER TABLE ${ident(k.tbl)} DROP CONSTRAINT ${ident(k.name)}`);
  }
  for (const i of indexes) {
    await tx`INSERT INTO bulk_load_dropped (kind, name, tbl, def, run_id)
             VALUES ('index', ${i.name}, ${i.tbl}, ${i.def}, ${runId})`;
    await tx.unsafe(`DROP INDEX ${ident(i.name)}`);
  }
  return keys.length + indexes.length;
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Lanes of the rebuild: a GIN build is one process on one core, and the largest (cables_tsv) takes
 * about as long as every other index, foreign key and the vocabulary count together; a second lane
 * runs those beside it. More lanes would only queue behind the same GIN build.
 */
const LANES = 2;

type Dropped = { kind: string; name: string; tbl: string; def: string };

export interface FinishOptions {
  /**
   * Tables whose dropped indexes and keys wait for a later call: the ingest builds the others
   * beside its entity resolution, which writes `mentions` (src/ingest/postgres-finish.ts). While
   * any are left, the record stays.
   */
  leave?: readonly string[];
  /**
   * Only these tables' dropped indexes and keys (the others are left, as with `leave`): the ingest
   * builds those of `mentions` as soon as its resolution has written them, beside the rest.
   */
  only?: readonly string[];
  /** Whether to recount the vocabulary (default true): a second call after a first one need not. */
  recount?: boolean;
}

/**
 * Builds what the bulk load of run `runId` dropped (but for the tables of `leave`), and recounts
 * the vocabulary its batches skipped, on LANES connections at once: each index, each foreign key
 * (checked in one pass over its table) and the recount in a transaction of its own, GIN indexes
 * first (the longest), the keys last (adding one waits for the builds on its tables). The record
 * is deleted only once all of them have committed, so a rebuild cut anywhere leaves it for the
 * next ingest, which skips what exists again by its name (built before the cut, or by a migration
 * meanwhile) and counts again. Returns how many were built.
 */
export async function finishBulkLoad(
  sql: Pool,
  runId: number,
  opts: FinishOptions = {},
): Promise<number> {
  const owned = await sql<Dropped[]>`
    SELECT kind, name, tbl, def FROM bulk_load_dropped WHERE run_id = ${runId}`;
  if (owned.length === 0) return 0;
  const only = opts.only && new Set(opts.only);
  const leave = new Set([
    ...(opts.leave ?? []),
    ...(only ? owned.map((r) => r.tbl).filter((t) => !only.has(t)) : []),
  ]);
  const rows = owned.filter((r) => !leave.has(r.tbl));
  const gin = (r: Dropped) => r.kind === "index" && /\busing gin\b/i.test(r.def);
  const rank = (r: Dropped) => (r.kind === "constraint" ? 2 : gin(r) ? 0 : 1);
  const queue: (Dropped | "terms")[] = rows.sort(
    (a, b) => rank(a) - rank(b) || a.tbl.localeCompare(b.tbl) || a.name.localeCompare(b.name),
  );
  // Beside the first GIN build, not after it: the recount reads the tables, not the indexes. With
  // work running beside (`leave`), after the indexes: that work may hold the writer lock the
  // recount waits for, and the indexes need not wait with it.
  if (opts.recount !== false) {
    const at = leave.size > 0 ? queue.findIndex((j) => j !== "terms" && rank(j) === 2) : 1;
    queue.splice(at < 0 ? queue.length : at, 0, "terms");
  }
  let built = 0;
  const lane = async () => {
    try {
      for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
        if (job === "terms") await sql.begin((tx) => countTerms(tx));
        else if (await sql.begin((tx) => build(tx, job as Dropped))) built++;
      }
    } catch (err) {
      // The other lane stops after its current job; the record stays for the next ingest.
      queue.length = 0;
      throw err;
    }
  };
  const lanes = await Promise.allSettled(Array.from({ length: LANES }, lane));
  const failed = lanes.find((l): l is PromiseRejectedResult => l.status === "rejected");
  if (failed) throw failed.reason;
  if (leave.size === 0) await sql`DELETE FROM bulk_load_dropped WHERE run_id = ${runId}`;
  return built;
}

/**
 * Whether a recorded index or key `d` (kind, name, tbl) exists again by its name: built by an
 * earlier part of the rebuild, before a cut, or by a migration meanwhile.
 */
const BUILT = `CASE WHEN d.kind = 'index' THEN to_regclass(d.name) IS NOT NULL
  ELSE EXISTS (SELECT 1 FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
                WHERE c.conname = d.name AND t.relname = d.tbl
                  AND t.relnamespace = current_schema()::regnamespace) END`;

/** One dropped index or key made again, unless it exists again by its name; whether it was made. */
async function build(tx: Sql, r: Dropped): Promise<boolean> {
  await tx`SELECT set_config('maintenance_work_mem', CASE
             WHEN pg_size_bytes(current_setting('maintenance_work_mem')) < pg_size_bytes(${BUILD_MEMORY})
             THEN ${BUILD_MEMORY} ELSE current_setting('maintenance_work_mem') END, true)`;
  const [exists] = await tx.unsafe<{ x: boolean }[]>(
    `SELECT ${BUILT} AS x FROM (VALUES ($1, $2, $3)) AS d (kind, name, tbl)`,
    [r.kind, r.name, r.tbl],
  );
  if (exists!.x) return false;
  // Simple protocol: an index's definition may be followed by its statistics targets.
  await tx
    .unsafe(
      r.kind === "index"
        ? r.def
        : `ALTER TABLE ${ident(r.tbl)} ADD CONSTRAINT ${ident(r.name)} ${r.def}`,
    )
    .simple();
  return true;
}

/**
 * The vocabulary the load's batches left alone (src/store/postgres/write.ts), counted once. Under
 * the writer lock: a second ingest's batches, which move the counts themselves, wait for it.
 */
async function countTerms(tx: Sql): Promise<void> {
  await tx`SELECT pg_advisory_xact_lock(${WRITER_LOCK})`;
  await recountTerms(tx);
}

/**
 * What a bulk load has not built (yet, or at all: a load stopped before its end), for `stats`:
 * names, indexes first. What its rebuild made already is not listed, though the record keeps it
 * until the whole rebuild has committed.
 */
export async function unbuiltAfterBulkLoad(sql: Sql): Promise<string[]> {
  const [has] = await sql<
    { t: string | null }[]
  >`SELECT to_regclass('bulk_load_dropped')::text AS t`;
  if (!has?.t) return [];
  const rows = await sql.unsafe<{ name: string }[]>(
    `SELECT name FROM bulk_load_dropped d WHERE NOT (${BUILT}) ORDER BY kind DESC, tbl, name`,
  );
  return rows.map((r) => r.name);
}
