/**
 * Shared by the summary and comment parsers: turns a span of the body into the field's text — the
 * paragraph numbers and portion markings inside it removed, separator rules dropped, hard wraps
 * joined, and paragraph breaks kept as single newlines.
 */

/** `2. (C) `, `¶3. `, `1.(S/NF) ` at a line start: numbering and marking, not text. */
const PARA_HEAD =
  /(^|\n)[ \t]*¶?[ \t]*\d{1,2}[ \t]*\.[ \t]*(?:\([A-Za-z/ -]{1,20}\)[ \t]*)?(?=\S)/g;
/** A portion marking opening the text: `(C)`, `(S/NF)`, `(SBU)`. */
const LEAD_MARK = /^\s*\((?:TS|S|C|U|SBU|LOU|FOUO|NF)(?:\s*\/{1,2}\s*[A-Z][A-Z ]{0,20})?\)\s*/i;
const RULE = /[-=_~*]{3,}/g;
/**
 * A line break with the spaces around it; group 1 is set when a blank line is inside, group 2 when
 * a list item (`--`, `-`, `a.`, `(1)`) starts the next line.
 */
const BREAK = /[ \t]*\n([ \t]*\n)*[ \t]*(?=(--?|[•*]|\(?[a-z0-9]{1,2}[.)]\s)?)/g;

export function sectionText(raw: string): string | null {
  let s = raw.replace(/\r/g, "").replace(RULE, " ");
  s = s.replace(PARA_HEAD, "$1");
  s = s.replace(LEAD_MARK, "");
  s = s.replace(/^[\s:.\-—]+/, "");
  // Blank-line breaks become one newline; a single wrap becomes a space unless a list item follows.
  s = s.replace(BREAK, (_m, blank?: string, item?: string) => (blank || item ? "\n" : " "));
  s = s.replace(/[ \t]{2,}/g, " ");
  return trimEnd(s) || null;
}

/** Trailing blanks and the `(` of `(End summary.)`; a loop, since `[\s(]+$` backtracks on long text. */
function trimEnd(s: string): string {
  let e = s.length;
  while (e > 0 && /[\s(]/.test(s[e - 1] ?? "")) e--;
  return s.slice(0, e).trim();
}
