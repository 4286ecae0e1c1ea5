/**
 * The shapes every analytics view answers with: a Table (what a chart draws, what its accessible
 * table view and its CSV show) and a Matrix (two-way counts whose cells add up to the set's total).
 * One shape, so the page, the JSON, the CSV and the chart cannot disagree.
 */

export type Cell = string | number | null;

export interface Table {
  /** Stable name: the `table` parameter of the CSV download. */
  name: string;
  title: string;
  columns: string[];
  rows: Cell[][];
}

export interface Matrix {
  name: string;
  title: string;
  rowLabel: string;
  colLabel: string;
  rows: string[];
  cols: string[];
  /** cells[r][c]: cables in row r and column c. */
  cells: number[][];
  /** Sum of every cell. */
  total: number;
}

/** Label of the bucket that keeps a matrix's sums whole when only the top values get a column. */
export const OTHER = "(other)";
/** Label of a missing value (no year, no level, no origin). */
export const NONE = "(none)";

function byCount(counts: Map<string, number>): string[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([k]) => k);
}

export interface MatrixOptions {
  name: string;
  title: string;
  rowLabel: string;
  colLabel: string;
  /** Row/column order: a comparator, or by count (default). */
  rowOrder?: (a: string, b: string) => number;
  colOrder?: (a: string, b: string) => number;
  /** Keep this many rows/columns, folding the rest into OTHER. */
  rowLimit?: number;
  colLimit?: number;
}

/**
 * The cables behind each cell of a matrix or row of a count table, kept beside it rather than in it
 * so the JSON and CSV stay small: the drill-down of any cell — (other) and (none) included — reads
 * them, so it lands on exactly the cables the cell counts. Stored as two parallel arrays (cell
 * number, cable rowid) that counting fills anyway: a broad set has tens of thousands of entries.
 */
interface Members {
  cell: (row: string, col: string) => number;
  /** Cell of each pair (-1: its cable already counted there) and the pair's cable. */
  cells: Int32Array;
  ids: ArrayLike<number>;
}
const members = new WeakMap<Matrix | Table, Members>();

/** Cable rowids counted in a cell (`col` omitted for a count table), or null when not recorded. */
export function cellMembers(of: Matrix | Table, row: string, col = ""): number[] | null {
  const m = members.get(of);
  if (!m) return null;
  const want = m.cell(row, col);
  const out: number[] = [];
  if (want < 0) return out;
  for (let i = 0; i < m.cells.length; i++) if (m.cells[i] === want) out.push(m.ids[i]!);
  return out;
}

/**
 * Counts each pair's cell into `counts`, once per (cell, cable): a pair whose cable the same cell
 * already counts becomes -1 in `cells`. The pairs of one cable come together (every caller lists a
 * cable's values in a run), so a repeat can only be in the current run — a scan of a few entries,
 * no set per cable. Without `ids` every pair counts.
 */
function countOnce(cells: Int32Array, ids: ArrayLike<number> | undefined, counts: Int32Array) {
  const n = cells.length;
  if (!ids) {
    for (let i = 0; i < n; i++) counts[cells[i]!]!++;
    return;
  }
  let run = 0;
  let last = Number.NaN;
  for (let i = 0; i < n; i++) {
    const cell = cells[i]!;
    const id = ids[i]!;
    if (id !== last) {
      last = id;
      run = i;
    } else {
      let seen = false;
      for (let j = run; j < i && !seen; j++) seen = cells[j] === cell;
      if (seen) {
        cells[i] = -1;
        continue;
      }
    }
    counts[cell]!++;
  }
}

/**
 * Values given as integer codes (value ids, years) and the label of each code: a broad set is
 * counted without building a string per cable. Codes with the same label count as one value.
 */
export interface Coded {
  codes: ArrayLike<number>;
  label: (code: number) => string;
}

