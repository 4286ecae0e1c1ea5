/**
 * Per-cable analytics facts (src/store/analytics-facts.ts) as columns: the packed records turned
 * into one typed array per fact, and a result set's facts gathered from them. The in-memory copy
 * of the whole table is such columns indexed by rowid, so a view over 26,000 cables reads the
 * columns it uses at its cables' rowids — a few typed-array loads each — instead of walking every
 * cable's record and copying each of its facts whether the view needs them or not.
 */
import {
  type FactList,
  type FactSet,
  HEAD,
  LIST_KINDS,
  type ListKind,
  MARK_SLOTS,
} from "./analytics-facts.js";

const SLOTS = MARK_SLOTS.length;
const SCALARS = [
  "ids",
  "month",
  "year",
  "level",
  "origin",
  "sender",
  "precedence",
  "horizon",
  "day",
];
const SCALAR_COUNT = SCALARS.length;

/** Facts of `n` positions, by column (a position without a record has zeros and empty lists). */
export interface FactColumns {
  n: number;
  /** Whether each position holds a record. */
  has: Uint8Array;
  /** ids, month, year, level, origin, sender, precedence, horizon, day (FactSet's order). */
  scalars: Int32Array[];
  marks: Int32Array;
  lists: FactList[];
  lines: FactList & { flags: Int32Array };
}

/** Offset of the record after the one at `o`. */
export function skipRecord(a: Int32Array, o: number): number {
  let p = o + HEAD;
  for (let k = 0; k < LIST_KINDS.length; k++) p += 1 + a[p]!;
  return p + 1 + 2 * a[p]!;
}

/**
 * Columns of the records at `offsets` in `data`, record k at position `positions[k]` (ascending),
 * or at position k when `positions` is null.
 */
export function toColumns(
  data: Int32Array,
  offsets: ArrayLike<number>,
  n: number,
  positions: ArrayLike<number> | null,
): FactColumns {
  const count = offsets.length;
  const listSizes = new Array<number>(LIST_KINDS.length).fill(0);
  let lineSize = 0;
  for (let r = 0; r < count; r++) {
    let p = offsets[r]! + HEAD;
    for (let k = 0; k < LIST_KINDS.length; k++) {
      listSizes[k]! += data[p]!;
      p += 1 + data[p]!;
    }
    lineSize += data[p]!;
  }
  const scalars = SCALARS.map(() => new Int32Array(n));
  const marks = new Int32Array(n * SLOTS);
  const has = new Uint8Array(n);
  const lists = listSizes.map((size) => ({
    start: new Int32Array(n + 1),
    values: new Int32Array(size),
  }));
  const lines = {
    start: new Int32Array(n + 1),
    values: new Int32Array(lineSize),
    flags: new Int32Array(lineSize),
  };
  const fill = new Array<number>(LIST_KINDS.length).fill(0);
  let lineFill = 0;
  let next = 0;
  // Positions without a record repeat the list ends before them (empty lists).
  const closeUpTo = (pos: number) => {
    for (; next < pos; next++) {
      for (let k = 0; k < lists.length; k++) lists[k]!.start[next + 1] = fill[k]!;
      lines.start[next + 1] = lineFill;
    }
  };
  for (let r = 0; r < count; r++) {
    const at = positions ? positions[r]! : r;
    const o = offsets[r]!;
    closeUpTo(at);
    has[at] = 1;
    for (let h = 0; h < SCALAR_COUNT; h++) scalars[h]![at] = data[o + h]!;
    for (let k = 0; k < SLOTS; k++) marks[at * SLOTS + k] = data[o + SCALAR_COUNT + k]!;
    let p = o + HEAD;
    for (let k = 0; k < lists.length; k++) {
      const list = lists[k]!;
      for (let c = data[p++]!; c > 0; c--) list.values[fill[k]!++] = data[p++]!;
    }
    for (let c = data[p++]!; c > 0; c--) {
      lines.values[lineFill] = data[p++]!;
      lines.flags[lineFill++] = data[p++]!;
    }
    for (let k = 0; k < lists.length; k++) lists[k]!.start[at + 1] = fill[k]!;
    lines.start[at + 1] = lineFill;
    next = at + 1;
  }
  closeUpTo(n);
  return { n, has, scalars, marks, lists, lines };
}

/** Column `c` at positions `at`. */
function pick(c: Int32Array, at: Int32Array): Int32Array {
  const out = new Int32Array(at.length);
  for (let i = 0; i < at.length; i++) out[i] = c[at[i]!]!;
  return out;
}

/** A list's entries at positions `at`, in that order; `extra` is a parallel column (line flags). */
function pickList(
  list: FactList,
  at: Int32Array,
  extra?: Int32Array,
): FactList & { flags: Int32Array | null } {
  const start = new Int32Array(at.length + 1);
  for (let i = 0; i < at.length; i++) {
    start[i + 1] = start[i]! + list.start[at[i]! + 1]! - list.start[at[i]!]!;
  }
  const values = new Int32Array(start[at.length]!);
  const flags = extra ? new Int32Array(values.length) : null;
  // Element loops: a subarray per cable would be 26,000 objects for the collector.
  const src = list.values;
  let o = 0;
  for (let i = 0; i < at.length; i++) {
    const to = list.start[at[i]! + 1]!;
    for (let k = list.start[at[i]!]!; k < to; k++) values[o++] = src[k]!;
  }
  if (flags && extra) {
    o = 0;
    for (let i = 0; i < at.length; i++) {
      const to = list.start[at[i]! + 1]!;
      for (let k = list.start[at[i]!]!; k < to; k++) flags[o++] = extra[k]!;
    }
  }
  return { start, values, flags };
}

