import { foldWord } from "../../reference/entity-tables.js";
import { KEPT_LOWER } from "./vocabulary.js";

/**
 * Words of a text with their offsets and shape: what the entity rules look at. A word keeps its
 * inner hyphens and apostrophes (`al-Qadhafi`, `O'Brien`, `Ahmadi-Nejad`); a possessive `'s` is
 * split off into `possessive`; an initial keeps its period (`J.`); dotted acronyms stay whole
 * (`U.S.`, `U.N.`).
 */

export type Shape =
  /** `Asquino`, `McCormack`, `al-Qadhafi` (a particle prefix before a capital). */
  | "cap"
  /** `ASQUINO`, `NATO` (two or more letters, all capitals). */
  | "upper"
  /** `J.`, `A` (one capital, with or without a period). */
  | "initial"
  | "lower"
  | "number"
  | "punct";

export interface Token {
  /** The word as written, without a possessive ending. */
  text: string;
  start: number;
  end: number;
  shape: Shape;
  possessive: boolean;
  /** Folded for table look-ups (`foldWord`). */
  fold: string;
  /** A sentence ends after this token. */
  sentenceEnd: boolean;
}

/** Words whose period is part of the word, not a sentence end. */
const ABBREVIATIONS = new Set(
  "Mr Mrs Ms Dr Prof St Gen Col Lt Maj Capt Adm Sen Rep Gov Amb Jr Sr Fr Rev Brig Cdr Sgt Msgr No Nos Dept Inc Corp Ltd Co vs Mt Ft Gens".split(
    " ",
  ),
);

/** Ends in `'s` or `’s` (either case): a loop-free test for every word read. */
function isPossessive(word: string): boolean {
  const n = word.length;
  if (n < 2 || (word.charCodeAt(n - 1) | 32) !== 115) return false;
  const q = word.charCodeAt(n - 2);
  return q === 39 || q === 0x2019;
}

/** `GEN.` and `Gen.` are one abbreviation. */
function abbreviationKey(word: string): string {
  return word.charAt(0) + word.slice(1).toLowerCase();
}
const NAME_PREFIX =
  /^(?:al|el|ad|as|ash|at|az|ar|an|bin|ibn|abu|bou|ben|da|de|del|della|di|du|le|la|van|von|mc|o)[-'’][A-Z\u00C0-\u00DE]/;

/**
 * One pass over the characters, no regex: tokenizing is most of the cost of extraction, and a
 * cable's words are mostly lower case words that no rule reads — those become one gap token per
 * run without ever being cut out of the text (a word is sliced only when it may be read:
 * capitalised, kept lower-case vocabulary, a particle prefix).
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isLetter(c)) {
      let j = wordEnd(text, i + 1);
      // `U.S.`, `U.N.`: letters joined by periods.
      if (
        text.charCodeAt(j) === 46 &&
        j - i === 1 &&
        isLetter(text.charCodeAt(j + 1)) &&
        text.charCodeAt(j + 2) === 46
      ) {
        while (text.charCodeAt(j) === 46 && isLetter(text.charCodeAt(j + 1))) j += 2;
        if (text.charCodeAt(j) === 46) j++;
        pushWord(out, text, i, j, text.slice(i, j), false);
        i = j;
        continue;
      }
      // A kept lower-case word comes back sliced already; null: one of the gap's words.
      const kept = isUpper(c) ? undefined : lowerMayMatter(text, i, j);
      if (kept === null) {
        const last = out[out.length - 1];
        if (last !== undefined && last.shape === "lower" && last.text === "") last.end = j;
        else
          out.push({
            text: "",
            start: i,
            end: j,
            shape: "lower",
            possessive: false,
            fold: "",
            sentenceEnd: false,
          });
        i = j;
        continue;
      }
      let word = kept ?? text.slice(i, j);
      let end = j;
      let possessive = false;
      if (isPossessive(word)) {
        word = word.slice(0, -2);
        end -= 2;
        possessive = true;
      } else if (
        text.charCodeAt(j) === 46 &&
        (word.length === 1 ? isUpper(c) : ABBREVIATIONS.has(abbreviationKey(word)))
      ) {
        word += ".";
        end++;
        j++;
      }
      pushWord(out, text, i, end, word, possessive);
      i = j;
    } else if (c >= 48 && c <= 57) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d >= 48 && d <= 57) j++;
        else if (
          (d === 44 || d === 46 || d === 58 || d === 47 || d === 45) &&
          isDigit(text.charCodeAt(j + 1))
        )
          j += 2;
        else break;
      }
      out.push({
        text: "0",
        start: i,
        end: j,
        shape: "number",
        possessive: false,
        fold: "0",
        sentenceEnd: false,
      });
      i = j;
    } else {
      if (c > 32 && c !== 160) {
        const ch = text[i]!;
        out.push({
          text: ch,
          start: i,
          end: i + 1,
          shape: "punct",
          possessive: false,
          fold: ch,
          sentenceEnd: false,
        });
      }
      i++;
    }
  }
  markSentences(text, out);
  return out;
}

function pushWord(
  out: Token[],
  text: string,
  start: number,
  end: number,
  word: string,
  possessive: boolean,
): void {
  const shape = shapeOf(word);
  out.push({
    text: word,
    start,
    end,
    shape,
    possessive,
    fold: shape === "lower" ? word : foldPlain(word),
    sentenceEnd: false,
  });
  void text;
}

/**
 * `foldWord`, its plain-ASCII case checked by a loop instead of a regex: every read word is
 * folded, and most are plain ASCII (the same test as foldWord's, so the same result).
 */
function foldPlain(word: string): string {
  let dot = false;
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k);
    if (c < 0x20 || c > 0x7e || c === 39) return foldWord(word);
    if (c === 46) dot = true;
  }
  return (dot ? word.replace(/\./g, "") : word).toLowerCase();
}

