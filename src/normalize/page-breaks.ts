import { cutSpans, keepLineBreaks, type Span } from "./cut.js";
import { isPrintedPost, PRINTED_POST_MAX } from "./post-names.js";

/**
 * Page-break lines of the 2004-2010 printouts: `<POST> <8-digit serial> <page>[.n] OF <total>`
 * (`TRIPOLI 00000402 001.2 OF 003`, `PORT AU PR 00002230 001.2 OF 002`). They stand on a line of
 * their own, inside a line of unwrapped SMART text, or split after the serial
 * (`TRIPOLI 00000402 ␤␤001.2 OF 003`), and they cut through SUBJECT, REF, TAGS and sentences, so
 * they go before any element is parsed.
 */

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Whether `n` digits end at `end` (exclusive) with no further digit before them. */
function digitsBefore(text: string, end: number, n: number): boolean {
  if (end - n < 0 || isDigit(text.charCodeAt(end - n - 1))) return false;
  for (let k = end - n; k < end; k++) if (!isDigit(text.charCodeAt(k))) return false;
  return true;
}

/**
 * The `<8-digit serial> <page>[.n] OF <total>` part of the page-break around the `OF 0` at `of`,
 * as [serial start, end], or null. Found from `OF 0` outwards by hand: a regex for this shape is
 * tried at every digit of the text, and this runs on every cable; the total, three digits, always
 * starts with 0. Up to three line breaks may stand between serial and page (the split form).
 */
function pageCount(text: string, of: number): [number, number] | null {
  const end = of + 6;
  if (!digitsBefore(text, end, 3) || isDigit(text.charCodeAt(end))) return null;
  let k = of;
  if (text.charCodeAt(k - 1) !== 32 && text.charCodeAt(k - 1) !== 9) return null;
  while (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 9) k--;
  if (text[k - 2] === "." && isDigit(text.charCodeAt(k - 1))) k -= 2;
  if (!digitsBefore(text, k, 3)) return null;
  k -= 3;
  const gapEnd = k;
  let newlines = 0;
  while (k > 0) {
    const c = text.charCodeAt(k - 1);
    if (c === 10) newlines++;
    else if (c !== 32 && c !== 9) break;
    k--;
  }
  if (k === gapEnd || newlines > 3 || !digitsBefore(text, k, 8)) return null;
  return [k - 8, end];
}

const POST_WORD = /^[A-Z][A-Z.'-]*$/;

/** The longest run of the last one to three words before `end` that names a post, or -1. */
function knownPostStart(text: string, end: number): number {
  const lineStart = text.lastIndexOf("\n", end - 1) + 1;
  const from = Math.max(lineStart, end - PRINTED_POST_MAX - 1);
  const words = text.slice(from, end).split(" ");
  if (from > lineStart) words.shift(); // a word cut by the window is not a candidate
  let best = -1;
  let printed = "";
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i]!;
    if (!POST_WORD.test(w)) break;
    printed = printed ? `${w} ${printed}` : w;
    if (printed.length > PRINTED_POST_MAX) break;
    if (isPrintedPost(printed)) best = end - printed.length;
  }
  return best;
}

/** A post glued to the word before it (`C. CAIRO 507CAIRO`, `XXXXXXXXXXXXLONDON`), or -1. */
function gluedPostStart(text: string, end: number): number {
  for (let len = Math.min(PRINTED_POST_MAX, end); len >= 3; len--) {
    const tail = text.slice(end - len, end);
    if (/^[A-Z]+$/.test(tail) && isPrintedPost(tail)) return end - len;
  }
  return -1;
}

/**
 * Where the page-break that has its serial at `at` begins: at the post printed before the serial
 * (on the same line, or on the line before when the copy split the line after the post), else at
 * the serial itself — the fixed-width `serial page OF total` shape is page furniture on its own.
 */
function pageBreakStart(text: string, at: number): number {
  let end = at;
  while (end > 0 && (text[end - 1] === " " || text[end - 1] === "\t")) end--;
  let crossLine = false;
  if (end > 0 && text[end - 1] === "\n") {
    crossLine = true;
    while (end > 0 && /\s/.test(text[end - 1]!) && at - end < 12) end--;
  }
  if (end === at || end === 0) return at;
  const known = knownPostStart(text, end);
  if (known !== -1) return known;
  if (crossLine) return at;
  const glued = gluedPostStart(text, end);
  if (glued !== -1) return glued;
  // An unknown post: trust only the last word, and only when it looks like one.
  const lineStart = text.lastIndexOf("\n", end - 1) + 1;
  const last = text
    .slice(Math.max(lineStart, end - PRINTED_POST_MAX - 1), end)
    .split(" ")
    .pop()!;
  return /^[A-Z]{3,10}$/.test(last) && end - last.length >= lineStart ? end - last.length : at;
}

export function findPageBreaks(text: string): Span[] {
  const spans: Span[] = [];
  for (let of = text.indexOf("OF 0"); of !== -1; of = text.indexOf("OF 0", of + 4)) {
    const count = pageCount(text, of);
    if (count) spans.push({ start: pageBreakStart(text, count[0]), end: count[1] });
  }
  return spans;
}

export function removePageBreaks(text: string): { text: string; count: number } {
  const spans = findPageBreaks(text);
  if (spans.length === 0) return { text, count: 0 };
  return { text: cutSpans(text, spans, keepLineBreaks), count: spans.length };
}
