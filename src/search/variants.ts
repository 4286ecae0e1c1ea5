/**
 * Spelling variants from the archive's own vocabulary: the words of its full-text index that are a
 * small edit away from a word, or that share its consonant skeleton (how transliterations differ:
 * Qadhafi, Qaddafi, Gaddafi; Andijon, Andijan; Ashgabat, Ashkhabad). Used by the variant operator
 * (`word~`, expanded before compiling) and by "did you mean" on empty or thin results. The index's
 * words with their document counts are read once per archive state through a temporary fts5vocab
 * table (temp tables work on read-only connections too).
 */
import { boundedEditDistance } from "../reference/edit-distance.js";
import { type Db, perConnection } from "../store/db.js";
import { isPublicMode, protectedIndex } from "../store/entities-public.js";
import { stamp } from "./columns.js";

/** Variants a `word~` expands to, most frequent first. */
export const MAX_VARIANTS = 16;
/** Words shorter than this have too many neighbours to guess from. */
export const MIN_VARIANT_LENGTH = 4;

export interface Variant {
  term: string;
  /** Cables whose text holds the term. */
  docs: number;
}

export interface Vocabulary {
  stamp: string;
  /** Index words by length, each with its document count. */
  byLength: Map<
    number,
    { terms: string[]; docs: Int32Array; skeletons: string[]; letters: Uint8Array }
  >;
  docs: Map<string, number>;
}

/** Lower case without diacritics: how the unicode61 tokenizer folds words. */
export function fold(word: string): string {
  return word
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

/**
 * The consonant skeleton of a word: vowels, h, w and y dropped, letters that transliterations
 * swap merged (q k c g → k, z s → s, d t → d, j → j), doubled letters collapsed.
 */
export function skeleton(word: string): string {
  const merged = fold(word)
    .replace(/[aeiouyhw]/g, "")
    .replace(/[qkcg]/g, "k")
    .replace(/[zs]/g, "s")
    .replace(/[dt]/g, "d")
    .replace(/[pb]/g, "b")
    .replace(/[vf]/g, "f");
  return merged.replace(/(.)\1+/g, "$1");
}

/**
 * Letter counts of a word in LETTER_BUCKETS buckets (a-z, then other characters hashed into the
 * rest). An edit changes these counts by at most 2 in all (a substitution: one down, one up; a
 * transposition: none), so half their difference bounds the edit distance from below: most index
 * words are ruled out by it without computing the distance. Hashing characters together can only
 * lower the difference, so the bound holds.
 */
const LETTER_BUCKETS = 32;

function letterCounts(word: string, into: Uint8Array, at: number): void {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    const k = at + (c >= 97 && c <= 122 ? c - 97 : 26 + (c % (LETTER_BUCKETS - 26)));
    if (into[k]! < 255) into[k]!++;
  }
}

/** Whether the letter counts at `at` differ from `mine` by more than `limit`. */
function countsDifferMore(counts: Uint8Array, at: number, mine: Uint8Array, limit: number) {
  let diff = 0;
  for (let k = 0; k < LETTER_BUCKETS; k++) {
    const d = counts[at + k]! - mine[k]!;
    diff += d < 0 ? -d : d;
    if (diff > limit) return true;
  }
  return false;
}

/** Edits allowed between any two words of this length: one, two from ten letters. */
export function plainEdits(length: number): number {
  return length >= 10 ? 2 : 1;
}

/** Edits allowed between words of one consonant skeleton: two, three from eight letters. */
export function skeletonEdits(length: number): number {
  return length >= 8 ? 3 : 2;
}

const VOCAB_SQL = `SELECT term, doc FROM temp.cablegram_vocab
  WHERE doc >= 1 AND length(term) >= ${MIN_VARIANT_LENGTH} AND term NOT GLOB '*[0-9]*'`;

const vocabularies = perConnection((_db: Db) => ({ current: null as Vocabulary | null }));

