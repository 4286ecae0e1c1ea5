import { type BodyDoc, docMemo } from "./doc.js";

/**
 * Where the caption area ends (spec §4 intro, §9 step 5): everything before it is banner, captions,
 * passing instructions, E.O., TAGS, SUBJECT, REF and "Classified By"; after it comes the text. The
 * end is the start of paragraph 1 or of an unnumbered summary, else a fixed window. Caption-level
 * parsers search only before this offset, because words like "SUBJECT:" and "TAGS" recur in the
 * text (10STATE284 has no SUBJECT line but the word later on).
 */

/**
 * At a line start: paragraph 1 (`1.`, `¶1.`, `1.(C)`, also `1)`) or an unnumbered summary
 * (`SUMMARY:`, `BEGIN SUMMARY`, a `Summary` heading line). Sticky: tried only at line starts.
 */
const OPENS_TEXT =
  /[ \t]*(?:¶?[ \t]*1[ \t]*[.)][ \t]*(?=[("'A-Za-z]|\n|$)|BEGIN[ \t]+SUMMARY\b|SUMMARY[ \t]*(?::|\.|-|\n|$)|Summary:)/y;

/** Paragraph 1 inside run-together SMART text: ` 1. (C) ...`, ` 1.(S/NF) ...`. */
const PARA_ONE_INLINE = /[ \t]¶?1\.[ \t]?\((?:U|C|S|SBU|TS)(?:\/{1,2}[A-Z ]{1,12})?\)/;

/** Without a paragraph start, cablemap's window: enough for the caption block of nearly every cable. */
const WINDOW = 2_500;
/** A paragraph 1 further in than this is not the end of a caption area (text without numbering). */
const FAR = 12_000;

/** Run-together SMART text puts paragraphs on one long line; shorter lines are not searched inline. */
const LONG_LINE = 300;

/** `¶`, `1`, `B`, `S`: what OPENS_TEXT can see first after the indentation. */
function mayOpenText(text: string, pos: number): boolean {
  let c = text.charCodeAt(pos);
  while (c === 32 || c === 9) c = text.charCodeAt(++pos);
  return c === 0xb6 || c === 49 || c === 66 || c === 83;
}

/** Where the text opens (paragraph 1 or a summary), or null when nothing in reach opens it. */
function textOpening(text: string): number | null {
  const limit = Math.min(text.length, FAR);
  for (let pos = 0; pos < limit; ) {
    OPENS_TEXT.lastIndex = pos;
    if (mayOpenText(text, pos) && OPENS_TEXT.test(text)) return pos;
    const nl = text.indexOf("\n", pos);
    const stop = nl < 0 ? text.length : nl;
    if (stop - pos > LONG_LINE) {
      const inline = PARA_ONE_INLINE.exec(text.slice(pos, stop));
      if (inline) return pos + inline.index;
    }
    if (nl < 0) break;
    pos = nl + 1;
  }
  return null;
}

const opening: (doc: BodyDoc) => number | null = docMemo((doc) => textOpening(doc.text));

/** Offset in `doc.text` where the caption area ends (memoised per doc). */
export const captionAreaEnd: (doc: BodyDoc) => number = docMemo((doc) => {
  const end = opening(doc) ?? Math.min(doc.text.length, WINDOW);
  if (end === WINDOW && LABEL_LINE.test(doc.text.slice(WINDOW, FAR))) {
    doc.warnings.push(
      `no paragraph 1 in the first ${FAR.toLocaleString("en")} characters: caption elements were looked for in the first ${WINDOW.toLocaleString("en")}, and a caption label stands after that`,
    );
  }
  return end;
});

/** A caption label opening a line: what a too-short window would leave unread. */
const LABEL_LINE = /(?:^|\n)[ \t]*(?:SUBJECT|SUBJ|TAGS|E\.O\.[ \t]*1\d{4})[ \t]*:/;

/** The caption area itself. */
export function captionArea(doc: BodyDoc): string {
  return doc.text.slice(0, captionAreaEnd(doc));
}

/**
 * A caption line: one of the labels caption parsers read, with its colon (a line of prose may open
 * with `Reason` or `Subject`); the lines a label's value runs on to, up to the next blank line,
 * belong to it.
 */
const CAPTION_LABEL =
  /^[ \t]*(?:(?:TAGS|SUBJECT|SUBJ|REFS?|REFTELS?|REFERENCES?|DECL|PASS[ \t]+TO|REASONS?)[ \t]*:|E\.[ \t]?O\.[ \t]*1\d{4}|CLASSIFIED[ \t]+BY\b)/i;

/**
 * Where the prose of the cable starts, for readers of prose (entities). Where paragraph 1 or a
 * summary opens the text, the caption area's end. A cable written without numbered paragraphs
 * has no such mark, and the caption area is a fixed window that holds most or all of a short
 * cable's text (09EFTOLONDON2187 is 795 characters, its one paragraph naming a source to
 * protect); there the prose starts after the block of the last caption label of the window, at
 * the blank line that ends it. No label in the window: the window, as before.
 */
export const proseStart: (doc: BodyDoc) => number = docMemo((doc) => {
  const end = captionAreaEnd(doc);
  if (opening(doc) !== null) return end;
  const text = doc.text;
  let after = -1;
  let inBlock = false;
  for (let pos = 0; pos < end; ) {
    const nl = text.indexOf("\n", pos);
    const stop = nl < 0 || nl > end ? end : nl;
    const line = text.slice(pos, stop);
    if (CAPTION_LABEL.test(line)) inBlock = true;
    else if (inBlock && line.trim() === "") {
      inBlock = false;
      after = stop;
    }
    if (nl < 0 || nl >= end) break;
    pos = nl + 1;
  }
  // A label block still open at the window's end leaves nothing known to be prose before it.
  return after < 0 || inBlock ? end : after;
});
