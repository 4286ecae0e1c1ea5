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

const archiveWide = new WeakMap<Db, { stamp: string; sets: Map<string, number[]> }>();

/** Rowids of a leaf query; archive-wide sets come from the per-connection cache when fresh. */
function rowsOf(db: Db, sql: string, params: unknown[], wide: boolean): number[] {
  const run = () =>
    db
      .prepare<unknown[], number>(sql)
      .pluck()
      .all(...params);
  if (!wide) return run();
  const now = stamp(db);
  let entry = archiveWide.get(db);
  if (!entry || entry.stamp !== now) {
    entry = { stamp: now, sets: new Map() };
    archiveWide.set(db, entry);
  }
  let rows = entry.sets.get(sql);
  if (!rows) {
    rows = run();
    entry.sets.set(sql, rows);
  }
  return rows;
}

function leaf(ctx: Context, sql: string, params: unknown[], wide = false): Bits {
  const bits = new Uint8Array(ctx.size);
  const rows = rowsOf(ctx.db, sql, params, wide);
  for (const id of rows) {
    const n = Number(id);
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
