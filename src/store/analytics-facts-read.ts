/**
 * Reading the per-cable analytics facts of a result set (src/store/analytics-facts.ts) as columns.
 * A small set is read with one seek per cable, all in one value. A large set reads from a copy of
 * the whole facts table that the connection keeps in memory as columns indexed by rowid
 * (src/store/analytics-facts-columns.ts; ~45 MB at 251,287 cables), loaded by the first large set
 * and again whenever the stored facts change: on a shared 2-core machine one pass over 26,000
 * stored rows cost more than the whole view's work, and a broad query is what researchers start
 * from, so it pays after one view. Once loaded it serves sets of any size.
 */
import {
  analyticsFactsFresh,
  DERIVE_VERSION,
  deriveFacts,
  dictionary,
  type FactSet,
  pack,
  refreshAnalyticsFacts,
  stmts,
} from "./analytics-facts.js";
import {
  columnsByRowid,
  type FactColumns,
  gatherFacts,
  recordOf,
  recordsAsFacts,
  skipRecord,
} from "./analytics-facts-columns.js";
import { timed } from "./analytics-phases.js";
import { type Db, perConnection } from "./db.js";

/** Sets of at least this many cables read from the in-memory copy (loading it when needed). */
export const MEMORY_FROM = 2000;
/** Cable ids per read while loading the copy (one hex string each, a few MB). */
const LOAD_SPAN = 20_000;

const reads = perConnection((db: Db) => ({
  // One value for the whole set: a row per cable would cost an array and a buffer each.
  set: db
    .prepare<[string], string | null>(
      `SELECT group_concat(hex(f.facts), '') FROM json_each(?) j
         CROSS JOIN analytics_facts f ON f.cable_id = j.value`,
    )
    .pluck(),
  span: db
    .prepare<[number, number], string | null>(
      `SELECT group_concat(hex(facts), '') FROM analytics_facts
        WHERE cable_id BETWEEN ? AND ?`,
    )
    .pluck(),
  maxId: db.prepare<[], number | null>("SELECT max(cable_id) FROM analytics_facts").pluck(),
}));

/**
 * Brings the stored facts up to date when the connection can write; otherwise returns the cables
 * whose stored facts are stale (null: every cable, the derivation having changed).
 */
function ensureFacts(db: Db): Set<number> | null {
  if (analyticsFactsFresh(db)) return new Set();
  if (!db.readonly) {
    try {
      refreshAnalyticsFacts(db);
      return new Set();
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code !== "SQLITE_BUSY" && code !== "SQLITE_READONLY") throw err;
    }
  }
  const state = stmts(db).state.get();
  if (!state || state.derive !== DERIVE_VERSION) return null;
  return new Set(stmts(db).changed.all(state.version));
}

function ints(hex: string | null | undefined): Int32Array {
  const bytes = Buffer.from(hex ?? "", "hex");
  // A copy: the buffer's offset in its pool need not be a multiple of 4.
  const out = new Int32Array(bytes.length >> 2);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

interface Memory {
  /** The stored state the copy was read at. */
  key: string;
  /** Facts by rowid. */
  cols: FactColumns;
  /** Ints read (the stored size). */
  size: number;
}

const memories = new WeakMap<Db, Memory>();

function stateKey(db: Db): string {
  const s = stmts(db).state.get();
  return s ? `${s.version}:${s.derive}` : "";
}

function loadMemory(db: Db, key: string): Memory {
  const r = reads(db);
  const maxId = r.maxId.get() ?? 0;
  const parts: Int32Array[] = [];
  let size = 0;
  for (let lo = 0; lo <= maxId; lo += LOAD_SPAN) {
    const part = ints(r.span.get(lo, lo + LOAD_SPAN - 1));
    parts.push(part);
    size += part.length;
  }
  const data = new Int32Array(size);
  let o = 0;
  for (const p of parts) {
    data.set(p, o);
    o += p.length;
  }
  const memory = { key, cols: columnsByRowid(data), size };
  memories.set(db, memory);
  return memory;
}

/** Loads the connection's in-memory copy now (what the first large set would do); its size in ints. */
export function loadFactsMemory(db: Db): number {
  ensureFacts(db);
  return loadMemory(db, stateKey(db)).size;
}

/** Drops a connection's in-memory copy (tests; a server keeps it). */
export function forgetFactsMemory(db: Db): void {
  memories.delete(db);
}

/**
 * The facts of a set of cables (rowids ascending), by column, in the set's order. Cables whose
 * stored facts are stale or missing are derived from their rows now.
 */
export function readFacts(db: Db, ids: Int32Array, opts: { memory?: boolean } = {}): FactSet {
  return timed("facts", () => readFactsNow(db, ids, opts));
}

function readFactsNow(db: Db, ids: Int32Array, opts: { memory?: boolean }): FactSet {
  const stale = ensureFacts(db);
  const d = dictionary(db);
  // Text of cables derived now that the dictionary lacks: negative ids, local to this set.
  const local: string[] = [];
  const localIds = new Map<string, number>();
  const idOf = (text: string) => {
    const v = d.ids.get(text);
    if (v !== undefined) return v;
    let l = localIds.get(text);
    if (l === undefined) {
      local.push(text);
      l = -local.length;
      localIds.set(text, l);
    }
    return l;
  };
  const text = (id: number) =>
    id > 0 ? (d.texts[id] ?? null) : id < 0 ? (local[-id - 1] ?? null) : null;

  let memory: Memory | undefined;
  if (stale !== null && opts.memory !== false) {
    const key = stateKey(db);
    memory = memories.get(db);
    if (memory?.key !== key) memory = undefined;
    if (!memory && (opts.memory ?? ids.length >= MEMORY_FROM)) memory = loadMemory(db, key);
  }
  if (memory && stale?.size === 0) {
    const { has, n } = memory.cols;
    let all = true;
    for (let i = 0; i < ids.length && all; i++) all = ids[i]! < n && has[ids[i]!] === 1;
    // The usual case: every cable's stored facts are fresh and in the copy.
    if (all) return gatherFacts(memory.cols, ids, text);
  }

  // Records, in the set's order: stored ones (from the copy or read now) and ones derived now.
  const records: Int32Array[] = [];
  const missing: number[] = [];
  if (stale === null) {
    missing.push(...ids);
  } else if (memory) {
    const { has, n } = memory.cols;
    const present: number[] = [];
    for (const id of ids) {
      if (id < n && has[id] === 1 && !stale.has(id)) present.push(id);
      else missing.push(id);
    }
    const f = gatherFacts(memory.cols, Int32Array.from(present), text);
    for (let i = 0; i < f.n; i++) records.push(recordOf(f, i));
  } else {
    const wanted = stale.size === 0 ? ids : ids.filter((id) => !stale.has(id));
    const main = ints(reads(db).set.get(JSON.stringify(Array.from(wanted))));
    // Stored records come in the set's order: a cable they skip has none (or a stale one).
    let k = 0;
    for (let o = 0; o < main.length; ) {
      const next = skipRecord(main, o);
      while (k < ids.length && ids[k]! < main[o]!) missing.push(ids[k++]!);
      records.push(main.subarray(o, next));
      k++;
      o = next;
    }
    while (k < ids.length) missing.push(ids[k++]!);
  }
  if (missing.length > 0) {
    for (const f of deriveFacts(db, missing)) records.push(pack(f, idOf));
    records.sort((x, y) => x[0]! - y[0]!);
  }
  return recordsAsFacts(records, text);
}
