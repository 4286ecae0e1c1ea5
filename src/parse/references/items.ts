import { startsWithCable } from "./cables.js";

/**
 * Splits a REF block into its enumerated items. Enumerators come as `A.`, `A)`, `(A)`, `[A]`,
 * `A:`, `A -`, `REF A`, a bare `A` before a citation (`A Montreal 365, B Ottawa 406`), and doubled
 * (`A. A)`, `A. (A)`, `A. REF A`, `A. REF:`), where the second is the drafter's own letter and the
 * first a copy's (the WikiLeaks viewer numbered list lines itself: `¶B. D. STATE 32213`). A letter
 * counts as an enumerator only in sequence — the first is A, each next one repeats or follows the
 * last, and past Z come AA, BB ... — so initials (`E-mails J. Speaks-K. Allen`) and markings
 * (`KUWAIT (C)02293`) stay text.
 */

export interface RawItem {
  /** Upper-case enumeration letter, or null for text before the first enumerator. */
  label: string | null;
  text: string;
}

/** One enumerator: `(A)`, `[A]`, `A.`/`A)`/`A:`, `A -`, or a bare capital, perhaps after `REF`. */
const ENUMERATOR =
  /(?:R[Ee][Ff](?:[Ss]|[Tt][Ee][Ll])?[ \t]*:?[ \t]*)?(?:\(([A-Za-z])\)|\[([A-Za-z])\]|([A-Za-z])(?:\.(?![\dA-Za-z])|[):](?!\d))|([A-Za-z])[ \t]+-[ \t]+(?=\S)|([A-Z])(?=[ \t]+\S))/y;
/** The keyword alone, repeated inside an item (`A. REF: KATHMANDU 2282`, `REF: REF: SECSTATE`). */
const BARE_KEYWORD =
  /(?:R[Ee][Ff](?:[Ee][Rr][Ee][Nn][Cc][Ee]|[Ss]|[Tt][Ee][Ll])?[Ss]?[ \t]*[:.]?[ \t]+)+/y;

interface Enumerator {
  letter: string | null;
  end: number;
  bare: boolean;
}

export function splitItems(text: string, docYear: number | null): RawItem[] {
  const block = dropViewerLetters(text);
  const items: RawItem[] = [];
  let label: string | null = null;
  let last: string | null = null;
  let itemStart = 0;
  for (let i = 0; i < block.length; i++) {
    if (!atBoundary(block, i)) continue;
    const found = enumeratorAt(block, i, last, docYear);
    if (!found) continue;
    items.push({ label, text: block.slice(itemStart, i) });
    label = found.letter;
    last = found.letter;
    itemStart = found.end;
    i = found.end - 1;
  }
  items.push({ label, text: block.slice(itemStart) });
  return items
    .map((it) => ({ label: it.label, text: cleanItemText(it.text) }))
    .filter((it) => it.text !== "" || it.label !== null);
}

/**
 * The WikiLeaks viewer put a letter of its own before every line of a REF block (`¶B.`), so
 * where the drafter's items run over two lines the viewer's letters drift from the drafter's
 * (`C. (B) EMBASSY PARIS DAILY REPORT`). When they do, a line opening with the viewer's letter
 * alone (`B. 2006`) continues the item above it: the letter is blanked out.
 */
function dropViewerLetters(block: string): string {
  let drift = false;
  for (const m of block.matchAll(
    /(?:^|\n)[ \t-]*([A-Za-z])[.)][ \t]+[([]?([A-Za-z])[.):\]](?=\s)/g,
  )) {
    if (m[1]!.toUpperCase() !== m[2]!.toUpperCase()) drift = true;
  }
  if (!drift) return block;
  return block.replace(
    /(^|\n)([ \t-]*)[A-Za-z]\.(?![ \t]*[([]?[A-Za-z][.):\]])/g,
    (_all, nl: string, indent: string) => `${nl}${indent}  `,
  );
}

/**
 * Enumerators stand at the start of the block or of a line, or after a separator or a space, and
 * open with a letter or a bracket (checked on char codes: this runs for every character).
 */
function atBoundary(block: string, i: number): boolean {
  const c = block.charCodeAt(i);
  const opens = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 40 || c === 91;
  if (!opens) return false;
  if (i === 0) return true;
  const p = block.charCodeAt(i - 1);
  return p === 32 || p === 9 || p === 10 || p === 13 || p === 59 || p === 44 || p === 160;
}

function enumeratorAt(
  block: string,
  i: number,
  last: string | null,
  docYear: number | null,
): Enumerator | null {
  if (last !== null && ordinal(last) >= 25) {
    const doubled = doubledAt(block, i);
    if (doubled && ordinal(doubled.letter!) - ordinal(last) === 1) return doubled;
  }
  const outer = matchEnumerator(block, i, docYear);
  if (!outer) return null;
  if (
    !placedLikeEnumerator(block, i, outer) &&
    !expectedBeforeNumber(block, outer, last, docYear)
  ) {
    return null;
  }
  const inner = innerEnumerator(block, outer.end, docYear);
  const firm = (end: number) => () =>
    lineStart(block, i) || startsWithCable(block.slice(end), docYear);
  if (inner?.letter) {
    // Doubled: the inner letter is the drafter's, and it alone has to be in sequence.
    return inSequence(inner.letter, last, firm(inner.end)) ? inner : null;
  }
  if (!outer.letter || !inSequence(outer.letter, last, firm(outer.end))) return null;
  return inner ? { letter: outer.letter, end: inner.end, bare: outer.bare } : outer;
}

