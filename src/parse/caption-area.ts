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

function compute(text: string): number {
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
  return Math.min(text.length, WINDOW);
}

/** Offset in `doc.text` where the caption area ends (memoised per doc). */
export const captionAreaEnd: (doc: BodyDoc) => number = docMemo((doc) => {
  const end = compute(doc.text);
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
