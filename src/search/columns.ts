/**
 * A columnar copy of what sorting and facet counting read for every hit, indexed by cable rowid:
 * creation and release times, month, origin, classification, TAGS and caveats as small integer
 * codes. Counting facets over 150,000 hits then takes milliseconds in typed arrays, where SQL
 * needs a join row per hit. Built once per connection (about half a second at Cablegate scale),
 * read through integer `pluck` queries that cost little per row, and rebuilt when the archive
 * changes; `columnsIfFresh` never hands out a stale copy.
 */
import type { Db } from "../store/db.js";

/** Sort key of an unknown date: after every real one. */
export const NO_DATE = 8.64e15;

/** Values of one categorical column and, per rowid, the code of its value (0: none). */
export interface Dictionary {
  values: string[];
  codes: Uint16Array;
}

/** A multi-valued column (TAGS, caveats): per rowid, codes[start[id] .. start[id+1]). */
export interface MultiColumn {
  values: string[];
  start: Uint32Array;
  codes: Uint32Array;
}

export interface Columns {
  /** Highest rowid + 1: the length of the per-rowid arrays. */
  size: number;
  /** 1 for every rowid that is a cable: the universe NOT complements in. */
  present: Uint8Array;
  created: Float64Array;
  released: Float64Array;
  month: Dictionary;
  origin: Dictionary;
  classification: Dictionary;
  tags: MultiColumn;
  caveats: MultiColumn;
  /** Archive state the copy was built from (see stamp). */
  stamp: string;
  builtAt: number;
}

function distinctValues(db: Db, table: string, column: string): string[] {
  // Skip-scan of the column's index: one seek per distinct value.
  return db
    .prepare<[], string>(
      `WITH RECURSIVE v(x) AS (
         SELECT min(${column}) FROM ${table}
         UNION ALL
         SELECT (SELECT min(${column}) FROM ${table} WHERE ${column} > v.x) FROM v WHERE v.x IS NOT NULL)
       SELECT x FROM v WHERE x IS NOT NULL`,
    )
    .pluck()
    .all();
}

function dictionary(db: Db, size: number, column: string): Dictionary {
  // Origins, classifications and months number in the hundreds; more would overflow the codes.
  const values = distinctValues(db, "cables", column).slice(0, 65_535);
  const codes = new Uint16Array(size);
  const ids = db.prepare<[string], number>(`SELECT id FROM cables WHERE ${column} = ?`).pluck();
  values.forEach((v, i) => {
    for (const id of ids.all(v)) codes[id] = i + 1;
  });
  return { values, codes };
}

function multiColumn(db: Db, size: number, table: string, column: string): MultiColumn {
  const values = distinctValues(db, table, column);
  const ids = db
    .prepare<[string], number>(`SELECT cable_id FROM ${table} WHERE ${column} = ?`)
    .pluck();
  return multiColumnOf(
    values,
    values.map((v) => ids.all(v)),
    size,
  );
}

/**
 * A MultiColumn from each value's ids (`lists[i]` the rowids holding `values[i]`): a counting sort
 * into CSR, so a row's codes stay in value order. Ids at or past `size` are left out.
 */
export function multiColumnOf(
  values: string[],
  lists: readonly ArrayLike<number>[],
  size: number,
): MultiColumn {
  const start = new Uint32Array(size + 1);
  for (const list of lists) {
    for (let k = 0; k < list.length; k++) if (list[k]! < size) start[list[k]! + 1]!++;
  }
  for (let i = 0; i < size; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, size);
  const codes = new Uint32Array(start[size]!);
  lists.forEach((list, i) => {
    for (let k = 0; k < list.length; k++) if (list[k]! < size) codes[fill[list[k]!]!++] = i + 1;
  });
  return { values, start, codes };
}

/**
 * Sort keys by date. `created` sorts undated cables by their estimate (src/store/date-estimates.ts):
 * an undated cable belongs among its serial neighbours, not after every dated one.
 */
function dates(db: Db, size: number, column: "created" | "released"): Float64Array {
  const out = new Float64Array(size).fill(NO_DATE);
  const expr = column === "created" ? "coalesce(created, created_est)" : column;
  // Two plucked columns rather than one row array each: no per-row allocation.
  const ids = db
    .prepare<[], number>(
      `SELECT id FROM cables INDEXED BY cables_search_meta WHERE ${expr} IS NOT NULL ORDER BY id`,
    )
    .pluck()
    .all();
  const values = db
    .prepare<[], string>(
      `SELECT ${expr} FROM cables INDEXED BY cables_search_meta WHERE ${expr} IS NOT NULL ORDER BY id`,
    )
    .pluck()
    .all();
  ids.forEach((id, i) => {
    const t = Date.parse(values[i]!);
    out[id] = Number.isNaN(t) ? NO_DATE : t;
  });
  return out;
}

/**
 * Identifies the archive's state: `data_version` moves when another connection commits,
 * `total_changes()` when this one writes.
 */
export function stamp(db: Db): string {
  const dv = db.pragma("data_version", { simple: true }) as number;
  const own = db.prepare<[], number>("SELECT total_changes()").pluck().get() ?? 0;
  return `${dv}:${own}`;
}

export function buildColumns(db: Db): Columns {
  return db.transaction((): Columns => {
    const s = stamp(db);
    const size =
      (db.prepare<[], number | null>("SELECT max(id) FROM cables").pluck().get() ?? 0) + 1;
    const present = new Uint8Array(size);
    for (const id of db
      .prepare<[], number>("SELECT id FROM cables INDEXED BY cables_search_meta")
      .pluck()
      .all()) {
      present[id] = 1;
    }
    return {
      size,
      present,
      created: dates(db, size, "created"),
      released: dates(db, size, "released"),
      month: dictionary(db, size, "month"),
      origin: dictionary(db, size, "origin"),
      classification: dictionary(db, size, "classification"),
      tags: multiColumn(db, size, "tags", "tag"),
      caveats: multiColumn(db, size, "caveats", "caveat"),
      stamp: s,
      builtAt: Date.now(),
    };
  })();
}

const cache = new WeakMap<Db, Columns>();

/** While the archive keeps changing, rebuild at most this often; in between, callers use SQL. */
const REBUILD_INTERVAL_MS = 10_000;

/**
 * The columns of the archive as it is now, built if need be; null when they would be stale and
 * were rebuilt too recently to rebuild again (an ingest is writing): then read the tables instead.
 */
export function columnsIfFresh(db: Db): Columns | null {
  const current = cache.get(db);
  const now = stamp(db);
  if (current && current.stamp === now) return current;
  if (current && Date.now() - current.builtAt < REBUILD_INTERVAL_MS) return null;
  const built = buildColumns(db);
  cache.set(db, built);
  return built;
}

/** The columns if already built and fresh, without building them. */
export function columnsIfBuilt(db: Db): Columns | null {
  const current = cache.get(db);
  return current && current.stamp === stamp(db) ? current : null;
}
