/**
 * The sentence around a place in the text, lines joined: what a reader needs to see beside a
 * PROTECT marker. Sentence ends are `.`, `!`, `?` (closing quotes and brackets included) before a
 * capital, a digit or a quote, or a blank line; the periods of initials and common abbreviations
 * (`U.S.`, `Mr.`, `Amb.`, `No.`) do not end sentences.
 */
const MAX_SIDE = 400;
const BOUNDARY = /[.!?]["'”’)\]]*\s+(?=["“'‘(]?[A-Z0-9¶])|\n[ \t]*\n/g;
const ABBREVIATION =
  /(?:^|[\s(])(?:[A-Z]|[A-Z]\.[A-Z]|Mr|Mrs|Ms|Dr|Amb|Gen|Lt|Col|Maj|Capt|Adm|Sen|Rep|Gov|St|Jr|Sr|No|Nos|Dept|Vol|Art|Para|Ref|Refs|Inc|Corp|Ltd|Co|vs|e\.g|i\.e|approx|est|a\.m|p\.m)\.$/;

export function sentenceAround(
  text: string,
  at: number,
  end: number,
  lo: number,
  hi: number,
): string {
  const from = Math.max(lo, at - MAX_SIDE);
  const to = Math.min(hi, end + MAX_SIDE);
  const window = text.slice(from, to);
  let start = 0;
  let stop = window.length;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(window); m; m = BOUNDARY.exec(window)) {
    const dot = m.index + 1;
    if (m[0][0] !== "\n" && ABBREVIATION.test(window.slice(Math.max(0, dot - 12), dot))) continue;
    const after = m.index + m[0].length;
    if (after <= at - from) start = after;
    else if (m.index >= end - from) {
      stop = m[0][0] === "\n" ? m.index : m.index + m[0].trimEnd().length;
      break;
    }
  }
  // Where the excerpt meets MAX_SIDE rather than a sentence end, it ends at a word, not inside one.
  if (start === 0 && from > lo) {
    const space = window.search(/\s/);
    if (space >= 0 && space < at - from) start = space;
  }
  if (stop === window.length && to < hi) {
    const space = window.lastIndexOf(" ");
    if (space > end - from) stop = space;
  }
  return window.slice(start, stop).replace(/\s+/g, " ").trim();
}