/** Strings as codes: each distinct string its own code. */
function intern(values: readonly string[]): Coded {
  const index = new Map<string, number>();
  const labels: string[] = [];
  const codes = new Int32Array(values.length);
  values.forEach((v, i) => {
    let k = index.get(v);
    if (k === undefined) {
      k = labels.length;
      labels.push(v);
      index.set(v, k);
    }
    codes[i] = k;
  });
  return { codes, label: (k) => labels[k]! };
}

/** Codes below this are numbered through a typed array (value ids, years); others through a Map. */
const DENSE = 1 << 20;

/**
 * Each element's code numbered by first appearance: slot[i] for element i, the distinct codes in
 * slot order and how often each occurs. A broad set counts tens of thousands of codes per table;
 * a typed-array lookup per element is what keeps that a small part of a view.
 */
function slotsOf(codes: ArrayLike<number>): {
  slot: Int32Array;
  distinct: number[];
  counts: number[];
} {
  const n = codes.length;
  let max = -1;
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    if (c > max && c < DENSE) max = c;
  }
  const dense = new Int32Array(max + 1).fill(-1);
  let sparse: Map<number, number> | null = null;
  const slot = new Int32Array(n);
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    let s: number;
    if (c >= 0 && c <= max) {
      s = dense[c]!;
      if (s < 0) {
        s = distinct.length;
        dense[c] = s;
        distinct.push(c);
        counts.push(0);
      }
    } else {
      sparse ??= new Map();
      const known = sparse.get(c);
      if (known === undefined) {
        s = distinct.length;
        sparse.set(c, s);
        distinct.push(c);
        counts.push(0);
      } else s = known;
    }
    slot[i] = s;
    counts[s]!++;
  }
  return { slot, distinct, counts };
}

/** Occurrences of each label, from the slots' counts. */
function labelCounts(values: Coded, slots: ReturnType<typeof slotsOf>): Map<string, number> {
  const byLabel = new Map<string, number>();
  slots.distinct.forEach((code, s) => {
    const l = values.label(code);
    byLabel.set(l, (byLabel.get(l) ?? 0) + slots.counts[s]!);
  });
  return byLabel;
}

/**
 * Counts (row, col) pairs into a matrix. Values beyond the limits fold into OTHER, so the cells
 * always sum to the number of pairs given. With `ids` (the cable of each pair) a cell counts each
 * cable once — the cables its drill-down lists — and the sum is that of distinct (cell, cable).
 */
export function countMatrix(
  pairs: Iterable<[string, string]>,
  opts: MatrixOptions,
  ids?: ArrayLike<number>,
): Matrix {
  const list = [...pairs];
  return codedMatrix(intern(list.map((p) => p[0])), intern(list.map((p) => p[1])), opts, ids);
}

/** countMatrix of pairs given as codes: pair i is (rows.codes[i], cols.codes[i]). */
export function codedMatrix(
  rowValues: Coded,
  colValues: Coded,
  opts: MatrixOptions,
  ids?: ArrayLike<number>,
): Matrix {
  const rowSlots = slotsOf(rowValues.codes);
  const colSlots = slotsOf(colValues.codes);
  const pick = (
    counts: Map<string, number>,
    order: ((a: string, b: string) => number) | undefined,
    limit: number | undefined,
  ) => {
    const ranked = byCount(counts);
    const kept = limit !== undefined && ranked.length > limit ? ranked.slice(0, limit) : ranked;
    const sorted = order ? [...kept].sort(order) : kept;
    if (kept.length < ranked.length) sorted.push(OTHER);
    return sorted;
  };
  const rows = pick(labelCounts(rowValues, rowSlots), opts.rowOrder, opts.rowLimit);
  const cols = pick(labelCounts(colValues, colSlots), opts.colOrder, opts.colLimit);
  const rowIndex = new Map(rows.map((r, i) => [r, i]));
  const colIndex = new Map(cols.map((c, i) => [c, i]));
  // The row (column) of each slot: its label's, or (other).
  const place = (slots: ReturnType<typeof slotsOf>, v: Coded, index: Map<string, number>) =>
    Int32Array.from(slots.distinct, (code) => index.get(v.label(code)) ?? index.get(OTHER)!);
  const rowOf = place(rowSlots, rowValues, rowIndex);
  const colOf = place(colSlots, colValues, colIndex);
  const width = cols.length;
  const flat = new Int32Array(rows.length * width);
  const rowSlot = rowSlots.slot;
  const colSlot = colSlots.slot;
  // A cable counts once per cell, even when several of its values fold into (other).
  const cells = new Int32Array(rowSlot.length);
  for (let i = 0; i < cells.length; i++)
    cells[i] = rowOf[rowSlot[i]!]! * width + colOf[colSlot[i]!]!;
  countOnce(cells, ids, flat);
  let total = 0;
  for (let c = 0; c < flat.length; c++) total += flat[c]!;
  const matrix: Matrix = {
    name: opts.name,
    title: opts.title,
    rowLabel: opts.rowLabel,
    colLabel: opts.colLabel,
    rows,
    cols,
    cells: rows.map((_, r) => Array.from(flat.subarray(r * width, (r + 1) * width))),
    total,
  };
  if (ids) {
    members.set(matrix, {
      cell: (r, c) => {
        const ri = rowIndex.get(r);
        const ci = colIndex.get(c);
        return ri === undefined || ci === undefined ? -1 : ri * width + ci;
      },
      cells,
      ids,
    });
  }
  return matrix;
}

