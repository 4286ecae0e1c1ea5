import { isLayoutLine, isRuleLine, removeInlinePageBreaks } from "./layout-lines.js";

/**
 * A paragraph's text from its lines: hard wraps joined with one space, page-break and repeated
 * classification lines removed, rules dropped. A new line is kept where the drafter started one
 * on purpose: before a list item (`--`, `-`, `a.`, `(1)`, `2)`), and after a blank line that
 * follows a finished sentence. A blank line inside a sentence (`... thousand people␤␤(including
 * women ...`) is a copy's damage and is joined like a wrap.
 */
const BULLET = /^(?:-{1,2}(?!-)|[*•·](?=\s))/;
const ENUMERATOR = /^(?:[a-zA-Z][.)]|\(\w{1,4}\)|\d{1,2}[.)]|[ivxIVX]{1,4}[.)])(?=\s)/;
/** Characters that end a sentence, a clause or a quotation at the end of a line. */
const SENTENCE_END_CHARS = ".!?:;\"'”’)]";
/** First characters a rule line can start with; other lines skip the rule test. */
const RULE_START = "-=_*#~.\u2010\u2011\u2012\u2013\u2014\u2015";

export function joinParagraphText(raw: string, pageBreaks = true): string {
  const src = (pageBreaks ? removeInlinePageBreaks(raw) : raw).trimEnd();
  // SMART paragraphs are one line: nothing to join.
  if (!src.includes("\n")) {
    const t = src.trim();
    return t === "¶" || isLayoutLine(t) ? "" : t;
  }
  const parts: string[] = [];
  let lastEndsSentence = false;
  let blankSince = false;
  for (let pos = 0; pos <= src.length; ) {
    let nl = src.indexOf("\n", pos);
    if (nl < 0) nl = src.length;
    const t = src.slice(pos, nl).trim();
    pos = nl + 1;
    if (t === "" || t === "¶" || (RULE_START.includes(t[0]!) && isRuleLine(t))) {
      blankSince = parts.length > 0;
      continue;
    }
    if (isLayoutLine(t)) continue;
    if (parts.length > 0) {
      // `a.`, `(1)`, `2)` open an item only after a finished sentence or a colon; after a
      // word they are a number that the wrap put at the line start (`... ON MARCH␤5. THE`).
      const item = BULLET.test(t) || (lastEndsSentence && ENUMERATOR.test(t));
      parts.push(item || (blankSince && lastEndsSentence) ? "\n" : " ");
    }
    parts.push(t);
    lastEndsSentence = SENTENCE_END_CHARS.includes(t[t.length - 1]!);
    blankSince = false;
  }
  return parts.join("");
}
