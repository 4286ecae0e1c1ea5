/**
 * Evaluation of a plan's id-set tree: each leaf query runs once and fills a bitset over rowids;
 * AND / OR / NOT are loops over those bitsets (a few hundred kilobytes at Cablegate scale). The
 * result is the sorted array of matching rowids.
 */
import type { Db } from "../store/db.js";
import { stamp } from "./columns.js";
import type { IdExpr } from "./compile.js";

type Bits = Uint8Array;

interface Context {
  db: Db;
  size: number;
  universe: Bits | null;
}

/**
 * Leaf sets kept per connection until the archive changes: the archive-wide ones always, and the
 * most recently used filter sets (`tag:PREL`, `classification=CONFIDENTIAL`, a year) within
 * FILTER_CACHE_BYTES. A filter value is shared by many queries (the facet values people click),
 * and the broad ones are expensive to read again: 178,000 rowids for the commonest TAG at 251,287
 * cables, 130,000 for a classification level, a fifth of a second each, where the word they are
 * combined with costs a few milliseconds. Text leaves (FTS5 MATCH) are not kept: their variety is
 * unbounded and a rare word is cheap to match.
 */
const FILTER_CACHE_BYTES = 48 * 1024 * 1024;

interface LeafCache {
  stamp: string;
  wide: Map<string, Int32Array>;
  /** Insertion order is recency order: a hit is deleted and set again. */
  filters: Map<string, Int32Array>;
  bytes: number;
}
const leafCaches = new WeakMap<Db, LeafCache>();

const isText = (sql: string) => /\bMATCH\b/.test(sql);

/** Rowids of a leaf query, from the connection's leaf cache when it holds them and is fresh. */
function rowsOf(db: Db, sql: string, params: unknown[], wide: boolean): ArrayLike<number> {
  const run = () =>
    db
      .prepare<unknown[], number>(sql)
      .pluck()
      .all(...params);
  if (!wide && isText(sql)) return run();
  const now = stamp(db);
  let cache = leafCaches.get(db);
  if (!cache || cache.stamp !== now) {
    cache = { stamp: now, wide: new Map(), filters: new Map(), bytes: 0 };
    leafCaches.set(db, cache);
  }
  if (wide) {
    let rows = cache.wide.get(sql);
    if (!rows) {
      rows = Int32Array.from(run());
      cache.wide.set(sql, rows);
    }
    return rows;
  }
  const key = `${sql}\u0000${JSON.stringify(params)}`;
  const hit = cache.filters.get(key);
  if (hit) {
    cache.filters.delete(key);
    cache.filters.set(key, hit);
    return hit;
  }
  const rows = Int32Array.from(run());
  if (rows.byteLength > FILTER_CACHE_BYTES / 4) return rows;
  cache.filters.set(key, rows);
  cache.bytes += rows.byteLength;
  for (const [k, v] of cache.filters) {
    if (cache.bytes <= FILTER_CACHE_BYTES) break;
    cache.filters.delete(k);
    cache.bytes -= v.byteLength;
  }
  return rows;
}

function leaf(ctx: Context, sql: string, params: unknown[], wide = false): Bits {
  const bits = new Uint8Array(ctx.size);
  const rows = rowsOf(ctx.db, sql, params, wide);
  for (let i = 0; i < rows.length; i++) {
    const n = Number(rows[i]);
    if (n >= 0 && n < ctx.size) bits[n] = 1;
  }
  return bits;
}

/** Every rowid of the archive: what NOT takes its complement in. */
function universe(ctx: Context): Bits {
  ctx.universe ??= leaf(ctx, "SELECT id FROM cables INDEXED BY cables_search_meta", []);
  return ctx.universe;
}

function evaluate(ctx: Context, e: IdExpr): Bits {
  switch (e.kind) {
    case "ids":
      return leaf(ctx, e.sql, e.params, e.archiveWide);
    case "all":
      return universe(ctx).slice();
    case "not": {
      const inner = evaluate(ctx, e.child);
      const all = universe(ctx);
      for (let i = 0; i < inner.length; i++) inner[i] = all[i]! & (inner[i]! ^ 1);
      return inner;
    }
    case "or": {
      const [first, ...rest] = e.children;
      const acc = first ? evaluate(ctx, first) : new Uint8Array(ctx.size);
      for (const c of rest) {
        const b = evaluate(ctx, c);
        for (let i = 0; i < acc.length; i++) acc[i]! |= b[i]!;
      }
      return acc;
    }
    case "and": {
      // Negated children subtract from the rest instead of complementing the whole archive.
      const positive = e.children.filter((c) => c.kind !== "not");
      const negative = e.children.filter((c) => c.kind === "not");
      const [first, ...rest] = positive;
      const acc = first ? evaluate(ctx, first) : universe(ctx).slice();
      for (const c of rest) {
        const b = evaluate(ctx, c);
        for (let i = 0; i < acc.length; i++) acc[i]! &= b[i]!;
      }
      for (const c of negative) {
        const b = evaluate(ctx, (c as { child: IdExpr }).child);
        for (let i = 0; i < acc.length; i++) acc[i]! &= b[i]! ^ 1;
      }
      return acc;
    }
  }
}

/**
 * Sorted rowids matching the tree. `present`, when given, is the archive's rowid bitset (from the
 * columnar copy), which spares reading the universe for NOT and the empty query.
 */
export function evaluateIds(db: Db, root: IdExpr, present: Uint8Array | null = null): Int32Array {
  if (root.kind === "ids") {
    // One leaf: no bitset needed, only order and uniqueness.
    const rows = rowsOf(db, root.sql, root.params, root.archiveWide ?? false);
    const sorted = Int32Array.from(rows);
    // FTS5 and index ranges mostly return rowids in order already: check before sorting.
    let ordered = true;
    for (let i = 1; i < sorted.length && ordered; i++) ordered = sorted[i - 1]! <= sorted[i]!;
    if (!ordered) sorted.sort();
    let n = 0;
    for (let i = 0; i < sorted.length; i++) {
      if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i]!;
    }
    return sorted.slice(0, n);
  }
  const size = (db.prepare<[], number | null>("SELECT max(id) FROM cables").pluck().get() ?? 0) + 1;
  const universe = present && present.length === size ? present : null;
  const bits = evaluate({ db, size, universe }, root);
  let count = 0;
  for (let i = 0; i < bits.length; i++) count += bits[i]!;
  const out = new Int32Array(count);
  let j = 0;
  for (let i = 0; i < bits.length; i++) if (bits[i]) out[j++] = i;
  return out;
}
