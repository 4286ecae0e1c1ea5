/**
 * Query terms found in a text with the word rules of the FTS5 tokenizer (unicode61,
 * remove_diacritics 2: letters, digits and private-use characters make words; case and diacritics
 * are ignored). Snippets use it where FTS5 cannot say where a term is (subjects, the caption area,
 * prefix terms in paragraphs: see src/search/paragraph-match.ts).
 */

export interface Token {
  start: number;
  end: number;
  norm: string;
}

const WORD = /[\p{L}\p{N}\p{Co}][\p{L}\p{N}\p{Co}\p{M}]*/gu;

const NON_ASCII = /\P{ASCII}/u;
const NON_ASCII_CHAR = /[\u0080-\uffff]/g;
const LETTER = /[\p{L}\p{M}]/u;

/**
 * Whether folding can change the text (`Í` → `i`); `¶` and curly quotes, common in cables,
 * cannot. A plain scan for non-ASCII characters, each one found then checked: one regex for
 * both steps cannot use the engine's fast scan and costs eight times as much.
 */
function hasNonAsciiLetter(text: string): boolean {
  NON_ASCII_CHAR.lastIndex = 0;
  for (let m = NON_ASCII_CHAR.exec(text); m; m = NON_ASCII_CHAR.exec(text)) {
    if (LETTER.test(m[0])) return true;
  }
  return false;
}

/** Case and diacritics folded, as the unicode61 tokenizer with remove_diacritics does. */
export function fold(word: string): string {
  if (!NON_ASCII.test(word)) return word.toLowerCase();
  return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    out.push({ start: m.index, end: m.index + m[0].length, norm: fold(m[0]) });
  }
  return out;
}

/** A term as a sequence of folded words; `prefix` applies to the last one. */
export interface Pattern {
  words: string[];
  prefix: boolean;
}

/** The pattern of a term, or null when it holds no word (FTS5 finds nothing for it either). */
export function pattern(text: string, prefix: boolean): Pattern | null {
  const words = [...text.matchAll(WORD)].map((m) => fold(m[0]));
  return words.length > 0 ? { words, prefix } : null;
}

export function patterns(terms: { text: string; prefix: boolean }[]): Pattern[] {
  const out: Pattern[] = [];
  for (const t of terms) {
    const p = pattern(t.text, t.prefix);
    if (p) out.push(p);
  }
  return out;
}

/**
 * Whether a text may hold a match: the first word of some pattern is a substring of the folded
 * text (a text is only tokenized when it passes). Pattern words are folded the same way, so
 * `pais` finds `PAÍS`.
 */
export function mayMatch(text: string, pats: Pattern[]): boolean {
  const folded = hasNonAsciiLetter(text) ? fold(text) : text.toLowerCase();
  return pats.some((p) => folded.includes(p.words[0]!));
}

export interface Found {
  /** Token index ranges [from, to) that match, in text order. */
  spans: [number, number][];
  /** Instances of each pattern (same index as the patterns). */
  counts: number[];
}

function matchesAt(tokens: Token[], i: number, p: Pattern): boolean {
  for (let k = 0; k < p.words.length; k++) {
    const tok = tokens[i + k]!.norm;
    const w = p.words[k]!;
    const last = k === p.words.length - 1;
    if (!(last && p.prefix ? tok.startsWith(w) : tok === w)) return false;
  }
  return true;
}

export function find(tokens: Token[], pats: Pattern[]): Found {
  const spans: [number, number][] = [];
  const counts = pats.map((p) => {
    let n = 0;
    for (let i = 0; i + p.words.length <= tokens.length; i++) {
      if (!matchesAt(tokens, i, p)) continue;
      spans.push([i, i + p.words.length]);
      n++;
    }
    return n;
  });
  spans.sort((a, b) => a[0] - b[0]);
  return { spans, counts };
}