function matchEnumerator(block: string, i: number, docYear: number | null): Enumerator | null {
  if (!mayOpenEnumerator(block, i)) return null;
  ENUMERATOR.lastIndex = i;
  const m = ENUMERATOR.exec(block);
  if (!m) return null;
  const letter = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5])!.toUpperCase();
  const bare = m[5] !== undefined;
  const end = i + m[0].length;
  // A bare capital is an enumerator only before a citation: `A Montreal 365`, not `A MEETING`.
  if (bare && !startsWithCable(block.slice(end).trimStart(), docYear)) return null;
  return { letter, end: skipSpaces(block, end), bare };
}

/**
 * Cheap pre-test on char codes: an enumerator is a bracket, `REF`, or a single letter followed by
 * `.`, `)`, `:` or a space — not the first letter of a word, which is what most positions are.
 */
function mayOpenEnumerator(block: string, i: number): boolean {
  const c = block.charCodeAt(i);
  if (c === 40 || c === 91 || c === 82) return true;
  const n = block.charCodeAt(i + 1);
  return n === 46 || n === 41 || n === 58 || n === 32 || n === 9 || Number.isNaN(n);
}

/** What may follow an enumerator directly: a second enumerator or the bare keyword. */
function innerEnumerator(block: string, at: number, docYear: number | null): Enumerator | null {
  const en = matchEnumerator(block, at, docYear);
  if (en) return en;
  BARE_KEYWORD.lastIndex = at;
  const kw = BARE_KEYWORD.exec(block);
  return kw ? { letter: null, end: at + kw[0].length, bare: false } : null;
}

/**
 * Mid-line, an enumerator follows the end of an item: a digit, a closing bracket, a full stop,
 * a quote, a separator, or a run of spaces (`ROME 894  D. MYRIAD`), not a word (`FROM D. SMITH`).
 */
function placedLikeEnumerator(block: string, i: number, en: Enumerator): boolean {
  if (lineStart(block, i)) return true;
  const before = block.slice(Math.max(0, i - 3), i);
  if (/\s\s$/.test(before) && !en.bare) return true;
  const prev = block.slice(0, i).trimEnd().slice(-1);
  return /[\d)\].'"”;,-]/.test(prev);
}

/**
 * After a word, only the letter expected next, before a number or a citation, is an
 * enumerator: `...IN GHAT AND GHADAMIS, LIBYA B. 08 CIAWASH 400246`, not `FROM D. SMITH`.
 */
function expectedBeforeNumber(
  block: string,
  en: Enumerator,
  last: string | null,
  docYear: number | null,
): boolean {
  const next = last === null ? "A" : String.fromCharCode(last.charCodeAt(0) + 1);
  if (en.bare || en.letter !== next) return false;
  return (
    /^[#(]?\d/.test(block.slice(en.end, en.end + 3)) ||
    startsWithCable(block.slice(en.end), docYear)
  );
}

function lineStart(block: string, i: number): boolean {
  const head = block.slice(block.lastIndexOf("\n", i - 1) + 1, i);
  return /^[ \t-]*$/.test(head);
}

/** Past Z a list goes on with doubled letters, `AA.` to `ZZ.`, then tripled (`AAA.`). */
const DOUBLED = /([A-Z])\1+(?:\.(?![\dA-Za-z])|\))[ \t]+(?=\S)/y;

function doubledAt(block: string, i: number): Enumerator | null {
  DOUBLED.lastIndex = i;
  const m = DOUBLED.exec(block);
  if (!m) return null;
  const end = i + m[0].length;
  return { letter: m[0].slice(0, m[0].search(/[.)]/)), end, bare: false };
}

/** A label's place in the sequence: A is 0, Z 25, AA 26, BB 27 ... */
function ordinal(label: string): number {
  return (label.length - 1) * 26 + (label.charCodeAt(0) - 65);
}

/**
 * `firm`: the enumerator opens a line or a citation follows it, so a letter or two may have been
 * skipped (`A. TBILISI 1605  B. ...  D. 06 TBILISI 2601`) without risk of reading a word as one.
 */
function inSequence(letter: string, last: string | null, firm: () => boolean): boolean {
  if (last === null) return letter === "A";
  const step = letter.charCodeAt(0) - last.charCodeAt(0);
  // A repeated letter happens (`B) TALLINN 347` after `B) ... EMAIL`).
  return step === 0 || step === 1 || ((step === 2 || step === 3) && firm());
}

function skipSpaces(block: string, i: number): number {
  while (i < block.length && /[ \t]/.test(block[i]!)) i++;
  return i;
}

/** The item as written, on one line: whitespace collapsed, list dashes and separators trimmed. */
function cleanItemText(text: string): string {
  const one = trimSeparators(/\s\s|[\t\n\r]/.test(text) ? text.replace(/\s+/g, " ") : text);
  return /^ref/i.test(one) ? one.replace(/^(?:REF(?:ERENCE|S|TEL)?S?\s*[:.]\s*)+/i, "") : one;
}

/** Trims spaces, list dashes and separators (`,;:&-`) from both ends. */
export function trimSeparators(text: string): string {
  let a = 0;
  let b = text.length;
  while (a < b && SEPARATORS.includes(text[a]!)) a++;
  while (b > a && SEPARATORS.includes(text[b - 1]!)) b--;
  return text.slice(a, b);
}

const SEPARATORS = " \t\n\r,;:&-\u00a0";
