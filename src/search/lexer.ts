/**
 * The query lexer: characters → tokens with 0-based positions. Operators (AND, OR, NOT) stay words
 * here; the parser decides what they mean. The lexer only knows three contexts: after `field:` a
 * value follows (parentheses inside it are part of it: `reason:1.4(d)`), inside `NEAR(...)` a comma
 * separates the distance, and everywhere else words run to whitespace, quotes or parentheses.
 */
import { isFieldName } from "./fields.js";
import { QuerySyntaxError } from "./types.js";

export type Token =
  | { type: "word"; text: string; prefix: boolean; fuzzy?: boolean; pos: number }
  | { type: "phrase"; text: string; prefix: boolean; pos: number }
  | { type: "field"; name: string; pos: number; valuePos: number }
  | { type: "lparen"; pos: number }
  | { type: "rparen"; pos: number }
  | { type: "near"; pos: number }
  | { type: "comma"; pos: number }
  | { type: "minus"; pos: number }
  | { type: "eof"; pos: number };

/** Longest query accepted: enough for any real query, small enough to bound the work per request. */
export const MAX_QUERY_LENGTH = 4000;

function isSpace(ch: string): boolean {
  const code = ch.charCodeAt(0);
  // Control characters separate like spaces: they never mean anything in a query.
  return code <= 0x20 || (code >= 0x7f && code <= 0x9f) || /\s/.test(ch);
}

export function tokenize(query: string): Token[] {
  if (query.length > MAX_QUERY_LENGTH) {
    throw new QuerySyntaxError(
      `query too long (${query.length} characters; at most ${MAX_QUERY_LENGTH})`,
      MAX_QUERY_LENGTH,
    );
  }
  const tokens: Token[] = [];
  let i = 0;
  let depth = 0;
  // Paren depth at which the innermost NEAR( opened, or -1: commas are separators only there.
  const nearDepths: number[] = [];
  const inNear = () => nearDepths.length > 0 && nearDepths[nearDepths.length - 1] === depth;

  const readPhrase = (start: number): void => {
    const close = query.indexOf('"', start + 1);
    if (close < 0) {
      throw new QuerySyntaxError('unterminated phrase: missing closing "', start);
    }
    const prefix = query[close + 1] === "*";
    tokens.push({ type: "phrase", text: query.slice(start + 1, close), prefix, pos: start });
    i = close + 1 + (prefix ? 1 : 0);
  };

  /** A bare word from `start`; `value` mode keeps colons and minus signs as plain characters. */
  const readWord = (start: number, value: boolean): void => {
    let j = start;
    let nested = 0;
    while (j < query.length) {
      const ch = query[j]!;
      if (isSpace(ch) || ch === '"') break;
      if (ch === "(") {
        if (nested === 0 && query.slice(start, j) === "NEAR") {
          tokens.push({ type: "near", pos: start });
          i = j;
          return;
        }
        nested++;
      } else if (ch === ")") {
        if (nested === 0) break;
        nested--;
      } else if (ch === "," && nested === 0 && inNear()) {
        break;
      } else if (
        ch === ":" &&
        !value &&
        nested === 0 &&
        /^[A-Za-z]+~?$/.test(query.slice(start, j))
      ) {
        const name = query.slice(start, j).toLowerCase();
        const next = query[j + 1];
        const bareColon = next === undefined || isSpace(next);
        // "Note: ..." pasted from a cable is a word; "tga:PGOV" is a mistyped field.
        if (isFieldName(name) || !bareColon) {
          tokens.push({ type: "field", name, pos: start, valuePos: j + 1 });
          i = j + 1;
          readValue(name);
          return;
        }
      }
      j++;
    }
    let text = query.slice(start, j);
    let prefix = false;
    if (text.length > 1 && text.endsWith("*")) {
      text = text.slice(0, -1);
      prefix = true;
    }
    // `word~`: the word in every spelling the archive has (a lone `~` is just punctuation).
    if (!prefix && text.length > 1 && text.endsWith("~")) {
      tokens.push({ type: "word", text: text.slice(0, -1), prefix, fuzzy: true, pos: start });
    } else {
      tokens.push({ type: "word", text, prefix, pos: start });
    }
    i = j;
  };

  const readValue = (name: string): void => {
    const ch = query[i];
    if (ch === undefined || isSpace(ch) || ch === ")") {
      throw new QuerySyntaxError(`missing value after ${name}:`, i);
    }
    if (ch === '"') readPhrase(i);
    else if (ch === "(")
      return; // a group: the parser reads `field:( ... )`
    else readWord(i, true);
  };

  while (i < query.length) {
    const ch = query[i]!;
    if (isSpace(ch)) {
      i++;
    } else if (ch === "(") {
      tokens.push({ type: "lparen", pos: i });
      if (tokens[tokens.length - 2]?.type === "near") nearDepths.push(depth + 1);
      depth++;
      i++;
    } else if (ch === ")") {
      tokens.push({ type: "rparen", pos: i });
      if (inNear()) nearDepths.pop();
      depth = Math.max(0, depth - 1);
      i++;
    } else if (ch === '"') {
      readPhrase(i);
    } else if (ch === "," && inNear()) {
      tokens.push({ type: "comma", pos: i });
      i++;
    } else if (
      ch === "-" &&
      i + 1 < query.length &&
      !isSpace(query[i + 1]!) &&
      query[i + 1] !== "-"
    ) {
      tokens.push({ type: "minus", pos: i });
      i++;
    } else {
      readWord(i, false);
    }
  }
  tokens.push({ type: "eof", pos: query.length });
  return tokens;
}
