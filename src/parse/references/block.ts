import { blockEnds, cleanLine, continuesAfterBlank, firstParagraph } from "./block-end.js";
import { startsWithCable } from "./cables.js";
import { removePageFurniture } from "./page-lines.js";

/**
 * Finds the REF block (`REF:`, `REFS:`, `Ref(s):`, `REFTEL:`, `A. REF ...`) in the caption area of
 * a body and reads it line by line until it ends (see block-end.ts). Returns the block text after
 * the keyword, copy debris and page furniture removed. Only the caption area and the block itself
 * are looked at: a body can be 60 KB, and this runs for every cable.
 */

/** How far into the body the REF keyword is looked for (in the corpus it is always before 3.7 KB). */
const REGION_CAP = 5000;
/** Longest REF block read (the longest real ones, ~30 items, are under 1.5 KB). */
const BLOCK_CAP = 3000;
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
  private readonly head: string;
  private readonly starts: number[];

  constructor(text: string) {
    // The caption area ends at the first numbered paragraph; a REF after it is prose.
    const region = text.length > REGION_CAP ? text.slice(0, REGION_CAP) : text;
    const para = firstParagraph(region);
    this.head = para >= 0 ? region.slice(0, para) : region;
    this.starts = keywordStarts(this.head);
  }

  /** How many candidates are worth reading. */
  get count(): number {
    return Math.min(this.starts.length, MAX_CANDIDATES);
  }

  /** Candidate `k`'s block, or null when it holds nothing. */
  read(k: number): string | null {
    return readBlock(this.head, this.starts[k]!);
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
function readBlock(head: string, start: number): string | null {
  const limit = Math.min(head.length, start + BLOCK_CAP);
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
      if (blankBefore && !continuesAfterBlank(kept.join("\n"), text)) return finish(kept);
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