/**
 * Set by `wordEnd`: the word it ended holds a `'`, `’` or `-`. Only then may a lower-case word
 * open a name (`al-Qadhafi`), so `lowerMayMatter` need not read the word's letters a second time.
 */
let joined = false;

/** End of the word starting before `i`: letters, combining marks, inner `'`/`’`/`-` before two letters. */
function wordEnd(text: string, i: number): number {
  const n = text.length;
  joined = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isLetter(c) || (c >= 0x300 && c <= 0x36f)) i++;
    else if (
      (c === 39 || c === 0x2019 || c === 45) &&
      isLetter(text.charCodeAt(i + 1)) &&
      isLetter(text.charCodeAt(i + 2))
    ) {
      i += 2;
      joined = true;
    } else if (
      (c === 39 || c === 0x2019) &&
      (text.charCodeAt(i + 1) | 32) === 115 &&
      !isLetter(text.charCodeAt(i + 2))
    ) {
      i += 2;
      joined = true;
    } else break;
  }
  return i;
}

/**
 * A lower-case word is read when it is kept vocabulary or opens a name (`al-Qadhafi`): then it is
 * returned, cut out of the text (the caller needs it, and the kept words are the commonest words
 * of English: `the`, `of`, `and`); null when it is not read.
 */
function lowerMayMatter(text: string, i: number, j: number): string | null {
  const len = j - i;
  // The word's first letter is a letter and the rest letters or joiners: a joiner anywhere in it
  // is what `wordEnd` saw.
  if (len > MAX_KEPT) return joined ? text.slice(i, j) : null;
  // Most words share no length and first two letters with a kept word: no need to cut them out.
  const a = text.charCodeAt(i) - 97;
  const b = text.charCodeAt(i + 1) - 97;
  if (a >= 0 && a < 26 && b >= 0 && b < 26) {
    // A kept word is compared in place and its table string returned: the commonest words of
    // the text (`the`, `of`) are neither cut out nor hashed again by each later look-up.
    const candidates = KEPT_BY_SIGNATURE[(len * 26 + a) * 26 + b];
    if (candidates !== undefined)
      for (let c = 0; c < candidates.length; c++) {
        const w = candidates[c]!;
        let k = 2;
        while (k < len && w.charCodeAt(k) === text.charCodeAt(i + k)) k++;
        if (k === len) return w;
      }
    if (!joined) return null;
    const word = text.slice(i, j);
    return len > 3 && NAME_PREFIX.test(word) ? word : null;
  }
  const word = text.slice(i, j);
  return KEPT_LOWER.has(word) || (len > 3 && joined && NAME_PREFIX.test(word)) ? word : null;
}

const MAX_KEPT = Math.max(...[...KEPT_LOWER].map((w) => w.length));

