/**
 * Matching and ordering. A plan's id sets are evaluated once (src/search/evaluate.ts); sort keys
 * then come from where they are cheapest: BM25 from one scored FTS5 query while the text match is
 * small enough to score, dates from the columnar copy or the covering index. Every key is a number where smaller comes first, ties broken by rowid, so pages and
 * cursors work the same for every order.
 */
import type { Db } from "../store/db.js";
import type { Columns } from "./columns.js";
import { NO_DATE } from "./columns.js";
import type { Plan } from "./compile.js";
import type { CursorPosition } from "./cursor.js";
import { evaluateIds } from "./evaluate.js";
import type { SortOrder } from "./types.js";

/** Text matches up to this many are all ranked by BM25 (about 1 µs each). */
export const RANK_ALL = 20_000;
/** Key offset of the unranked tier: above every BM25 score (those are negative). */
const UNRANKED = 1e14;

const WEIGHTS = "10.0, 1.0";

export interface Matches {
  ids: Int32Array;
  /** Sort key per id (same index), smaller first. */
  keys: Float64Array;
}

/** The order actually used: relevance needs text to rank, else it is newest first. */
export function effectiveSort(order: SortOrder, plan: Plan): SortOrder {
  return order === "relevance" && plan.fts === null ? "-created" : order;
}

/** Sorted rowids of every cable the plan matches (`cols`, when fresh, supplies the universe). */
export function matchIds(db: Db, plan: Plan, cols: Columns | null = null): Int32Array {
  return evaluateIds(db, plan.root, cols?.present ?? null);
}

/**
 * BM25 of every cable matching an FTS5 expression in `table` (cables_fts: subject weighs ten times
 * the body; subject_fts: subjects alone), by rowid; NaN where the expression does not match.
 */
function bm25Scores(
  db: Db,
  table: "cables_fts" | "subject_fts",
  fts: string,
  size: number,
): Float64Array {
  const scores = new Float64Array(size).fill(Number.NaN);
  const weights = table === "cables_fts" ? `, ${WEIGHTS}` : "";
  const rows = db
    .prepare<[string], [number, number]>(
      `SELECT rowid, bm25(${table}${weights}) FROM ${table} WHERE ${table} MATCH ?`,
    )
    .raw()
    .all(fts);
  for (const [id, score] of rows) if (id < size) scores[id] = score;
  return scores;
}

function ftsCount(db: Db, fts: string): number {
  return (
    db
      .prepare<[string], number>("SELECT count(*) FROM cables_fts WHERE cables_fts MATCH ?")
      .pluck()
      .get(fts) ?? 0
  );
}

/** Date keys for ids from the columnar copy (NO_DATE last either way). */
export function columnDateKeys(
  ids: Int32Array,
  cols: Columns,
  column: "created" | "released",
  desc: boolean,
): Float64Array {
  const keys = new Float64Array(ids.length);
  const sign = desc ? -1 : 1;
  const values = cols[column];
  ids.forEach((id, i) => {
    const t = id < values.length ? values[id]! : NO_DATE;
    keys[i] = t === NO_DATE ? NO_DATE : sign * t;
  });
  return keys;
}

/**
 * Relevance keys past the rank-all limit: the subject tier's score where it has one (NaN: not in
 * the tier), else the unranked tier newest first, undated last.
 */
export function tieredKeys(
  ids: Int32Array,
  tier: Float64Array,
  newest: Float64Array,
): Float64Array {
  return Float64Array.from(ids, (id, i) => {
    const score = id < tier.length ? tier[id]! : Number.NaN;
    if (!Number.isNaN(score)) return score;
    const k = newest[i]!;
    return k === NO_DATE ? UNRANKED * 2 : UNRANKED + k;
  });
}

