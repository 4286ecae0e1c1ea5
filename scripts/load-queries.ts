/**
 * Distinct search URLs for `npm run load -- --targets distinct`: thousands of queries drawn from
 * the archive's own full-text vocabulary (fts5vocab), its fields and its facet values, no two
 * alike, so that each request is one the response cache has never seen — what users meet, where
 * cycling a few dozen URLs measures the cache. Deterministic (a seeded generator): two runs on the
 * same archive send the same URLs in the same order. On PostgreSQL (`distinctSearchPathsPostgres`)
 * the vocabulary comes from `ts_stat` over the same words, picked by the same rules, so both back
 * ends built from one input are sent the same URLs.
 */
import type postgres from "postgres";
import type { Db } from "../src/store/db.js";
import { mulberry32 } from "../test/support/mulberry32.js";

/** Words the query language reads as operators, whatever their case. */
const OPERATORS = new Set(["and", "or", "not", "near"]);

/**
 * Words of the index spread over the whole frequency range (rare, middling and very common
 * words alike): `count` of the words in at least `minDocs` cables, evenly spaced by frequency rank. Counting a
 * word's cables reads its whole posting list, which at Cablegate scale takes minutes for the whole
 * vocabulary; so the index is read in slices of two-letter prefixes (`ba`…, `me`…, in a fixed
 * shuffled order), and reading stops once there are three times as many words as asked for.
 */
export function vocabulary(db: Db, count: number, minDocs = 3): string[] {
  db.exec(
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.load_vocab USING fts5vocab(main, 'cables_fts', 'row')",
  );
  const slice = db.prepare<[number, string, string], Term>(
    "SELECT term, doc FROM temp.load_vocab WHERE doc >= ? AND term >= ? AND term < ?",
  );
  return pickWords((prefix) => slice.all(minDocs, prefix, `${prefix}\u{10ffff}`), count);
}

interface Term {
  term: string;
  doc: number;
}

/**
 * The words of a PostgreSQL archive's index (`cables.tsv`, the subject and body words FTS5 indexes
 * on SQLite) in at least `minDocs` cables, picked as `vocabulary` picks them. `ts_stat` reads every
 * tsvector once (seconds per 100,000 cables), so the whole vocabulary is read and then sliced.
 */
export async function vocabularyPostgres(
  sql: postgres.Sql,
  count: number,
  minDocs = 3,
): Promise<string[]> {
  const rows = await sql<{ word: string; ndoc: number }[]>`
    SELECT word, ndoc FROM ts_stat('SELECT tsv FROM cables') WHERE ndoc >= ${minDocs}`;
  const byPrefix = new Map<string, Term[]>();
  for (const r of rows) {
    const key = r.word.slice(0, 2);
    const list = byPrefix.get(key) ?? [];
    list.push({ term: r.word, doc: r.ndoc });
    byPrefix.set(key, list);
  }
  return pickWords((prefix) => byPrefix.get(prefix) ?? [], count);
}

function pickWords(slice: (prefix: string) => Term[], count: number): string[] {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const prefixes = [...letters].flatMap((a) => [...letters].map((b) => a + b));
  const order = mulberry32(7);
  for (let i = prefixes.length - 1; i > 0; i--) {
    const j = Math.floor(order() * (i + 1));
    [prefixes[i], prefixes[j]] = [prefixes[j]!, prefixes[i]!];
  }
  const found: Term[] = [];
  for (const prefix of prefixes) {
    if (found.length >= count * 3) break;
    for (const r of slice(prefix)) {
      if (/^[a-z]{3,20}$/.test(r.term) && !OPERATORS.has(r.term)) found.push(r);
    }
  }
  const words = found
    .sort((a, b) => b.doc - a.doc || (a.term < b.term ? -1 : 1))
    .map((r) => r.term);
  if (words.length <= count) return words;
  return Array.from({ length: count }, (_, i) => words[Math.floor((i * words.length) / count)]!);
}

/** The most frequent values of each facet; ties in a fixed order, the same on both back ends. */
const FACET_SQL = {
  tags: "SELECT tag FROM tags GROUP BY tag ORDER BY count(*) DESC, tag LIMIT 60",
  origins:
    "SELECT origin FROM cables WHERE origin IS NOT NULL GROUP BY origin ORDER BY count(*) DESC, origin LIMIT 60",
  classifications:
    "SELECT classification FROM cables WHERE classification IS NOT NULL GROUP BY classification ORDER BY count(*) DESC, classification LIMIT 12",
  years:
    "SELECT substr(month, 1, 4) AS y FROM cables WHERE month IS NOT NULL GROUP BY y ORDER BY count(*) DESC, substr(month, 1, 4) LIMIT 40",
};