/** The kept words of each length and first two letters (a to z); most slots hold none. */
export const KEPT_BY_SIGNATURE = (() => {
  const sig: (string[] | undefined)[] = new Array((MAX_KEPT + 1) * 26 * 26).fill(undefined);
  for (const w of KEPT_LOWER) {
    const a = w.charCodeAt(0) - 97;
    const b = w.charCodeAt(1) - 97;
    if (a < 0 || a >= 26 || b < 0 || b >= 26) continue;
    const at = (w.length * 26 + a) * 26 + b;
    const slot = sig[at];
    if (slot) slot.push(w);
    else sig[at] = [w];
  }
  return sig;
})();

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Letter, capital and small letter by table rather than by ranges: asked of every character of
 * every unit (the same ranges, so the same answers; NaN past the end is none of them).
 */
const LETTER = 1;
const CAPITAL = 2;
const SMALL = 4;
const CLASS_END = 0x250;
const CHAR_CLASS = (() => {
  const t = new Uint8Array(CLASS_END);
  for (let c = 0; c < CLASS_END; c++) {
    let bits = 0;
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7))
      bits |= LETTER;
    if ((c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7)) bits |= CAPITAL;
    if ((c >= 97 && c <= 122) || (c >= 0xdf && c <= 0xff && c !== 0xf7)) bits |= SMALL;
    t[c] = bits;
  }
  return t;
})();

export function isLetter(c: number): boolean {
  return c < CLASS_END && (CHAR_CLASS[c]! & LETTER) !== 0;
}

export function isUpper(c: number): boolean {
  return c < CLASS_END && (CHAR_CLASS[c]! & CAPITAL) !== 0;
}

export function isLower(c: number): boolean {
  return c < CLASS_END && (CHAR_CLASS[c]! & SMALL) !== 0;
}

function shapeOf(word: string): Shape {
  if (!isUpper(word.charCodeAt(0)))
    return word.length > 3 && NAME_PREFIX.test(word) ? "cap" : "lower";
  let letters = 0;
  let lower = false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (isLower(c)) {
      lower = true;
      letters++;
    } else if (isUpper(c) || c > 0xff) letters++;
  }
  if (letters === 1) return "initial";
  return lower ? "cap" : "upper";
}

/** A `.`, `!` or `?` before a capital, a quote or a digit ends a sentence; so does a blank line. */
function markSentences(text: string, tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (!next) {
      t.sentenceEnd = true;
      break;
    }
    if (t.shape === "punct" && (t.text === "." || t.text === "!" || t.text === "?")) {
      if (next.shape !== "lower") t.sentenceEnd = true;
    } else if (next.start - t.end > 1 && blankLineBetween(text, t.end, next.start))
      t.sentenceEnd = true;
    // The token's last character read in the unit's text, not in its own: the token texts come in
    // many string representations, and reading each one's length and characters is a slow,
    // megamorphic property access for every token. A word token ends where its text does (a
    // possessive `'s` is outside both), and a gap or a number never ends with a period.
    else if (
      text.charCodeAt(t.end - 1) === 46 &&
      t.shape !== "initial" &&
      !ABBREVIATIONS.has(abbreviationKey(t.text.slice(0, -1)))
    )
      if (next.shape === "cap" && /\s/.test(text[t.end] ?? ""))
        // `U.S.` closing a sentence.
        t.sentenceEnd = isSentenceStart(next);
  }
}

/** `\n\n` in `text[from, to)`, without cutting it out. */
function blankLineBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i + 1 < to; i++)
    if (text.charCodeAt(i) === 10 && text.charCodeAt(i + 1) === 10) return true;
  return false;
}

const STARTERS = new Set([
  "The",
  "He",
  "She",
  "They",
  "We",
  "It",
  "In",
  "This",
  "That",
  "According",
]);

function isSentenceStart(t: Token): boolean {
  return STARTERS.has(t.text);
}

/**
 * `t.text.includes(char)`, read in the unit's `text` between the token's offsets, where a word's
 * text stands (a number's and a gap's do not: `0` and the empty text hold no such character).
 * Token texts come in many string representations, so asking each for its contents is a slow,
 * megamorphic property access, and some rules ask it of most tokens.
 */
export function holds(text: string, t: Token, char: number): boolean {
  if (t.shape === "number" || t.text === "") return false;
  for (let k = t.start; k < t.end; k++) if (text.charCodeAt(k) === char) return true;
  return false;
}

/** A word that can be part of a name as written: capitalised, all capitals, an initial. */
export function isNameShape(t: Token): boolean {
  return t.shape === "cap" || t.shape === "upper" || t.shape === "initial";
}
