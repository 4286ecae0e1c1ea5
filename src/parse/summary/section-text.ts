import { isSpace } from "../chars.js";

/**
 * Shared by the summary and comment parsers: turns a span of the body into the field's text — the
 * paragraph numbers and portion markings inside it removed, separator rules dropped, hard wraps
 * joined, and paragraph breaks kept as single newlines.
 */

/**
 * `2. (C) `, `¶3. `, `1.(S/NF) ` at a line start: numbering and marking, not text. Sticky, tried at
 * each line start: a global pattern opening with `(^|\n)` is tried at every character.
 */
const PARA_HEAD = /[ \t]*¶?[ \t]*\d{1,2}[ \t]*\.[ \t]*(?:\([A-Za-z/ -]{1,20}\)[ \t]*)?(?=\S)/y;
/** A portion marking opening the text: `(C)`, `(S/NF)`, `(SBU)`. */
const LEAD_MARK = /^\s*\((?:TS|S|C|U|SBU|LOU|FOUO|NF)(?:\s*\/{1,2}\s*[A-Z][A-Z ]{0,20})?\)\s*/i;
const RULE = /[-=_~*]{3,}/g;

export function sectionText(raw: string): string | null {
  let s = raw.includes("\r") ? raw.replace(/\r/g, "") : raw;
  s = s.replace(RULE, " ");
  s = dropParagraphHeads(s);
  s = s.replace(LEAD_MARK, "");
  s = s.replace(/^[\s:.\-—]+/, "");
  s = collapseBlanks(joinBreaks(s));
  return trimEnd(s) || null;
}

/** What `replace(/(^|\n)PARA_HEAD/g, "$1")` gives: the numbering removed at each line start. */
function dropParagraphHeads(s: string): string {
  let out = "";
  let pos = 0;
  for (let lineStart = 0; ; ) {
    PARA_HEAD.lastIndex = lineStart;
    if (PARA_HEAD.test(s)) {
      out += s.slice(pos, lineStart);
      pos = PARA_HEAD.lastIndex;
    }
    const nl = s.indexOf("\n", Math.max(pos, lineStart));
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  return pos === 0 ? s : out + s.slice(pos);
}

/**
 * What `replace(/[ \t]{2,}/g, " ")` gives: runs of blanks become one space. Without a tab, runs
 * are found as `"  "` by indexOf; a regex is tried at every space of the text.
 */
function collapseBlanks(s: string): string {
  if (s.includes("\t")) return s.replace(/[ \t]{2,}/g, " ");
  let out = "";
  let pos = 0;
  for (let at = s.indexOf("  "); at >= 0; at = s.indexOf("  ", pos)) {
    let end = at + 2;
    while (s.charCodeAt(end) === 32) end++;
    out += `${s.slice(pos, at)} `;
    pos = end;
  }
  return pos === 0 ? s : out + s.slice(pos);
}

/**
 * Blank-line breaks become one newline; a single wrap becomes a space unless a list item follows.
 * What `replace(/[ \t]*\n([ \t]*\n)*[ \t]*(?=(list item)?)/g, ...)` gives, walking the line ends
 * instead of a regex scan with a callback per line break.
 */
function joinBreaks(s: string): string {
  let out = "";
  let pos = 0;
  for (;;) {
    const nl = s.indexOf("\n", pos);
    if (nl < 0) return pos === 0 ? s : out + s.slice(pos);
    let e = nl;
    while (e > pos && isBlankChar(s.charCodeAt(e - 1))) e--;
    out += s.slice(pos, e);
    // The break: its line end, any blank lines, the next line's indentation.
    let k = nl + 1;
    let blank = false;
    for (;;) {
      let j = k;
      while (j < s.length && isBlankChar(s.charCodeAt(j))) j++;
      if (s.charCodeAt(j) !== 10) {
        k = j;
        break;
      }
      blank = true;
      k = j + 1;
    }
    out += blank || listItemAt(s, k) ? "\n" : " ";
    pos = k;
  }
}

const isBlankChar = (c: number) => c === 32 || c === 9;

/** `--`, `-`, `•`, `*`, `a.`, `(1)`, `2)` and a blank: a list item (the BREAK lookahead). */
function listItemAt(s: string, k: number): boolean {
  const c = s.charCodeAt(k);
  if (c === 45 || c === 0x2022 || c === 42) return true;
  const j = c === 40 ? k + 1 : k;
  const isAlnum = (x: number) => (x >= 97 && x <= 122) || (x >= 48 && x <= 57);
  const closes = (x: number) => x === 46 || x === 41;
  if (!isAlnum(s.charCodeAt(j))) return false;
  if (isAlnum(s.charCodeAt(j + 1)) && closes(s.charCodeAt(j + 2)) && isSpace(s.charCodeAt(j + 3))) {
    return true;
  }
  return closes(s.charCodeAt(j + 1)) && isSpace(s.charCodeAt(j + 2));
}

/** Trailing blanks and the `(` of `(End summary.)`; a loop, since `[\s(]+$` backtracks on long text. */
function trimEnd(s: string): string {
  let e = s.length;
  while (e > 0 && /[\s(]/.test(s[e - 1] ?? "")) e--;
  return s.slice(0, e).trim();
}
