import { blockEnds, cleanLine, continuesAfterBlank, firstParagraph } from "./block-end.js";
import { startsWithCable } from "./cables.js";
import { removePageFurniture } from "./page-lines.js";

/**
 * Finds the REF block (`REF:`, `REFS:`, `Ref(s):`, `REFTEL:`, `A. REF ...`) in the caption area of
 * a body and reads it line by line until it ends (see block-end.ts). Returns the block text after
 * the keyword, copy debris and page furniture removed. Only the caption area and the block itself
 * are looked at: a body can be 60 KB, and this runs for every cable.
 */

/**
 * How far into the body the REF keyword is looked for (in the corpus it is always before 3.7 KB).
 * A search window, not a cap on the block: once found, the block is read to its end however long
 * it is (every item is kept, issue 12: a cap at 3,000 characters cut long lists mid-citation).
 */
const REGION_CAP = 5000;
/** Lines of the block so far that decide whether it goes on after a blank line (see readBlock). */
const CONTEXT_LINES = 24;
/** Keyword candidates tried when the first yields nothing (`REF: ...` truncated, then the real one). */
const MAX_CANDIDATES = 3;

const KEYWORD = /REF(?:ERENCES?|TELS?|S)?(?:\(S\))?|Ref(?:erences?|tels?|s)?(?:\(s\))?/y;

/** The first REF block of a body (see RefBlocks). */
export function findRefBlock(text: string): string | null {
  const blocks = new RefBlocks(text);
  for (let k = 0; k < blocks.count; k++) {
    const block = blocks.read(k);
    if (block) return block;
  }
  return null;
}

/**
 * REF blocks of the caption area, most likely first: a keyword that opens a line or carries a
 * colon, then an upper-case `REF` inside a line. The caller reads them in order and takes the
 * first that lists anything (a plain class rather than a generator: this runs for every cable).
 */
export class RefBlocks {
  private readonly text: string;
  private readonly starts: number[];
  /** Offset of the first numbered paragraph within the search window, or -1. */
  private readonly para: number;

  constructor(text: string) {
    // The caption area ends at the first numbered paragraph; a REF after it is prose.
    const region = text.length > REGION_CAP ? text.slice(0, REGION_CAP) : text;
    this.text = text;
    this.para = firstParagraph(region);
    this.starts = keywordStarts(this.para >= 0 ? region.slice(0, this.para) : region);
  }

  /** How many candidates are worth reading. */
  get count(): number {
    return Math.min(this.starts.length, MAX_CANDIDATES);
  }

  /** Offset in the text where candidate `k`'s block starts. */
  start(k: number): number {
    return this.starts[k]!;
  }

  /** Candidate `k`'s block, or null when it holds nothing. */
  read(k: number): string | null {
    const start = this.starts[k]!;
    // A list longer than the search window runs on to the first paragraph after it.
    let end = this.para;
    if (end < 0) end = firstParagraph(this.text, start);
    return readBlock(this.text, start, end < 0 ? this.text.length : end);
  }
}

/**
 * Content starts of the REF keywords before the first numbered paragraph: strong ones (opening a
 * line, or followed by a colon) in order, then weak ones (an upper-case `REF` after a space). A
 * lone enumerator before the keyword (`A. REF AMMAN 222`) belongs to the block.
 */
