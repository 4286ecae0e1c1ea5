import { type BodyDoc, docMemo } from "../doc.js";
import { mayHavePageBreaks } from "../layout-lines.js";
import { docEnding, type Ending, findEnding } from "../signers/ending.js";
import { type Candidate, findCandidates, MAX_NUMBER } from "./candidates.js";
import { chooseParagraphs } from "./chain.js";
import { leadingHeading, trailingHeading } from "./headings.js";
import { joinParagraphText } from "./text.js";

/**
 * The body cut into numbered paragraphs, with offsets, so that other parsers (PROTECT markers)
 * can tell which paragraph a place in the text belongs to. Text before paragraph 1 is the caption
 * area; text after the last paragraph's end is the signature and trailer.
 */
export interface Segment {
  number: number;
  marking: string | null;
  heading: string | null;
  /** Offset of the paragraph's number (or of its line). */
  start: number;
  /** Offset where its text begins, after number and mark. */
  bodyStart: number;
  /** Offset where its text ends: the next heading, the next paragraph, or the signature. */
  end: number;
  /** Lines joined, page-break lines removed. */
  text: string;
  /** A marked start the numbering chain skipped, kept so as not to merge two paragraphs. */
  restored?: boolean;
}

let cacheText: string | null = null;
let cacheSegments: Segment[] = [];

/** Pure; memoised on the last text because paragraphs and PROTECT markers both ask. */
export function segmentParagraphs(text: string): Segment[] {
  if (text === cacheText) return cacheSegments;
  const segments = oneCopy(computeSegments(text, findEnding(text)));
  cacheText = text;
  cacheSegments = segments;
  return segments;
}

/**
 * The segments of a doc, memoised per doc: the paragraph and PROTECT parsers both ask, and
 * parseRecords asks for a whole batch of docs before asking again.
 */
export const docSegments: (doc: BodyDoc) => Segment[] = docMemo((doc) => {
  const notes: string[] = [];
  const all = computeSegments(doc.text, docEnding(doc), notes);
  doc.warnings.push(...notes);
  const over = OVER_MAX.exec(doc.text);
  if (over && Number(over[1]) > MAX_NUMBER) {
    doc.warnings.push(
      `a paragraph numbered ${over[1]}: numbers above ${MAX_NUMBER} are not read as paragraphs, its text stays in the paragraph before`,
    );
  }
  const one = oneCopy(all);
  if (one.length < all.length) {
    doc.warnings.push(
      `the text repeats paragraphs of the cable: read once, from the fuller copy (${one.length} of ${all.length})`,
    );
  }
  return one;
});

