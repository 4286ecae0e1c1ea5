import { foldWord } from "../../reference/entity-tables.js";

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

const TOKEN =
  /(\p{L}(?:\.\p{L})+\.?)|(\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]+)*)|(\d[\d,.:/-]*\d|\d)|(\S)/gu;

/** Words whose period is part of the word, not a sentence end. */
const ABBREVIATIONS = new Set(
  "Mr Mrs Ms Dr Prof St Gen Col Lt Maj Capt Adm Sen Rep Gov Amb Jr Sr Fr Rev Brig Cdr Sgt Msgr No Nos Dept Inc Corp Ltd Co vs Mt Ft Gens".split(
    " ",
  ),
);

const POSSESSIVE = /['’][sS]$/;

/** `GEN.` and `Gen.` are one abbreviation. */
function abbreviationKey(word: string): string {
  return word.charAt(0) + word.slice(1).toLowerCase();
}
const NAME_PREFIX =
  /^(?:al|el|ad|as|ash|at|az|ar|an|bin|ibn|abu|bou|ben|da|de|del|della|di|du|le|la|van|von|mc|o)[-'’]\p{Lu}/u;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    let word = m[0];
    let end = m.index + word.length;
    let possessive = false;
    if (m[2]) {
      if (POSSESSIVE.test(word)) {
        word = word.slice(0, -2);
        end -= 2;
        possessive = true;
      } else if (
        text[end] === "." &&
        (ABBREVIATIONS.has(abbreviationKey(word)) || /^\p{Lu}$/u.test(word))
      ) {
        word += ".";
        end++;
        TOKEN.lastIndex = end;
      }
    }
    out.push({
      text: word,
      start: m.index,
      end,
      shape: m[4] ? "punct" : m[3] ? "number" : shapeOf(word),
      possessive,
      fold: foldWord(word),
      sentenceEnd: false,
    });
  }
  markSentences(text, out);
  return out;
}

function shapeOf(word: string): Shape {
  const first = word[0]!;
  const isUpper = first !== first.toLowerCase();
  if (!isUpper) return NAME_PREFIX.test(word) ? "cap" : "lower";
  const letters = word.replace(/[^\p{L}]/gu, "");
  if (letters.length === 1) return "initial";
  if (letters === letters.toUpperCase()) return "upper";
  return "cap";
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
    } else if (text.slice(t.end, next.start).includes("\n\n")) t.sentenceEnd = true;
    else if (
      /\.$/.test(t.text) &&
      t.shape !== "initial" &&
      !ABBREVIATIONS.has(abbreviationKey(t.text.slice(0, -1)))
    )
      if (next.shape === "cap" && /\s/.test(text[t.end] ?? ""))
        // `U.S.` closing a sentence.
        t.sentenceEnd = isSentenceStart(next);
  }
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

/** A word that can be part of a name as written: capitalised, all capitals, an initial. */
export function isNameShape(t: Token): boolean {
  return t.shape === "cap" || t.shape === "upper" || t.shape === "initial";
}
