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
 * equal. A full run every time, the derived tables rebuilt whole: at 50,000 cables a first load's
 * run took 45 s against 20 s for SQLite's (docs/server-mode.md, "Entities on PostgreSQL").
 *
 * The whole run holds the writer lock in one transaction: no batch of another ingest lands between
 * the read and the write back, and readers see the old placements or the new ones, never a mix.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Db, openArchive } from "../db.js";
import { type ResolveReport, resolveEntities } from "../entities-resolve.js";
import { finishMentionLoad, startMentionLoad } from "../entities-write.js";
import { type Pool, type Sql, WRITER_LOCK } from "./connect.js";
import { type CopyValue, copyRows } from "./copy.js";
import { ENTITY_COLUMNS } from "./entities-copy.js";
import { resolutionPending } from "./entities-read.js";

/** The derived tables, rebuilt whole from the scratch archive. */
const DERIVED = ["entities", "entity_forms", "entity_words", "entity_owners"] as const;

/** What resolution decides for a mention. */
const PLACED = ["entity_id", "link", "key", "vkeys"];
const PLACEMENT = `cable_id, seq, ${PLACED.join(", ")}`;
/** The scratch archive's copy of each mention's placement as PostgreSQL holds it. */
const WAS = PLACED.map((c) => `was_${c}`);
/** A mention whose placement resolution changed. */
const MOVED = PLACED.map((c) => `${c} IS NOT was_${c}`).join(" OR ");

/** Rows per fetch from PostgreSQL and per scratch transaction. */
const CHUNK = 20_000;

export interface PgResolveReport extends ResolveReport {
  /** Mention rows written back (their entity, link or key changed). */
  written: number;
  /** Seconds spent reading PostgreSQL into the scratch archive, and writing back. */
  readSeconds: number;
  writeSeconds: number;
}

const SCRATCH = "cablegram-resolve-";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Scratch folders of runs whose process is gone (killed mid-run: a `finally` never ran) are
 * removed, so killed ingests do not pile up copies of the mentions in the temporary folder.
 */
function sweepScratch(base: string): void {
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = new RegExp(`^${SCRATCH}(\\d+)-`).exec(name)?.[1];
    if (pid && Number(pid) !== process.pid && !alive(Number(pid)))
      rmSync(join(base, name), { recursive: true, force: true });
  }
}

/**
 * The chunks of `chunks`, the next one asked for before this one is handed on: PostgreSQL sends
 * it while SQLite stores this one.
 */
async function* ahead<T>(chunks: AsyncIterable<T>): AsyncGenerator<T> {
  const it = chunks[Symbol.asyncIterator]();
  let next = it.next();
  let done = false;
  try {
    for (;;) {
      const r = await next;
      if (r.done) {
        done = true;
        return;
      }
      next = it.next();
      yield r.value;
    }
  } finally {
    // Left early (the consumer threw): the chunk asked for ahead is not waited for.
    if (!done) {
      next.catch(() => {});
      await it.return?.();
    }
  }
}

async function fill(tx: Sql, db: Db): Promise<void> {
  const cable = db.prepare(
    `INSERT INTO cables (id, reference_id, station, year, created, signers, body, cable_json, version_id)
     VALUES (?, ?, ?, ?, ?, ?, '', '', 0)`,
  );
  // Ids as the driver gives int8 (strings): the columns' INTEGER affinity stores them as integers.
  const cables = tx`SELECT id, reference_id, station, year, created, signers
                      FROM cables ORDER BY id`.values();
  for await (const rows of ahead(cables.cursor(CHUNK))) {
    db.transaction(() => {
      for (const r of rows) cable.run(...(r as unknown[]));
    })();
  }
  const cols = ENTITY_COLUMNS.mentions!;
  const names = cols.split(", ");
  const was = PLACED.map((c) => names.indexOf(c));
  const mention = db.prepare(
    `INSERT INTO mentions (${cols}, ${WAS.join(", ")}) VALUES (${[...names, ...was].map(() => "?").join(", ")})`,
  );
  // Booleans as SQLite stores them.
  const mentions = tx
    .unsafe(
      `SELECT ${cols
        .replace("us_official", "us_official::int")
        .replace("protected", "protected::int")} FROM mentions ORDER BY cable_id, seq`,
    )
    .values();
  for await (const rows of ahead(mentions.cursor(CHUNK))) {
    db.transaction(() => {
      for (const r of rows as unknown as unknown[][]) mention.run(...r, ...was.map((i) => r[i]));
    })();
  }
}

async function writeBack(tx: Sql, db: Db): Promise<number> {
  // An UPDATE from a table of the moved rows, even when all moved (a first load). At 1.2 M
  // mentions the whole write back took 17.1–18.8 s so; deleting every mention and copying every
  // column back 16.2–21.1 s (the rows formatted in Node), a DELETE … RETURNING feeding an INSERT
  // of the joined rows 22.8 s. No faster, and this sends six columns instead of fourteen.
  await tx.unsafe(`CREATE TEMP TABLE cg_placed (cable_id bigint, seq integer, entity_id text,
                   link text, key text, vkeys text) ON COMMIT DROP`);
  const rows = db.prepare(`SELECT ${PLACEMENT} FROM mentions WHERE ${MOVED}`).raw().iterate();
  const moved = await copyRows(tx, "cg_placed", PLACEMENT, rows as Iterable<CopyValue[]>);
  if (moved > 0) {
    await tx.unsafe(`UPDATE mentions m SET entity_id = p.entity_id, link = p.link, key = p.key,
                            vkeys = p.vkeys
                       FROM cg_placed p WHERE m.cable_id = p.cable_id AND m.seq = p.seq`);
  }
  // DELETE, not TRUNCATE: a reader's snapshot keeps the old rows until the commit, where
  // TRUNCATE would show it empty tables (and public mode nobody to protect).
  for (const table of DERIVED) {
    await tx.unsafe(`DELETE FROM ${table}`);
    const cols = ENTITY_COLUMNS[table]!;
    const rows = db.prepare(`SELECT ${cols} FROM ${table}`).raw().iterate();
    await copyRows(tx, table, cols, rows as Iterable<CopyValue[]>);
  }
  await tx`DELETE FROM entity_dirty`;
  // Servers compare the archive's state (archiveStamp): a resolution no ingest run records
  // (`entities --rebuild`) must still empty their caches.
  await tx`UPDATE entity_resolutions SET runs = runs + 1`;
  return moved;
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
    const base = opts.scratchDir ?? tmpdir();
    sweepScratch(base);
    const dir = mkdtempSync(join(base, `${SCRATCH}${process.pid}-`));
    const db = openArchive(join(dir, "scratch.db"));
    try {
      db.pragma("synchronous = OFF");
      // As a first SQLite ingest loads them: the group indexes built once, after the rows.
      startMentionLoad(db);
      // Each mention's placement as PostgreSQL holds it, beside the one resolution gives it
      // (resolution writes mentions by UPDATE of its own columns only).
      for (const c of WAS) db.exec(`ALTER TABLE mentions ADD COLUMN ${c}`);
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
      return {
        ...report,
        written,
        readSeconds,
        writeSeconds: (performance.now() - t1) / 1000,
      };
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
