/**
 * BM25 of a cable's matching paragraphs, computed as FTS5's bm25() on paragraphs_fts computes it
 * (same k1, b, IDF and length normalisation, from the same index statistics), but here in
 * JavaScript. Calling bm25() itself costs too much per hit: on each statement run it counts the
 * rows of every phrase over the whole index (xQueryPhrase), ignoring the rowid range, so a page of
 * 20 hits for "government" took 50 ms at 50,000 cables. Those counts depend only on the archive,
 * so they are kept here per archive state and read only when they can change the order (a query
 * with one phrase ranks by frequency and length alone).
 */
import { type Db, perConnection } from "../store/db.js";

/** FTS5's bm25() constants (fts5_aux.c). */
const K1 = 1.2;
const B = 0.75;
/** Per-archive phrase counts kept; past this the cache starts again (queries repeat little). */
const MAX_COUNTS = 2000;

export interface IndexStats {
  rows: number;
  /** Mean tokens per paragraph. */
  avgdl: number;
  /** Rows of paragraphs_fts matching an FTS5 phrase expression (bm25's n(q)). */
  count(phraseExpr: string): number;
}

/** One SQLite varint (big-endian groups of 7 bits; a ninth byte holds 8); [value, length]. */
export function varint(buf: Uint8Array, at: number): [number, number] {
  let v = 0;
  for (let i = 0; i < 8; i++) {
    const c = buf[at + i];
    if (c === undefined) return [v, i];
    v = v * 128 + (c & 0x7f);
    if ((c & 0x80) === 0) return [v, i + 1];
  }
  return [v * 256 + (buf[at + 8] ?? 0), 9];
}

/** A row's token count from its paragraphs_fts_docsize record (one varint per column). */
export function docLength(sz: Uint8Array | null): number | null {
  return sz && sz.length > 0 ? varint(sz, 0)[0] : null;
}

/**
 * Row count and total tokens from the FTS5 averages record (rowid 1 of the %_data table: a varint
 * row count, then a varint token total per column), where bm25() reads them. The layout is part
 * of the SQLite file format, which SQLite keeps compatible.
 */
export function averages(block: Uint8Array | null): { rows: number; avgdl: number } {
  if (!block || block.length === 0) return { rows: 1, avgdl: 1 };
  const [rows, n] = varint(block, 0);
  const [tokens] = varint(block, n);
  const r = Math.max(rows, 1);
  return { rows: r, avgdl: tokens > 0 ? tokens / r : 1 };
}

interface Entry {
  stamp: string;
  rows: number;
  avgdl: number;
  counts: Map<string, number>;
}
const entries = new WeakMap<Db, Entry>();

function statements(db: Db) {
  return {
    averages: db.prepare<[], Buffer>("SELECT block FROM paragraphs_fts_data WHERE id = 1").pluck(),
    // The archive state as src/search/columns.ts stamps it, with statements prepared once: this
    // runs for every hit.
    dataVersion: db.prepare<[], number>("PRAGMA data_version").pluck(),
    changes: db.prepare<[], number>("SELECT total_changes()").pluck(),
    count: db
      .prepare<[string], number>("SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH ?")
      .pluck(),
  };
}
const stmts = perConnection(statements);

/** The statistics of the archive as it is now (counts computed on first use). */
export function indexStats(db: Db): IndexStats {
  const st = stmts(db);
  const now = `${st.dataVersion.get()}:${st.changes.get()}`;
  let e = entries.get(db);
  if (!e || e.stamp !== now) {
    e = { stamp: now, ...averages(st.averages.get() ?? null), counts: new Map() };
    entries.set(db, e);
  }
  const entry = e;
  return {
    rows: entry.rows,
    avgdl: entry.avgdl,
    count(phraseExpr) {
      let n = entry.counts.get(phraseExpr);
      if (n === undefined) {
        if (entry.counts.size >= MAX_COUNTS) entry.counts.clear();
        n = st.count.get(phraseExpr) ?? 0;
        entry.counts.set(phraseExpr, n);
      }
      return n;
    },
  };
}

/** bm25's inverse document frequency of a phrase found in `hits` of `rows` rows. */
export function idf(rows: number, hits: number): number {
  const v = Math.log((rows - hits + 0.5) / (hits + 0.5));
  return v <= 0 ? 1e-6 : v;
}

/**
 * The BM25 score of one row (higher is better: bm25() returns its negation): per phrase, its IDF
 * and its number of instances in the row; `length` is the row's token count.
 */
export function bm25Score(
  idfs: readonly number[],
  freqs: readonly number[],
  length: number,
  avgdl: number,
): number {
  const norm = K1 * (1 - B + (B * length) / avgdl);
  let score = 0;
  for (let i = 0; i < idfs.length; i++) {
    const f = freqs[i] ?? 0;
    score += (idfs[i]! * (f * (K1 + 1))) / (f + norm);
  }
  return score;
}