export interface Facets {
  tags: string[];
  origins: string[];
  classifications: string[];
  years: string[];
}

export function facetValues(db: Db): Facets {
  const top = (sql: string) => db.prepare<[], string>(sql).pluck().all();
  return {
    tags: top(FACET_SQL.tags),
    origins: top(FACET_SQL.origins),
    classifications: top(FACET_SQL.classifications),
    years: top(FACET_SQL.years),
  };
}

export async function facetValuesPostgres(sql: postgres.Sql): Promise<Facets> {
  // The archive's text columns sort by the database's collation; "C" sorts as SQLite does.
  const top = async (q: string) =>
    (
      await sql.unsafe<Record<string, string>[]>(
        q.replace(/ DESC, (.+) LIMIT/, ' DESC, ($1) COLLATE "C" LIMIT'),
      )
    ).map((r) => Object.values(r)[0]!);
  return {
    tags: await top(FACET_SQL.tags),
    origins: await top(FACET_SQL.origins),
    classifications: await top(FACET_SQL.classifications),
    years: await top(FACET_SQL.years),
  };
}

type Form = (w: string, v: string, pick: <T>(xs: T[]) => T) => Record<string, string>;

/** The shapes a researcher's query takes: words, fields, operators, facet filters, sorts. */
function forms(f: Facets): Form[] {
  const all: Form[] = [
    (w) => ({ q: w }),
    (w, v) => ({ q: `${w} ${v}` }),
    (w, v) => ({ q: `${w} OR ${v}` }),
    (w, v) => ({ q: `${w} -${v}` }),
    (w) => ({ q: `subject:${w}` }),
    (w) => ({ q: `body:${w}` }),
    (w) => ({ q: `${w.slice(0, Math.max(3, w.length - 2))}*` }),
    (w, v) => ({ q: `NEAR(${w} ${v}, 20)` }),
    (w) => ({ q: w, sort: "-created" }),
  ];
  if (f.tags.length) {
    all.push((w, _v, pick) => ({ q: w, tag: pick(f.tags) }));
    all.push((w, _v, pick) => ({ q: `${w} tag:${pick(f.tags)}` }));
  }
  if (f.origins.length) all.push((w, _v, pick) => ({ q: w, origin: pick(f.origins) }));
  if (f.classifications.length) {
    all.push((w, _v, pick) => ({ q: w, classification: pick(f.classifications) }));
  }
  if (f.years.length) {
    all.push((w, _v, pick) => {
      const y = pick(f.years);
      return { q: w, from: y, to: y };
    });
    all.push((w, _v, pick) => ({ q: `${w} year:${pick(f.years)}` }));
  }
  return all;
}

/**
 * `count` search URLs, all different (checked: it throws otherwise), or fewer when the
 * vocabulary runs out of combinations. Parameters are written in one fixed order, so two URLs
 * that differ only in parameter order cannot both appear.
 */
export function distinctSearchPaths(db: Db, count: number, seed = 13): string[] {
  return buildPaths(vocabulary(db, vocabularySize(count)), facetValues(db), count, seed);
}

/** distinctSearchPaths of an archive on PostgreSQL. */
export async function distinctSearchPathsPostgres(
  sql: postgres.Sql,
  count: number,
  seed = 13,
): Promise<string[]> {
  const words = await vocabularyPostgres(sql, vocabularySize(count));
  return buildPaths(words, await facetValuesPostgres(sql), count, seed);
}

const vocabularySize = (count: number) => Math.min(5_000, Math.max(500, count));

function buildPaths(words: string[], facets: Facets, count: number, seed: number): string[] {
  if (words.length < 2)
    throw new Error("the archive's vocabulary is too small for distinct queries");
  const shapes = forms(facets);
  const rand = mulberry32(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const seen = new Set<string>();
  const paths: string[] = [];
  for (let i = 0; paths.length < count && i < count * 20; i++) {
    const params = shapes[i % shapes.length]!(pick(words), pick(words), pick);
    const path = `/search?${new URLSearchParams(params)}`;
    if (seen.has(path)) continue;
    seen.add(path);
    paths.push(path);
  }
  if (new Set(paths).size !== paths.length) throw new Error("distinct queries repeat");
  return paths;
}