/** A marked paragraph number of three digits at a line start (`200. (C) …`). */
const OVER_MAX = /(?:^|\n)[ \t]*(?:¶[ \t]*)?([2-9]\d\d)\.[ \t]*\((?:U|C|S|SBU|TS|LOU)\b/;

/** Enough of a paragraph's opening to tell a copy from a paragraph that merely starts alike. */
const SAME_OPENING = 60;

const sameAs = (a: Segment | undefined, b: Segment | undefined): boolean =>
  a !== undefined &&
  b !== undefined &&
  a.number === b.number &&
  a.text.length >= SAME_OPENING &&
  b.text.startsWith(a.text.slice(0, SAME_OPENING));

/**
 * Copies repeat paragraphs (issue 8, class 11). A page that holds the whole cable twice
 * (02ROME1196: a damaged copy, then the full one) starts the numbering again with the first two
 * paragraphs' texts: only one copy is the cable's, the one with more text. A page header that
 * repeats one paragraph at the top of the next page is not a paragraph (see computeSegments). A
 * questionnaire whose sections restart at 1 is kept, as its texts differ.
 */
/** Where a second whole copy of the paragraphs starts (first two paragraphs again), or -1. */
function wholeCopyAt(segs: Segment[]): number {
  return segs.findIndex((s, i) => i > 0 && sameAs(segs[0], s) && sameAs(segs[1], segs[i + 1]));
}

const size = (xs: Segment[]) => xs.reduce((n, s) => n + s.text.length, 0);

function oneCopy(segs: Segment[]): Segment[] {
  const k = wholeCopyAt(segs);
  if (k > 0) {
    const a = segs.slice(0, k);
    const b = segs.slice(k);
    return size(b) >= size(a) ? b : a;
  }
  return withoutRepeatedRun(segs);
}

/**
 * A page that repeats a run of paragraphs (09BRUSSELS1580: paragraphs 4 to 7 again at the top of
 * page 2) holds each of them twice, in order, two or more in a row: one run goes, the one with
 * less text (a cut copy).
 */
function withoutRepeatedRun(segs: Segment[]): Segment[] {
  // Earlier paragraphs by number and opening: one pass, not a search back from every paragraph.
  const seen = new Map<string, number[]>();
  const keyOf = (s: Segment) =>
    s.text.length >= SAME_OPENING ? `${s.number}|${s.text.slice(0, SAME_OPENING)}` : null;
  for (let k = 0; k + 1 < segs.length; k++) {
    const key = keyOf(segs[k]!);
    if (key === null) continue;
    const earlier = seen.get(key) ?? [];
    const j = earlier.find((i) => i < k - 1 && sameAs(segs[i + 1], segs[k + 1]));
    if (j === undefined) {
      earlier.push(k);
      seen.set(key, earlier);
      continue;
    }
    let m = 2;
    while (j + m < k && k + m < segs.length && sameAs(segs[j + m], segs[k + m])) m++;
    // The run may begin one paragraph earlier with a misread letter in its opening
    // (`contribuQions`): the same number and the same first words.
    const a = segs[j - 1];
    const b = segs[k - 1];
    if (j > 0 && j + m <= k - 1 && a && b && a.number === b.number) {
      if (a.text.slice(0, 20) === b.text.slice(0, 20)) return dropRun(segs, j - 1, k - 1, m + 1);
    }
    return dropRun(segs, j, k, m);
  }
  return segs;
}

function dropRun(segs: Segment[], j: number, k: number, m: number): Segment[] {
  const drop = size(segs.slice(k, k + m)) > size(segs.slice(j, j + m)) ? j : k;
  return [...segs.slice(0, drop), ...segs.slice(drop + m)];
}

/**
 * A number with a portion mark at a line start (`2. (SBU) ...`) is a paragraph start even where
 * the chain skipped it (a section that restarts its numbering, a number out of sequence): leaving
 * it out would merge two paragraphs into one (issue 8, class 14). Its number stays as written.
 */
function keepMarkedStarts(cands: Candidate[], chosen: Candidate[], notes: string[]): Candidate[] {
  if (chosen.length === 0) return chosen;
  const first = chosen[0]!.start;
  const taken = new Set(chosen);
  const extra = cands.filter(
    (c) => !taken.has(c) && !c.inline && c.marking !== null && c.start > first,
  );
  if (extra.length === 0) return chosen;
  const all = [...chosen, ...extra].sort((a, b) => a.start - b.start);
  // Where the chain's neighbours pin it (n, ?, n + 2), the number is read from the sequence: a
  // scraped copy's `12.` after paragraph 1, a lost digit (`2.` between 11 and 13).
  return all.map((c, i) => {
    const prev = all[i - 1];
    const next = all[i + 1];
    if (taken.has(c) || !prev || !next || !taken.has(prev) || !taken.has(next)) return c;
    if (next.number !== prev.number + 2 || c.number === prev.number + 1) return c;
    notes.push(`paragraph written as ${c.number}. read as ${prev.number + 1}. from the sequence`);
    return { ...c, number: prev.number + 1 };
  });
}

function computeSegments(text: string, ending: Ending, notes: string[] = []): Segment[] {
  const { contentEnd } = ending;
  const cands = findCandidates(text, contentEnd);
  const chain = chooseParagraphs(cands);
  const inChain = new Set(chain);
  const chosen = keepMarkedStarts(cands, chain, notes);
  const segs = buildSegments(text, contentEnd, chosen, inChain);
  if (wholeCopyAt(segs) > 0) return segs;
  // A restored start that repeats paragraph 1 is a page header's repeat (08BRASILIA1398: `¶1.`
  // again at the top of page 2, then the rest of paragraph 4): not a paragraph, so the paragraph
  // before runs on over it as the chain had it. Other repeats are the drafter's (a questionnaire
  // giving the same answer twice, 10CAIRO209) and stay paragraphs of their own.
  const repeats = new Set(
    segs.filter((s, i) => i > 0 && s.restored && sameAs(segs[0], s)).map((s) => s.start),
  );
  if (repeats.size === 0) return segs;
  return buildSegments(
    text,
    contentEnd,
    chosen.filter((c) => !repeats.has(c.start)),
    inChain,
  );
}

function buildSegments(
  text: string,
  contentEnd: number,
  chosen: Candidate[],
  inChain: ReadonlySet<Candidate>,
): Segment[] {
  if (chosen.length === 0) return [];
  const first = chosen[0]!;
  // Most bodies (and every normalised one) have no page-break marker left: check once.
  const pageBreaks = mayHavePageBreaks(text);
  let heading = trailingHeading(text.slice(0, first.start), first.inline, true).heading;
  const out: Segment[] = [];
  for (let i = 0; i < chosen.length; i++) {
    const c = chosen[i]!;
    const next = chosen[i + 1];
    const regionEnd = Math.max(c.bodyStart, next ? next.start : contentEnd);
    const region = text.slice(c.bodyStart, regionEnd);
    const split = next
      ? trailingHeading(region, next.inline, false)
      : { keep: region.length, heading: null };
    let bodyStart = c.bodyStart;
    let own = region.slice(0, split.keep);
    const lead = heading === null ? leadingHeading(own) : null;
    if (lead) {
      heading = lead.heading;
      own = own.slice(lead.skip);
      bodyStart += lead.skip;
    }
    out.push({
      number: c.number,
      marking: c.marking,
      heading,
      start: c.start,
      bodyStart,
      end: c.bodyStart + split.keep,
      text: joinParagraphText(own, pageBreaks),
      ...(inChain.has(c) ? {} : { restored: true }),
    });
    heading = split.heading;
  }
  return out;
}