function loadVocabulary(db: Db): Vocabulary {
  const holder = vocabularies(db);
  const s = stamp(db);
  if (holder.current?.stamp === s) return holder.current;
  db.exec(
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.cablegram_vocab USING fts5vocab(main, 'cables_fts', 'row')",
  );
  holder.current = vocabularyOf(
    db.prepare<[], { term: string; doc: number }>(VOCAB_SQL).iterate(),
    s,
  );
  return holder.current;
}

/** The vocabulary from the index's words and counts (each back end reads them its own way). */
export function vocabularyOf(
  rows: Iterable<{ term: string; doc: number }>,
  stamp: string,
): Vocabulary {
  const groups = new Map<number, { terms: string[]; docs: number[]; skeletons: string[] }>();
  const docs = new Map<string, number>();
  for (const row of rows) {
    let g = groups.get(row.term.length);
    if (!g) {
      g = { terms: [], docs: [], skeletons: [] };
      groups.set(row.term.length, g);
    }
    g.terms.push(row.term);
    g.docs.push(row.doc);
    g.skeletons.push(skeleton(row.term));
    docs.set(row.term, row.doc);
  }
  const byLength = new Map(
    [...groups].map(([n, g]) => {
      const letters = new Uint8Array(g.terms.length * LETTER_BUCKETS);
      g.terms.forEach((t, i) => {
        letterCounts(t, letters, i * LETTER_BUCKETS);
      });
      return [
        n,
        { terms: g.terms, docs: Int32Array.from(g.docs), skeletons: g.skeletons, letters },
      ];
    }),
  );
  return { stamp, byLength, docs };
}

/** Cables whose text holds the word (0 when the index does not know it). */
export function termDocs(db: Db, word: string): number {
  return loadVocabulary(db).docs.get(fold(word)) ?? 0;
}

/**
 * Index words that are variants of `word` (the word itself left out): within plainEdits of it, or
 * within skeletonEdits when they share its consonant skeleton. Skeleton matches first, then the
 * closest, then the most frequent.
 */
export function variantsOf(db: Db, word: string, limit = MAX_VARIANTS): Variant[] {
  if (fold(word).length < MIN_VARIANT_LENGTH || /\d/.test(word)) return [];
  // Public mode never offers a protected person's name, as a variant or as "did you mean".
  const hidden = isPublicMode(db) ? protectedIndex(db).byWord : null;
  return variantsIn(loadVocabulary(db), word, hidden, limit);
}

/** variantsOf over a loaded vocabulary, without the words `hidden` holds. */
export function variantsIn(
  vocab: Vocabulary,
  word: string,
  hidden: ReadonlyMap<string, unknown> | null,
  limit = MAX_VARIANTS,
): Variant[] {
  const w = fold(word);
  if (w.length < MIN_VARIANT_LENGTH || /\d/.test(w)) return [];
  const plain = plainEdits(w.length);
  const wide = skeletonEdits(w.length);
  const sk = skeleton(w);
  const mine = new Uint8Array(LETTER_BUCKETS);
  letterCounts(w, mine, 0);
  const found: (Variant & { rank: number })[] = [];
  for (let n = w.length - wide; n <= w.length + wide; n++) {
    const g = vocab.byLength.get(n);
    if (!g) continue;
    for (let i = 0; i < g.terms.length; i++) {
      const t = g.terms[i]!;
      if (t === w || hidden?.has(t)) continue;
      const same = g.skeletons[i] === sk;
      const bound = same ? wide : plain;
      if (countsDifferMore(g.letters, i * LETTER_BUCKETS, mine, 2 * bound)) continue;
      const d = boundedEditDistance(w, t, bound);
      if (d <= plain || (same && d <= wide)) {
        found.push({ term: t, docs: g.docs[i]!, rank: (same ? 0 : 10) + d });
      }
    }
  }
  return found
    .sort((a, b) => a.rank - b.rank || b.docs - a.docs || a.term.localeCompare(b.term))
    .slice(0, limit)
    .map(({ term, docs }) => ({ term, docs }));
}
