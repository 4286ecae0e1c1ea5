/**
 * The fixed query mix of the archive benchmark, and the timing helpers. Words and phrases are
 * common in cables, so result sets are large (the expensive case for facets and histograms).
 */
import type Database from "better-sqlite3";
import { search } from "../../src/search/index.js";
import type { Db } from "../../src/store/db.js";

/** Plain text queries: also run on the bare FTS5 baseline. */
export const TEXT_QUERIES = [
  "iran",
  "nuclear",
  "election",
  "corruption",
  "oil",
  "military",
  "visa",
  "terrorism",
  "refugees",
  "bank",
  '"human rights"',
  '"prime minister"',
  '"foreign minister"',
  '"end summary"',
  '"national security"',
];

/** The query language proper: fields, booleans, proximity, prefixes. */
export const FIELDED_QUERIES = [
  "tag:PGOV",
  "tag:PREL iran",
  "origin:paris",
  "classification:secret nuclear",
  "year:2009 election",
  "created:2008-01..2008-06 oil",
  "has:refs tag:ECON",
  "subject:visit",
  "iran AND nuclear NOT israel",
  "(oil OR gas) tag:EPET",
  "NEAR(nuclear program, 5)",
  "terror*",
  "caveat:NOFORN",
  "station:STATE sanctions",
  "has:missing",
];

export interface Timings {
  samples: number[];
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function time(fn: () => unknown): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Every query with facets and histogram, `rounds` times each (after one warm-up round). */
export function timeSearches(db: Db, queries: readonly string[], rounds: number): number[] {
  for (const q of queries) search(db, q, { facets: true });
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) out.push(time(() => search(db, q, { facets: true })));
  }
  return out;
}

/** The 10th page of a large result, reached through the cursors as a client would. */
export function timeDeepPage(db: Db, query: string, depth = 10): number {
  let cursor: string | null = null;
  let last = 0;
  for (let page = 0; page < depth; page++) {
    last = time(() => {
      cursor = search(db, query, { sort: "-created", cursor }).next;
    });
    if (!cursor) break;
  }
  return last;
}

/** Id queries through search(): the exact-id path. */
export function timeIdLookups(db: Db, ids: readonly string[]): number[] {
  for (const id of ids.slice(0, 5)) search(db, id);
  return ids.map((id) => time(() => search(db, id)));
}

/** The same text queries on the bare table: total count plus the first page by rank. */
export function timeBaseline(bare: Database.Database, queries: readonly string[], rounds: number) {
  const count = bare.prepare("SELECT count(*) FROM bare WHERE bare MATCH ?").pluck();
  const page = bare.prepare("SELECT rowid FROM bare WHERE bare MATCH ? ORDER BY rank LIMIT 20");
  const run = (q: string) => {
    count.get(q);
    page.all(q);
  };
  for (const q of queries) run(q);
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) for (const q of queries) out.push(time(() => run(q)));
  return out;
}