/** Sum of a matrix's cells (what tests hold equal to the set's total). */
export function matrixSum(m: Matrix): number {
  return m.cells.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
}

/** A matrix as a table: one row per matrix row, a column per matrix column, then the row total. */
export function matrixTable(m: Matrix): Table {
  return {
    name: m.name,
    title: m.title,
    columns: [`${m.rowLabel} \\ ${m.colLabel}`, ...m.cols, "total"],
    rows: m.rows.map((r, i) => [r, ...m.cells[i]!, m.cells[i]!.reduce((a, b) => a + b, 0)]),
  };
}

/** Counts of single values as a two-column table, most frequent first (or in `order`). */
export function countTable(
  name: string,
  title: string,
  label: string,
  values: Iterable<string>,
  order?: (a: string, b: string) => number,
  ids?: ArrayLike<number>,
): Table {
  return codedTable(name, title, label, intern([...values]), order, ids);
}

/** countTable of values given as codes. */
export function codedTable(
  name: string,
  title: string,
  label: string,
  values: Coded,
  order?: (a: string, b: string) => number,
  ids?: ArrayLike<number>,
): Table {
  // Each cable once per row: the count is the cables the row's drill-down lists.
  const slots = slotsOf(values.codes);
  const index = new Map<string, number>();
  const labels: string[] = [];
  const rowOfSlot = Int32Array.from(slots.distinct, (code) => {
    const l = values.label(code);
    let k = index.get(l);
    if (k === undefined) {
      k = labels.length;
      labels.push(l);
      index.set(l, k);
    }
    return k;
  });
  const counts = new Int32Array(labels.length);
  const slot = slots.slot;
  const cells = new Int32Array(slot.length);
  for (let i = 0; i < cells.length; i++) cells[i] = rowOfSlot[slot[i]!]!;
  countOnce(cells, ids, counts);
  const byLabel = new Map<string, number>();
  labels.forEach((l, k) => {
    if (counts[k]) byLabel.set(l, counts[k]);
  });
  const keys = order ? [...byLabel.keys()].sort(order) : byCount(byLabel);
  const table: Table = {
    name,
    title,
    columns: [label, "cables"],
    rows: keys.map((k) => [k, byLabel.get(k)!]),
  };
  if (ids) members.set(table, { cell: (v) => index.get(v) ?? -1, cells, ids });
  return table;
}

/** An ordering that puts the listed values first, in list order, then the rest alphabetically. */
export function listedFirst(list: readonly string[]): (a: string, b: string) => number {
  const rank = (v: string) => {
    const i = list.indexOf(v);
    return i === -1 ? list.length : i;
  };
  return (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}
