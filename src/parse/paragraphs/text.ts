import { isSpace, trimmedBounds } from "../chars.js";
import { isLayoutLine, isRuleLine, removeInlinePageBreaks } from "../layout-lines.js";

/**
 * A paragraph's text from its lines: hard wraps joined with one space, page-break and repeated
 * classification lines removed, rules dropped. A new line is kept where the drafter started one
 * on purpose: before a list item (`--`, `-`, `a.`, `(1)`, `2)`), and after a blank line that
 * follows a finished sentence. A blank line inside a sentence (`... thousand people␤␤(including
 * women ...`) is a copy's damage and is joined like a wrap.
 */
const ENUMERATOR = /^(?:[a-zA-Z][.)]|\(\w{1,4}\)|\d{1,2}[.)]|[ivxIVX]{1,4}[.)])(?=\s)/;

/** `-`, `--` (not a `---` rule), or `*`, `•`, `·` before a blank: a list bullet. */
function isBullet(t: string): boolean {
  const c = t.charCodeAt(0);
  if (c === 45) return t.charCodeAt(1) !== 45 || t.charCodeAt(2) !== 45;
  return (c === 42 || c === 0x2022 || c === 0xb7) && isSpace(t.charCodeAt(1));
}

/** `.!?:;"'”’)]`: a sentence, a clause or a quotation ends at the end of the line. */
function endsSentence(c: number): boolean {
  return (
    c === 46 ||
    c === 33 ||
    c === 63 ||
    c === 58 ||
    c === 59 ||
    c === 34 ||
    c === 39 ||
    c === 0x201d ||
    c === 0x2019 ||
    c === 41 ||
    c === 93
  );
}

export function joinParagraphText(raw: string, pageBreaks = true): string {
  const src = (pageBreaks ? removeInlinePageBreaks(raw) : raw).trimEnd();
  // SMART paragraphs are one line: nothing to join.
  if (!src.includes("\n")) {
    const t = src.trim();
    return t === "¶" || isLayoutLine(t) ? "" : t;
  }
  // Built by concatenation and bounds found on char codes: this runs on every line of the body.
  let out = "";
  let any = false;
  let lastEndsSentence = false;
  let blankSince = false;
  for (let pos = 0; pos <= src.length; ) {
    let nl = src.indexOf("\n", pos);
    if (nl < 0) nl = src.length;
    const [a, b] = trimmedBounds(src, pos, nl);
    pos = nl + 1;
    const first = src.charCodeAt(a);
    if (a === b || (b - a === 1 && first === 0xb6)) {
      blankSince = any;
      continue;
    }
    const t = src.slice(a, b);
    if (isRuleLine(t)) {
      blankSince = any;
      continue;
    }
    if (isLayoutLine(t)) continue;
    if (any) {
      // `a.`, `(1)`, `2)` open an item only after a finished sentence or a colon; after a
      // word they are a number that the wrap put at the line start (`... ON MARCH␤5. THE`).
      const item = isBullet(t) || (lastEndsSentence && ENUMERATOR.test(t));
      out += item || (blankSince && lastEndsSentence) ? "\n" : " ";
    }
    out += t;
    any = true;
    lastEndsSentence = endsSentence(src.charCodeAt(b - 1));
    blankSince = false;
  }
  return out;
}
