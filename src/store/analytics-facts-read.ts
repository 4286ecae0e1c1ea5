/**
 * Reading the per-cable analytics facts of a result set (src/store/analytics-facts.ts) into
 * columns. A small set is read with one seek per cable, all in one value. A large set reads from a
 * copy of the whole facts table that the connection keeps in memory (4 bytes per int, ~130 bytes
 * a cable: ~33 MB at 251,287 cables), loaded by the first large set and again whenever the stored
 * facts change: on a shared 2-core machine one pass over 26,000 stored rows cost more than the
 * whole view's work, and a broad query is what researchers start from, so it pays after one view.
 */
import {
  analyticsFactsFresh,
  DERIVE_VERSION,
  deriveFacts,
  dictionary,
  type FactList,
  type FactSet,
  HEAD,
  LIST_KINDS,
  type ListKind,
  MARK_SLOTS,
  pack,
  refreshAnalyticsFacts,
  stmts,
} from "./analytics-facts.js";
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

/** Offset of the record after the one at `o`. */
export function skip(a: Int32Array, o: number): number {
  let p = o + HEAD;
  for (let k = 0; k < LIST_KINDS.length; k++) p += 1 + a[p]!;
  return p + 1 + 2 * a[p]!;
}

export function ints(hex: string | null | undefined): Int32Array {
  const bytes = Buffer.from(hex ?? "", "hex");
  // A copy: the buffer's offset in its pool need not be a multiple of 4.
  const out = new Int32Array(bytes.length >> 2);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

interface Memory {
  /** The stored state the copy was read at. */
  key: string;
  data: Int32Array;
  /** Offset of each cable's record in data, by rowid (-1: none). */
  at: Int32Array;
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
  const at = new Int32Array(maxId + 1).fill(-1);
  for (let p = 0; p < data.length; p = skip(data, p)) at[data[p]!] = p;
  const memory = { key, data, at };
  memories.set(db, memory);
  return memory;
}

/** Loads the connection's in-memory copy now (what the first large set would do); its size in ints. */
export function loadFactsMemory(db: Db): number {
  ensureFacts(db);
  return loadMemory(db, stateKey(db)).data.length;
}

/** Drops a connection's in-memory copy (tests; a server keeps it). */
export function forgetFactsMemory(db: Db): void {
  memories.delete(db);
}

/** Growable int32 column. */
class Ints {
  a: Int32Array;
  n = 0;
  constructor(size: number) {
    this.a = new Int32Array(Math.max(16, size));
  }
  push(v: number) {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  done(): Int32Array {
    return this.a.subarray(0, this.n);
  }
}

/**
 * The facts of a set of cables (rowids ascending), by column, in the set's order. Cables whose
 * stored facts are stale or missing are derived from their rows now.
 */
export function readFacts(db: Db, ids: Int32Array, opts: { memory?: boolean } = {}): FactSet {
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

  // Records: offsets into `main`; a cable derived now is -(k + 1) for extra[k], at offset 0.
  let main: Int32Array = new Int32Array(0);
  const offsets: number[] = [];
  const missing: number[] = [];
  if (stale === null) {
    missing.push(...ids);
  } else {
    const key = stateKey(db);
    let memory = memories.get(db);
    if (memory?.key !== key) memory = undefined;
    if (!memory && (opts.memory ?? ids.length >= MEMORY_FROM)) memory = loadMemory(db, key);
    if (opts.memory === false) memory = undefined;
    if (memory) {
      main = memory.data;
      const { at } = memory;
      for (const id of ids) {
        const o = id < at.length ? at[id]! : -1;
        if (o >= 0 && (stale.size === 0 || !stale.has(id))) offsets.push(o);
        else missing.push(id);
      }
    } else {
      const wanted = stale.size === 0 ? ids : ids.filter((id) => !stale.has(id));
      main = ints(reads(db).set.get(JSON.stringify(Array.from(wanted))));
      // Stored records come in the set's order: a cable they skip has none (or a stale one).
      let k = 0;
      for (let o = 0; o < main.length; o = skip(main, o)) {
        while (k < ids.length && ids[k]! < main[o]!) missing.push(ids[k++]!);
        offsets.push(o);
        k++;
      }
      while (k < ids.length) missing.push(ids[k++]!);
    }
  }
  const extra: Int32Array[] = [];
  if (missing.length > 0) {
    for (const f of deriveFacts(db, missing)) {
      extra.push(pack(f, idOf));
      offsets.push(-extra.length);
    }
  }
  const arrayOf = (r: number) => (r >= 0 ? main : extra[-r - 1]!);
  const offsetOf = (r: number) => Math.max(r, 0);
  if (extra.length > 0) offsets.sort((x, y) => arrayOf(x)[offsetOf(x)]! - arrayOf(y)[offsetOf(y)]!);

  const textOf = (id: number) =>
    id > 0 ? (d.texts[id] ?? null) : id < 0 ? (local[-id - 1] ?? null) : null;
  return factColumns(
    offsets.length,
    (i) => arrayOf(offsets[i]!),
    (i) => offsetOf(offsets[i]!),
    textOf,
  );
}

/**
 * Packed records (src/store/analytics-facts.ts `pack`) as columns: record i sits in `arrayAt(i)`
 * from `offsetAt(i)`. Both back ends read their stored facts through this.
 */
export function factColumns(
  n: number,
  arrayAt: (i: number) => Int32Array,
  offsetAt: (i: number) => number,
  text: (id: number) => string | null,
): FactSet {
  const col = () => new Int32Array(n);
  const f = {
    n,
    ids: col(),
    month: col(),
    year: col(),
    level: col(),
    origin: col(),
    sender: col(),
    precedence: col(),
    horizon: col(),
    day: col(),
    marks: new Int32Array(n * MARK_SLOTS.length),
  };
  const heads = [
    f.ids,
    f.month,
    f.year,
    f.level,
    f.origin,
    f.sender,
    f.precedence,
    f.horizon,
    f.day,
  ];
  const listStart = LIST_KINDS.map(() => new Int32Array(n + 1));
  const listValues = LIST_KINDS.map(() => new Ints(n * 2));
  const lineStart = new Int32Array(n + 1);
  const linePost = new Ints(n * 4);
  const lineFlag = new Ints(n * 4);
  for (let i = 0; i < n; i++) {
    const a = arrayAt(i);
    const o = offsetAt(i);
    for (let h = 0; h < heads.length; h++) heads[h]![i] = a[o + h]!;
    f.marks.set(a.subarray(o + heads.length, o + HEAD), i * MARK_SLOTS.length);
    let p = o + HEAD;
    for (let k = 0; k < LIST_KINDS.length; k++) {
      const values = listValues[k]!;
      for (let c = a[p++]!; c > 0; c--) values.push(a[p++]!);
      listStart[k]![i + 1] = values.n;
    }
    for (let c = a[p++]!; c > 0; c--) {
      linePost.push(a[p++]!);
      lineFlag.push(a[p++]!);
    }
    lineStart[i + 1] = linePost.n;
  }
  return {
    ...f,
    lists: Object.fromEntries(
      LIST_KINDS.map((kind, k) => [kind, { start: listStart[k]!, values: listValues[k]!.done() }]),
    ) as Record<ListKind, FactList>,
    lines: { start: lineStart, values: linePost.done(), flags: lineFlag.done() },
    text,
  };
}