function keywordStarts(head: string): number[] {
  const hits: number[] = [];
  for (const word of ["REF", "Ref"]) {
    for (let i = head.indexOf(word); i >= 0; i = head.indexOf(word, i + 3)) hits.push(i);
  }
  if (hits.length === 0) return listFragment(head) ? [0] : [];
  hits.sort((a, b) => a - b);
  const strong: number[] = [];
  const weak: number[] = [];
  for (const idx of hits) {
    KEYWORD.lastIndex = idx;
    const m = KEYWORD.exec(head)!;
    const end = idx + m[0].length;
    if (/[A-Za-z0-9]/.test(head[end] ?? "")) continue;
    const lineHead = head.slice(head.lastIndexOf("\n", idx - 1) + 1, idx);
    const after = /^[ \t]*(?:\([Ss]\))?[ \t]*([:.]?)[ \t]*/.exec(head.slice(end, end + 16))!;
    const contentAt = end + after[0].length;
    const label = /^[ \t¶-]*([([]?[A-Za-z][.)\]:][ \t]*)$/.exec(lineHead);
    if (label) strong.push(idx - label[1]!.length);
    else if (/^[ \t¶-]*$/.test(lineHead)) strong.push(contentAt);
    else if (after[1] === ":" && (!/[A-Za-z]$/.test(lineHead) || /[A-Z]{2}$/.test(lineHead))) {
      strong.push(contentAt);
    } else if (m[0] === m[0].toUpperCase() && /\s$/.test(lineHead) && !/\(\s*$/.test(lineHead)) {
      if (opensList(head.slice(contentAt, contentAt + 80))) weak.push(contentAt);
    }
  }
  return [...strong, ...weak];
}

/**
 * What a keyword inside a line must be followed by to open a block: an enumerator or a citation
 * (`... SUBJECT TEXT REF A) TRIPOLI 199`), not a word (`NO REFERENCES HERE`).
 */
function opensList(rest: string): boolean {
  if (/^[([]?[A-Za-z][.):\]]/.test(rest)) return true;
  if (/^[A-Z][ \t]/.test(rest) && startsWithCable(rest.slice(2), null)) return true;
  return startsWithCable(rest, null);
}

/**
 * A fragment that is only the list, without its keyword (`A. STATE 1234␤B. ROME 567`), as
 * `parse --batch` may be given: it opens with enumerator A and a citation.
 */
function listFragment(head: string): boolean {
  const m = /^\s*[([]?A[.):\]]\s*/.exec(head);
  return m !== null && startsWithCable(head.slice(m[0].length), null);
}

/**
 * The block from `start`, line by line: page furniture lines are dropped (they leave no blank
 * line behind), a stop marker ends the block on its line, and a blank line ends it unless what
 * follows continues it.
 */
function readBlock(head: string, start: number, limit: number): string | null {
  const kept: string[] = [];
  let blankBefore = false;
  let pos = start;
  while (pos < limit) {
    let nl = head.indexOf("\n", pos);
    if (nl < 0 || nl > limit) nl = limit;
    let physical = head.slice(pos, nl);
    pos = nl + 1;
    // A page-break line split in two (`TRIPOLI 00000402␤001.2 OF 003`) is one line.
    if (/\d{8}[ \t]*$/.test(physical)) {
      const next = head.indexOf("\n", pos);
      const following = head.slice(pos, next < 0 ? limit : next);
      if (/^[ \t]*\d{3}(?:\.\d)?[ \t]+OF[ \t]+\d{3}/.test(following)) {
        physical += ` ${following}`;
        pos = next < 0 ? limit : next + 1;
      }
    }
    // Some copies carry the line break as the two characters `\n`.
    for (const piece of physical.includes("\\n") ? physical.split("\\n") : [physical]) {
      const line = cleanLine(piece);
      if (isBlank(line)) {
        if (kept.length > 0) blankBefore = true;
        continue;
      }
      const text = removePageFurniture(line);
      if (isBlank(text)) continue;
      // Only the last lines decide (the open item, the last letter): joining the whole block
      // at every blank line would make a long list cost its length squared.
      if (blankBefore && !continuesAfterBlank(lastLines(kept), text)) return finish(kept);
      blankBefore = false;
      const end = blockEnds(text);
      if (end < text.length) {
        kept.push(text.slice(0, end));
        return finish(kept);
      }
      kept.push(text);
    }
  }
  return finish(kept);
}

function lastLines(kept: string[]): string {
  return (kept.length > CONTEXT_LINES ? kept.slice(-CONTEXT_LINES) : kept).join("\n");
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 160) return false;
  }
  return true;
}

function finish(kept: string[]): string | null {
  const block = kept.join("\n");
  return /[A-Za-z0-9]/.test(block) ? block : null;
}
