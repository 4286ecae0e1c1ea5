/**
 * The paragraph a hit names: the query's positive body-side terms (words, phrases, prefixes, NEAR
 * groups kept whole; NOT-ed and subject-only terms dropped) are OR-ed into one FTS5 expression and
 * matched against paragraphs_fts, bounded to the cable's paragraph rowids (one cable's paragraphs
 * are written together, so their ids are consecutive). FTS5 seeks inside the doclists for that
 * range, so a common word costs what a rare one does. Of the matching paragraphs the one with the
 * best BM25 wins (src/search/paragraph-rank.ts), so an AND spread over several paragraphs names
 * the paragraph holding most of it, and a phrase broken across two paragraphs names neither.
 * highlight() reports where FTS5 matched (the term frequencies BM25 needs, and the marks), and
 * the docsize record each paragraph's length, so only the named paragraph is tokenized here.
 * A phrase or NEAR scan stops at the next real match, not at the end of the range: for the hits
 * of a page that is at most one pass over the rows holding all of a phrase's words, about what
 * the query itself cost.
 */
import { type Db, perConnection } from "../store/db.js";
import type { HighlightTerm } from "./compile.js";
import { quoteTerm } from "./fts.js";
import { CLOSE, markSpans, OPEN, parseMarked } from "./fts-marks.js";
import { bm25Score, docLength, idf, indexStats } from "./paragraph-rank.js";
import { find, mayMatch, type Pattern, pattern, type Token, tokenize } from "./text-match.js";

interface Phrase {
  /** The phrase alone as an FTS5 expression (what bm25 counts rows of). */
  expr: string;
  pattern: Pattern;
}

/** A phrase with the index of its group, in the flattened list BM25 scores. */
interface GroupPhrase extends Phrase {
  group: number;
}

/** A term, or a NEAR group: what matches a paragraph as a whole. */
export interface Group {
  phrases: Phrase[];
  /** NEAR distance, or null for a single term. */
  near: number | null;
  expr: string;
  prefix: boolean;
}

function groupExpr(phrases: Phrase[], near: number | null): string {
  if (near === null || phrases.length === 1) return phrases[0]!.expr;
  return `NEAR(${phrases.map((p) => p.expr).join(" ")}, ${near})`;
}

/**
 * The body-side groups of a query's positive terms. Terms without a word are left out: FTS5
 * matches nothing for them alone and ignores them inside NEAR. Duplicates are merged.
 */
export function bodyGroups(terms: readonly HighlightTerm[]): Group[] {
  const parts: { phrases: Phrase[]; near: number | null }[] = [];
  const nearParts = new Map<number, { phrases: Phrase[]; near: number | null }>();
  for (const t of terms) {
    if (t.column === "subject") continue;
    const pat = pattern(t.text, t.prefix);
    if (!pat) continue;
    const phrase = { expr: quoteTerm(t.text, t.prefix), pattern: pat };
    if (!t.near) {
      parts.push({ phrases: [phrase], near: null });
      continue;
    }
    let part = nearParts.get(t.near.group);
    if (!part) {
      part = { phrases: [], near: t.near.distance };
      nearParts.set(t.near.group, part);
      parts.push(part);
    }
    part.phrases.push(phrase);
  }
  const seen = new Set<string>();
  const out: Group[] = [];
  for (const { phrases, near } of parts) {
    const expr = groupExpr(phrases, near);
    if (seen.has(expr)) continue;
    seen.add(expr);
    out.push({ phrases, near, expr, prefix: phrases.some((p) => p.pattern.prefix) });
  }
  return out;
}

/** The FTS5 expression for paragraphs_fts: the groups OR-ed; null when the query has none. */
export function paragraphExpression(terms: readonly HighlightTerm[]): string | null {
  const groups = bodyGroups(terms);
  return groups.length > 0 ? orExpression(groups) : null;
}

function orExpression(groups: Group[]): string {
  return groups.length === 1 ? groups[0]!.expr : groups.map((g) => `(${g.expr})`).join(" OR ");
}

interface Row {
  id: number;
  seq: number;
  number: number;
}

function statements(db: Db) {
  // FTS5 takes a rowid bound only when it is an INTEGER value, and JavaScript numbers are bound
  // as REAL: without the CASTs the bounds are dropped and every match of the index is read.
  return {
    range: db.prepare<[number], { lo: number | null; hi: number | null }>(
      "SELECT min(id) AS lo, max(id) AS hi FROM paragraphs WHERE cable_id = ?",
    ),
    matching: db.prepare<
      [string, string, string, number, number, number],
      Row & { marked: string; sz: Uint8Array | null }
    >(
      `SELECT p.id, p.seq, p.number, highlight(paragraphs_fts, 0, ?, ?) AS marked, d.sz
         FROM paragraphs_fts
         JOIN paragraphs p ON p.id = paragraphs_fts.rowid
         LEFT JOIN paragraphs_fts_docsize d ON d.id = p.id
        WHERE paragraphs_fts MATCH ?
          AND paragraphs_fts.rowid BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER)
          AND p.cable_id = ?`,
    ),
    all: db.prepare<[number], Row & { text: string }>(
      "SELECT id, seq, number, text FROM paragraphs WHERE cable_id = ? ORDER BY seq",
    ),
  };
}
const stmts = perConnection(statements);

export interface NamedParagraph {
  number: number;
  text: string;
  tokens: Token[];
  /** Token ranges of the matches, in order (for the marks). */
  spans: [number, number][];
}

