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
  refreshAnalyticsFacts,
  stmts,
} from "./analytics-facts.js";
import { columnsByRowid, type FactColumns } from "./analytics-facts-columns.js";
import { FactsGather, int32, MEMORY_FROM } from "./analytics-facts-gather.js";
import { timed } from "./analytics-phases.js";
import { type Db, perConnection } from "./db.js";

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
  return int32(Buffer.from(hex ?? "", "hex"));
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
  const read = new FactsGather(dictionary(db), ids, stale);
  let memory: Memory | undefined;
  if (stale !== null && opts.memory !== false) {
    const key = stateKey(db);
    memory = memories.get(db);
    if (memory?.key !== key) memory = undefined;
    if (!memory && (opts.memory ?? ids.length >= MEMORY_FROM)) memory = loadMemory(db, key);
  }
  if (memory) {
    const all = read.fromMemory(memory.cols);
    if (all) return all;
  } else if (stale !== null) {
    const wanted = stale.size === 0 ? ids : ids.filter((id) => !stale.has(id));
    read.fromStored(ints(reads(db).set.get(JSON.stringify(Array.from(wanted)))));
  }
  const missing = read.toDerive();
  return read.facts(missing.length > 0 ? deriveFacts(db, missing) : []);
}
