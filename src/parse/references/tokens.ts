/**
 * Tokens of one REF item: words (station names, keywords), numbers (years, serials), groups in
 * parentheses (years `(08)`, markings `(C)`, captions and titles) and single punctuation marks.
 * Copy damage is undone here: a letter O in a number (`LAGOS O1512`, `O4 CHENNAI`) is a zero, a
 * zero in a word (`0TTAWA`, `COTON0U`, `SANTIAG0`) a letter O.
 */

export type TokenKind = "word" | "num" | "paren" | "punct";

export interface Token {
  kind: TokenKind;
  /** As written. */
  text: string;
  /** num: digits with O read as 0; paren: the inner text; word: upper case; punct: the mark. */
  value: string;
  start: number;
  end: number;
  /** Whitespace separates it from the token before. */
  gap: boolean;
}

const TOKEN =
  /(0(?=[A-Za-z]{3})(?:[A-Za-z'’]|0(?=[A-Za-z])|[.-](?=[A-Za-z]))+)|(O?\d(?:\d|O(?=\d))*)|([A-Za-z](?:[A-Za-z'’]|0(?![0-9])|[.-](?=[A-Za-z]))*)|(\([^()]{0,200}\))|(\S)/g;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let prevEnd = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const raw = m[0];
    const kind: TokenKind = m[2] ? "num" : m[1] || m[3] ? "word" : m[4] ? "paren" : "punct";
    const value =
      kind === "num"
        ? raw.replace(/O/g, "0")
        : kind === "word"
          ? raw.toUpperCase()
          : kind === "paren"
            ? raw.slice(1, -1).trim()
            : raw;
    tokens.push({
      kind,
      text: raw,
      value,
      start: m.index,
      end: m.index + raw.length,
      gap: m.index > prevEnd,
    });
    prevEnd = m.index + raw.length;
  }
  return tokens;
}