interface Candidate extends Row {
  text: string;
  /** Where FTS5 matched (character ranges). */
  marks: [number, number][];
  /** Token count from the FTS5 docsize record, when there is one. */
  length: number | null;
  /** Instances per phrase (flattened over the groups), as bm25 counts them. */
  freqs: number[];
  /**
   * Prefix-term matches found with the word rules (token ranges). Only the named paragraph's
   * tokens are kept (made again): keeping every candidate's costs more in garbage collection.
   */
  prefixSpans: [number, number][];
}

/**
 * Instances per phrase from FTS5's marks. A mark can hold overlapping instances of several
 * phrases (`"a" OR "a b"` marks `a b` once), so each mark is matched against the phrases again;
 * one one-word phrase needs no such step, each mark being one instance.
 */
function countMarks(c: Candidate, phrases: GroupPhrase[], ftsIdx: number[]): void {
  const only = ftsIdx.length === 1 ? phrases[ftsIdx[0]!]! : null;
  if (only && only.pattern.words.length === 1) {
    c.freqs[ftsIdx[0]!] = c.marks.length;
    return;
  }
  const pats = ftsIdx.map((i) => phrases[i]!.pattern);
  for (const [start, end] of c.marks) {
    const { counts } = find(tokenize(c.text.slice(start, end)), pats);
    counts.forEach((n, k) => {
      c.freqs[ftsIdx[k]!]! += n;
    });
  }
}

/**
 * Prefix groups are matched with the word rules rather than by FTS5: FTS5 expands a prefix by
 * merging the doclists of every word it covers, whatever the rowid range (8 ms per hit for `gov*`
 * at 50,000 cables, 100 ms for `g*`). A prefix group inside NEAR needs all its terms in the
 * paragraph, without the distance.
 */
function addPrefixMatches(
  db: Db,
  cableId: number,
  groups: Group[],
  phrases: GroupPhrase[],
  cands: Map<number, Candidate>,
): void {
  const prefixGroups = groups.flatMap((g, gi) => (g.prefix ? [gi] : []));
  const pats = phrases.filter((p) => groups[p.group]!.prefix).map((p) => p.pattern);
  for (const row of stmts(db).all.all(cableId)) {
    if (!mayMatch(row.text, pats)) continue;
    const tokens = tokenize(row.text);
    let c = cands.get(row.id);
    for (const gi of prefixGroups) {
      const idx = phrases.flatMap((p, i) => (p.group === gi ? [i] : []));
      const found = find(
        tokens,
        idx.map((i) => phrases[i]!.pattern),
      );
      if (found.counts.some((n) => n === 0)) continue;
      c ??= { ...row, marks: [], length: null, freqs: phrases.map(() => 0), prefixSpans: [] };
      c.length ??= tokens.length;
      found.counts.forEach((n, k) => {
        c!.freqs[idx[k]!] = n;
      });
      c.prefixSpans.push(...found.spans);
    }
    if (c) cands.set(row.id, c);
  }
}

function best(db: Db, cands: Candidate[], phrases: Phrase[]): Candidate {
  if (cands.length === 1) return cands[0]!;
  const stats = indexStats(db);
  // With one phrase the IDF is a common factor: the order needs no count over the index.
  const idfs =
    phrases.length === 1 ? [1] : phrases.map((p) => idf(stats.rows, stats.count(p.expr)));
  let top = cands[0]!;
  let topScore = Number.NEGATIVE_INFINITY;
  for (const c of cands) {
    const length = c.length ?? tokenize(c.text).length;
    const score = bm25Score(idfs, c.freqs, length, stats.avgdl);
    if (score > topScore || (score === topScore && c.seq < top.seq)) {
      top = c;
      topScore = score;
    }
  }
  return top;
}

/** The paragraph of a cable the query's body-side text names best, or null when none matches. */
export function bestParagraph(db: Db, cableId: number, groups: Group[]): NamedParagraph | null {
  if (groups.length === 0) return null;
  const s = stmts(db);
  const r = s.range.get(cableId);
  if (!r || r.lo === null || r.hi === null) return null;
  const phrases: GroupPhrase[] = groups.flatMap((g, gi) =>
    g.phrases.map((p) => ({ ...p, group: gi })),
  );
  const cands = new Map<number, Candidate>();

  const ftsGroups = groups.filter((g) => !g.prefix);
  if (ftsGroups.length > 0) {
    const ftsIdx = phrases.flatMap((p, i) => (groups[p.group]!.prefix ? [] : [i]));
    const expr = orExpression(ftsGroups);
    for (const row of s.matching.all(OPEN, CLOSE, expr, r.lo, r.hi, cableId)) {
      const { text, marks } = parseMarked(row.marked);
      const c: Candidate = {
        id: row.id,
        seq: row.seq,
        number: row.number,
        text,
        marks,
        length: docLength(row.sz),
        freqs: phrases.map(() => 0),
        prefixSpans: [],
      };
      countMarks(c, phrases, ftsIdx);
      cands.set(row.id, c);
    }
  }
  if (ftsGroups.length < groups.length) addPrefixMatches(db, cableId, groups, phrases, cands);
  if (cands.size === 0) return null;

  const top = best(
    db,
    [...cands.values()].sort((a, b) => a.seq - b.seq),
    phrases,
  );
  const tokens = tokenize(top.text);
  const spans = [...markSpans(tokens, top.marks), ...top.prefixSpans].sort((a, b) => a[0] - b[0]);
  return { number: top.number, text: top.text, tokens, spans };
}
