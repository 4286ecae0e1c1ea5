import { type BodyDoc, docMemo } from "../doc.js";
import { mayHavePageBreaks } from "../layout-lines.js";
import { docEnding, type Ending, findEnding } from "../signers/ending.js";
import { findCandidates } from "./candidates.js";
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
}

let cacheText: string | null = null;
let cacheSegments: Segment[] = [];

/** Pure; memoised on the last text because paragraphs and PROTECT markers both ask. */
export function segmentParagraphs(text: string): Segment[] {
  if (text === cacheText) return cacheSegments;
  const segments = computeSegments(text, findEnding(text));
  cacheText = text;
  cacheSegments = segments;
  return segments;
}

/**
 * The segments of a doc, memoised per doc: the paragraph and PROTECT parsers both ask, and
 * parseRecords asks for a whole batch of docs before asking again.
 */
export const docSegments: (doc: BodyDoc) => Segment[] = docMemo((doc) =>
  computeSegments(doc.text, docEnding(doc)),
);

function computeSegments(text: string, ending: Ending): Segment[] {
  const { contentEnd } = ending;
  const chosen = chooseParagraphs(findCandidates(text, contentEnd));
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
    });
    heading = split.heading;
  }
  return out;
}