/**
 * The facts at positions `at` (the set's order). Each column is gathered when a view first reads
 * it — a timeline reads three, a secrecy view a dozen — and kept in a field, so reading it again
 * in a loop costs a property load.
 */
class GatheredFacts implements FactSet {
  readonly n: number;
  readonly lists: Record<ListKind, FactList>;
  private s: (Int32Array | undefined)[] = [];
  private m: Int32Array | undefined;
  private l: (FactList & { flags: Int32Array }) | undefined;
  constructor(
    private readonly cols: FactColumns,
    private readonly at: Int32Array,
    readonly text: (id: number) => string | null,
  ) {
    this.n = at.length;
    const picked: (FactList | undefined)[] = [];
    const lists = {} as Record<ListKind, FactList>;
    LIST_KINDS.forEach((kind, k) => {
      Object.defineProperty(lists, kind, {
        enumerable: true,
        get: () => {
          if (!picked[k]) {
            const { start, values } = pickList(cols.lists[k]!, at);
            picked[k] = { start, values };
          }
          return picked[k];
        },
      });
    });
    this.lists = lists;
  }
  private scalar(h: number): Int32Array {
    let c = this.s[h];
    if (!c) {
      c = pick(this.cols.scalars[h]!, this.at);
      this.s[h] = c;
    }
    return c;
  }
  get ids() {
    return this.scalar(0);
  }
  get month() {
    return this.scalar(1);
  }
  get year() {
    return this.scalar(2);
  }
  get level() {
    return this.scalar(3);
  }
  get origin() {
    return this.scalar(4);
  }
  get sender() {
    return this.scalar(5);
  }
  get precedence() {
    return this.scalar(6);
  }
  get horizon() {
    return this.scalar(7);
  }
  get day() {
    return this.scalar(8);
  }
  get marks() {
    if (!this.m) {
      const { at, cols } = this;
      const out = new Int32Array(at.length * SLOTS);
      const marks = cols.marks;
      for (let i = 0; i < at.length; i++) {
        const from = at[i]! * SLOTS;
        for (let k = 0; k < SLOTS; k++) out[i * SLOTS + k] = marks[from + k]!;
      }
      this.m = out;
    }
    return this.m;
  }
  get lines() {
    if (!this.l) {
      const { start, values, flags } = pickList(this.cols.lines, this.at, this.cols.lines.flags);
      this.l = { start, values, flags: flags! };
    }
    return this.l;
  }
}

/** The facts at positions `at` (the set's order) as a FactSet, each column gathered on first use. */
export function gatherFacts(
  cols: FactColumns,
  at: Int32Array,
  text: (id: number) => string | null,
): FactSet {
  return new GatheredFacts(cols, at, text);
}

/** The columns themselves as a FactSet (position i is the set's cable i). */
export function columnsAsFacts(cols: FactColumns, text: (id: number) => string | null): FactSet {
  const [ids, month, year, level, origin, sender, precedence, horizon, day] = cols.scalars as [
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
  ];
  return {
    n: cols.n,
    ids,
    month,
    year,
    level,
    origin,
    sender,
    precedence,
    horizon,
    day,
    marks: cols.marks,
    lists: Object.fromEntries(LIST_KINDS.map((kind, k) => [kind, cols.lists[k]!])) as Record<
      ListKind,
      FactList
    >,
    lines: cols.lines,
    text,
  };
}

/** Packed records laid end to end, rowids ascending, as columns by rowid (a whole-table copy). */
export function columnsByRowid(data: Int32Array): FactColumns {
  const offsets: number[] = [];
  const positions: number[] = [];
  let maxId = -1;
  for (let p = 0; p < data.length; p = skipRecord(data, p)) {
    offsets.push(p);
    positions.push(data[p]!);
    if (data[p]! > maxId) maxId = data[p]!;
  }
  return toColumns(data, offsets, maxId + 1, positions);
}

/** Packed records, rowids ascending, as the facts of a set (position i: the set's cable i). */
export function recordsAsFacts(
  records: readonly Int32Array[],
  text: (id: number) => string | null,
): FactSet {
  let size = 0;
  for (const r of records) size += r.length;
  const data = new Int32Array(size);
  const offsets = new Int32Array(records.length);
  size = 0;
  records.forEach((r, k) => {
    offsets[k] = size;
    data.set(r, size);
    size += r.length;
  });
  return columnsAsFacts(toColumns(data, offsets, records.length, null), text);
}

/** Cable i of a set packed back into a record (the rare path that mixes in derived facts). */
export function recordOf(f: FactSet, i: number): Int32Array {
  const out: number[] = [
    f.ids[i]!,
    f.month[i]!,
    f.year[i]!,
    f.level[i]!,
    f.origin[i]!,
    f.sender[i]!,
    f.precedence[i]!,
    f.horizon[i]!,
    f.day[i]!,
  ];
  const slots = MARK_SLOTS.length;
  for (let k = 0; k < slots; k++) out.push(f.marks[i * slots + k]!);
  for (const kind of LIST_KINDS) {
    const l = f.lists[kind];
    out.push(l.start[i + 1]! - l.start[i]!);
    for (let k = l.start[i]!; k < l.start[i + 1]!; k++) out.push(l.values[k]!);
  }
  out.push(f.lines.start[i + 1]! - f.lines.start[i]!);
  for (let k = f.lines.start[i]!; k < f.lines.start[i + 1]!; k++) {
    out.push(f.lines.values[k]!, f.lines.flags[k]!);
  }
  return Int32Array.from(out);
}
