import { codeTables, fixTypo, isKnownCode, splitGlued } from "./codes.js";
import { FREE_TEXT_TAGS, ISO_FOR_FIPS, PERSON_TAGS } from "./vocabulary.js";

/**
 * Cuts a TAGS list into TAGS (spec §4.4): parenthesised names stay whole (`OVIP (STEINBERG, JAMES
 * B.)`), commas separate, and within a comma-separated part each code is a TAG while runs of other
 * words are one free-text TAG (`GOI EXTERNAL`, `TIP IN TURKEY`), cut where a known phrase begins.
 */

export interface Piece {
  /** Upper-cased as written. */
  text: string;
  /** `word`: one code-like word; `phrase`: a free-text or person run; `group`: parenthesised. */
  kind: "word" | "phrase" | "group";
}

const ISO_EXTRA = new Set(Object.keys(ISO_FOR_FIPS));

/** Phrase lookup keyed by words; persons are keyed without the comma and middle initial. */
interface Phrases {
  canonical: Map<string, string>;
  /** Word counts of the phrases starting with a given word, longest first. */
  lengthsByFirst: Map<string, number[]>;
  /** Words that occur in a known phrase: not to be cut into glued codes. */
  words: Set<string>;
}

let phrases: Phrases | undefined;

function phraseTable(): Phrases {
  if (phrases) return phrases;
  const canonical = new Map<string, string>();
  for (const [k, v] of Object.entries(FREE_TEXT_TAGS)) canonical.set(k, v);
  for (const p of PERSON_TAGS) {
    const [surname, given = ""] = p.split(",").map((s) => s.trim());
    const first = given.split(" ")[0] ?? "";
    canonical.set(`${surname} ${first}`, p);
  }
  const words = new Set<string>();
  const lengthsByFirst = new Map<string, number[]>();
  for (const k of canonical.keys()) {
    const ws = k.split(" ");
    for (const w of ws) words.add(w);
    const lengths = lengthsByFirst.get(ws[0]!) ?? [];
    if (!lengths.includes(ws.length)) lengths.push(ws.length);
    lengthsByFirst.set(
      ws[0]!,
      lengths.sort((a, b) => b - a),
    );
  }
  phrases = { canonical, lengthsByFirst, words };
  return phrases;
}

/** Canonical form of a known phrase (`COUNTER TERRORISM` → `COUNTERTERRORISM`), or null. */
export function knownPhrase(words: readonly string[]): string | null {
  return phraseTable().canonical.get(words.join(" ")) ?? null;
}

const codeLikeCache = new Map<string, boolean>();

/** A word that stands alone as a TAG: a code, a glued run of codes, a misspelt code, an ISO slip. */
export function isCodeLike(word: string): boolean {
  let hit = codeLikeCache.get(word);
  if (hit === undefined) {
    hit =
      isKnownCode(word) ||
      word in ISO_FOR_FIPS ||
      word === "SIPDIS" ||
      (!phraseTable().words.has(word) &&
        (splitGlued(word, ISO_EXTRA) !== null || fixTypo(word) !== null));
    if (codeLikeCache.size > 5_000) codeLikeCache.clear();
    codeLikeCache.set(word, hit);
  }
  return hit;
}

/** Longest known phrase starting at `i`, as a word count (0 when none). */
function phraseAt(words: readonly string[], i: number): number {
  const { canonical, lengthsByFirst } = phraseTable();
  for (const len of lengthsByFirst.get(words[i]!) ?? []) {
    if (i + len <= words.length && canonical.has(words.slice(i, i + len).join(" "))) return len;
  }
  return 0;
}