/** Date keys for ids: from the columnar copy when there is one, else the covering index. */
function dateKeys(
  db: Db,
  ids: Int32Array,
  column: "created" | "released",
  cols: Columns | null,
  desc: boolean,
): Float64Array {
  if (cols) return columnDateKeys(ids, cols, column, desc);
  const keys = new Float64Array(ids.length);
  const sign = desc ? -1 : 1;
  // As in the columnar copy (columns.ts): undated cables sort by their estimate.
  const expr = column === "created" ? "coalesce(m.created, m.created_est)" : `m.${column}`;
  const rows = db
    .prepare<[string], [number, string | null]>(
      `SELECT m.id, ${expr} FROM json_each(?) j
         CROSS JOIN cables m INDEXED BY cables_search_meta ON m.id = j.value`,
    )
    .raw()
    .all(JSON.stringify(Array.from(ids)));
  const byId = new Map<number, number>();
  for (const [id, value] of rows) {
    const t = value === null ? Number.NaN : Date.parse(value);
    byId.set(id, Number.isNaN(t) ? NO_DATE : sign * t);
  }
  ids.forEach((id, i) => {
    keys[i] = byId.get(id) ?? NO_DATE;
  });
  return keys;
}

/**
 * Sort keys for the matches. Relevance scores every match with BM25 while the text part matches
 * up to RANK_ALL cables; past that, the matches whose subject alone satisfies the text query come
 * first, ranked by BM25 over the subject index (the subject weighs most anyway), and the rest
 * follow newest first, because scoring a very broad match (150,000 bodies for one common word)
 * costs a third of a second.
 */
export function sortKeys(
  db: Db,
  plan: Plan,
  order: SortOrder,
  ids: Int32Array,
  cols: Columns | null,
  rankAll = RANK_ALL,
): Float64Array {
  switch (effectiveSort(order, plan)) {
    case "created":
      return dateKeys(db, ids, "created", cols, false);
    case "-created":
      return dateKeys(db, ids, "created", cols, true);
    case "released":
      return dateKeys(db, ids, "released", cols, false);
    case "-released":
      return dateKeys(db, ids, "released", cols, true);
    default:
      break;
  }
  const fts = plan.fts!;
  const textOnly = plan.root.kind === "ids" && plan.root.params[0] === fts;
  const textMatches = textOnly ? ids.length : ftsCount(db, fts);
  const size = ids.length > 0 ? ids[ids.length - 1]! + 1 : 0;
  if (textMatches <= rankAll) {
    const scores = bm25Scores(db, "cables_fts", fts, size);
    return Float64Array.from(ids, (id) => (Number.isNaN(scores[id]!) ? 0 : scores[id]!));
  }
  const subjectTier = plan.subjectFts
    ? bm25Scores(db, "subject_fts", plan.subjectFts, size)
    : new Float64Array(size).fill(Number.NaN);
  return tieredKeys(ids, subjectTier, dateKeys(db, ids, "created", cols, true));
}

function after(key: number, id: number, pos: CursorPosition): boolean {
  return key > (pos.key as number) || (key === pos.key && id > pos.id);
}

/**
 * Indexes (into ids/keys) of the `count` first matches after `from`, in order. A bounded insertion
 * list: linear in the matches, whatever their number, for the page sizes people use.
 */
export function firstAfter(m: Matches, from: CursorPosition | null, count: number): number[] {
  const best: number[] = [];
  const less = (a: number, b: number) =>
    m.keys[a]! < m.keys[b]! || (m.keys[a] === m.keys[b] && m.ids[a]! < m.ids[b]!);
  for (let i = 0; i < m.ids.length; i++) {
    if (from && !after(m.keys[i]!, m.ids[i]!, from)) continue;
    if (best.length === count && !less(i, best[count - 1]!)) continue;
    let j = best.length === count ? count - 1 : best.length;
    while (j > 0 && less(i, best[j - 1]!)) {
      best[j] = best[j - 1]!;
      j--;
    }
    best[j] = i;
  }
  return best;
}

/** All match indexes in order (exports). */
export function allInOrder(m: Matches): Uint32Array {
  const order = new Uint32Array(m.ids.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => m.keys[a]! - m.keys[b]! || m.ids[a]! - m.ids[b]!);
}
