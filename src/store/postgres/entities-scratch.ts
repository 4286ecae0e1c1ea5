/**
 * The scratch SQLite archive PostgreSQL's entity resolution runs SQLite's code on
 * (entities-resolve.ts, entities-incremental.ts): its place in the temporary folder, the rows it is
 * filled with (each cable's facts, each mention with its placement as PostgreSQL holds it), and the
 * write back of the placements resolution moved.
 */
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "../db.js";
import type { Sql } from "./connect.js";
import { type CopyValue, copyRows } from "./copy.js";
import { ENTITY_COLUMNS } from "./entities-copy.js";

/** What resolution decides for a mention. */
const PLACED = ["entity_id", "link", "key", "vkeys"];
const PLACEMENT = `cable_id, seq, ${PLACED.join(", ")}`;
/** The scratch archive's copy of each mention's placement as PostgreSQL holds it. */
export const WAS = PLACED.map((c) => `was_${c}`);
/** A mention whose placement resolution changed. */
const MOVED = PLACED.map((c) => `${c} IS NOT was_${c}`).join(" OR ");

/** Rows per fetch from PostgreSQL and per scratch transaction. */
export const CHUNK = 20_000;

export const SCRATCH = "cablegram-resolve-";

const MENTION_COLUMNS = ENTITY_COLUMNS.mentions!;
const MENTION_NAMES = MENTION_COLUMNS.split(", ");

/** The SELECT list of `mentions` (alias `m`) in scratch column order, booleans as SQLite stores them. */
export const MENTION_SELECT = MENTION_NAMES.map((c) =>
  c === "us_official" || c === "protected" ? `m.${c}::int` : `m.${c}`,
).join(", ");

/** The SELECT list of `cables` the rule reads. */
export const CABLE_SELECT = "id, reference_id, station, year, created, signers";

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
export function sweepScratch(base: string): void {
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
export async function* ahead<T>(chunks: AsyncIterable<T>): AsyncGenerator<T> {
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

/**
 * Statements that store PostgreSQL's rows in the scratch archive: `cables` rows of CABLE_SELECT,
 * `mentions` rows of MENTION_SELECT (each with its placement copied into the WAS columns). With
 * `orIgnore`, a row already there stays as it is.
 */
export function scratchInserts(db: Db, orIgnore = false) {
  for (const c of WAS) {
    const has = db.prepare("SELECT 1 FROM pragma_table_info('mentions') WHERE name = ?").get(c);
    if (!has) db.exec(`ALTER TABLE mentions ADD COLUMN ${c}`);
  }
  const verb = orIgnore ? "INSERT OR IGNORE" : "INSERT";
  const cable = db.prepare(
    `${verb} INTO cables (id, reference_id, station, year, created, signers, body, cable_json, version_id)
     VALUES (?, ?, ?, ?, ?, ?, '', '', 0)`,
  );
  const was = PLACED.map((c) => MENTION_NAMES.indexOf(c));
  const mention = db.prepare(
    `${verb} INTO mentions (${MENTION_COLUMNS}, ${WAS.join(", ")})
     VALUES (${[...MENTION_NAMES, ...was].map(() => "?").join(", ")})`,
  );
  return {
    // Ids as the driver gives int8 (strings): the columns' INTEGER affinity stores them as integers.
    cables: db.transaction((rows: readonly unknown[][]) => {
      for (const r of rows) cable.run(...r);
    }),
    mentions: db.transaction((rows: readonly unknown[][]) => {
      for (const r of rows) mention.run(...r, ...was.map((i) => r[i]));
    }),
  };
}

/**
 * The mentions whose entity, link or group key resolution changed, written back by an UPDATE from
 * a table of the moved rows, even when all moved (a first load): at 1.2 M mentions the whole write
 * back took 17.1–18.8 s so; deleting every mention and copying every column back 16.2–21.1 s (the
 * rows formatted in Node), a DELETE … RETURNING feeding an INSERT of the joined rows 22.8 s. No
 * faster, and this sends six columns instead of fourteen. Returns how many moved.
 */
export async function writeMoved(tx: Sql, db: Db): Promise<number> {
  await tx.unsafe(`CREATE TEMP TABLE cg_placed (cable_id bigint, seq integer, entity_id text,
                   link text, key text, vkeys text) ON COMMIT DROP`);
  const rows = db.prepare(`SELECT ${PLACEMENT} FROM mentions WHERE ${MOVED}`).raw().iterate();
  const moved = await copyRows(tx, "cg_placed", PLACEMENT, rows as Iterable<CopyValue[]>);
  if (moved > 0) {
    await tx.unsafe(`UPDATE mentions m SET entity_id = p.entity_id, link = p.link, key = p.key,
                            vkeys = p.vkeys
                       FROM cg_placed p WHERE m.cable_id = p.cable_id AND m.seq = p.seq`);
  }
  return moved;
}

/** `table`'s scratch rows (those `where` keeps) copied into PostgreSQL. */
export async function copyBack(tx: Sql, db: Db, table: string, where = ""): Promise<number> {
  const cols = ENTITY_COLUMNS[table]!;
  const rows = db.prepare(`SELECT ${cols} FROM ${table} ${where}`).raw().iterate();
  return copyRows(tx, table, cols, rows as Iterable<CopyValue[]>);
}