/** Ordinary words are long; a run of short unknown words is a row of unlisted codes (`NPT IWC`). */
const PROSE_WORD = /^[A-Z][A-Z'-]{4,}$/;

/** Segments one comma-separated part (already split into words). */
function segmentWords(words: readonly string[], out: Piece[]): void {
  let i = 0;
  while (i < words.length) {
    const p = phraseAt(words, i);
    if (p > 0) {
      out.push({ text: words.slice(i, i + p).join(" "), kind: "phrase" });
      i += p;
      continue;
    }
    const w = words[i]!;
    if (isCodeLike(w)) {
      out.push({ text: w, kind: "word" });
      i++;
      continue;
    }
    let j = i + 1;
    while (j < words.length && phraseAt(words, j) === 0) {
      const next = words[j]!;
      // A two-letter word between free-text words is prose (`TIP IN TURKEY`), not a country code.
      const sandwiched =
        next.length === 2 &&
        j + 1 < words.length &&
        !isCodeLike(words[j + 1]!) &&
        !isCodeLike(words[j - 1]!);
      if (isCodeLike(next) && !sandwiched) break;
      j++;
    }
    const run = words.slice(i, j);
    const named = needsName(out[out.length - 1]) && run.length === 2;
    if (run.length > 1 && !named && !run.some((r) => PROSE_WORD.test(r))) {
      for (const r of run) out.push({ text: r, kind: "word" });
    } else {
      out.push({ text: run.join(" "), kind: run.length > 1 ? "phrase" : "word" });
    }
    i = j;
  }
}

/**
 * A free-text word glued to codes (`HUMAN RIGHTSPOLMIL`): the word as known from a phrase, then the
 * codes. Null when the word does not come apart that way.
 */
function unglueWord(word: string): string[] | null {
  if (word.length < 6 || isCodeLike(word)) return null;
  const known = phraseTable().words;
  for (let k = word.length - 3; k >= 3; k--) {
    const head = word.slice(0, k);
    if (!known.has(head)) continue;
    const tail = word.slice(k);
    const codes = isKnownCode(tail) ? [tail] : splitGlued(tail, ISO_EXTRA);
    if (codes) return [head, ...codes];
  }
  return null;
}

/** A list as written, cut into parenthesised groups and comma-separated parts of words. */
type Part = { group: string } | { words: string[] };

const WORD = /[^\s:,;()]+/g;

/** Opens with `.'"-` or ends with `.'"`: what the word trimming in tokenize removes. */
function hasEdgePunctuation(w: string): boolean {
  const a = w.charCodeAt(0);
  const z = w.charCodeAt(w.length - 1);
  return a === 46 || a === 39 || a === 34 || a === 45 || z === 46 || z === 39 || z === 34;
}

function tokenize(list: string): Part[] {
  const parts: Part[] = [];
  const upper = list.toUpperCase();
  const addWords = (chunk: string) => {
    for (const part of chunk.split(/[,;]/)) {
      const words: string[] = [];
      for (const raw of part.match(WORD) ?? []) {
        const w = hasEdgePunctuation(raw) ? raw.replace(/^[.'"-]+|[.'"]+$/g, "") : raw;
        if (w !== "" && /[A-Z0-9]/.test(w)) words.push(w);
      }
      if (words.length) parts.push({ words });
    }
  };
  let last = 0;
  for (let open = upper.indexOf("("); open >= 0; open = upper.indexOf("(", last)) {
    const close = upper.indexOf(")", open + 1);
    if (close < 0) break;
    addWords(upper.slice(last, open));
    const inner = upper
      .slice(open + 1, close)
      .replace(/\s+/g, " ")
      .trim();
    if (inner) parts.push({ group: inner });
    last = close + 1;
  }
  addWords(upper.slice(last));
  return parts;
}

function segmentParts(parts: readonly Part[]): Piece[] {
  const out: Piece[] = [];
  for (const part of parts) {
    if ("group" in part) out.push({ text: part.group, kind: "group" });
    else segmentWords(part.words, out);
  }
  return out;
}

export interface Segmentation {
  /** The TAGS as written, upper-cased. */
  asWritten: Piece[];
  /** The same after cutting free-text words glued to codes apart (`HUMAN RIGHTSPOLMIL`). */
  unglued: Piece[];
}

/** Splits a TAGS list into pieces (see the module comment). */
export function segmentTags(list: string): Segmentation {
  const parts = tokenize(list);
  const asWritten = segmentParts(parts);
  let changed = false;
  const ungluedParts: Part[] = [];
  for (const p of parts) {
    if ("group" in p) {
      ungluedParts.push(p);
      continue;
    }
    // A new word list only for a part where a word came apart (rare).
    let words: string[] | null = null;
    for (let i = 0; i < p.words.length; i++) {
      const w = p.words[i]!;
      const cut = unglueWord(w);
      if (cut) {
        changed = true;
        words ??= p.words.slice(0, i);
        words.push(...cut);
      } else if (words) words.push(w);
    }
    ungluedParts.push(words ? { words } : p);
  }
  return { asWritten, unglued: changed ? segmentParts(ungluedParts) : asWritten };
}

/** Whether a piece is a TAG that must carry a person's name (OVIP, OREP, OTRA, OEXC, OCON). */
export function needsName(piece: Piece | undefined): boolean {
  return piece !== undefined && piece.kind === "word" && codeTables().needsName.has(piece.text);
}
