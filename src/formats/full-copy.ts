/**
 * Preview-plus-full pages: some WikiLeaks pages (and the mirror files copied from them) show a
 * preview of the cable cut at `...`, then the cable again in full — after a database row
 * (`17734␤␤2004-06-10␤␤04THEHAGUE1446…`, `65298  2006-05-24  06THEHAGUE1184 …`), an `id:/date:/
 * refid:/header:` block, or nothing at all, sometimes with its line breaks flattened. Every field
 * must come from the full copy: a REF list, a Classified-By line or a summary read from the preview
 * is cut short (`04STATE1`, `Brian A`), and the debris between the copies lands in paragraph 1.
 *
 * The rule is keyed on what the text shows, not on the site: a line ending in `...` after which
 * several of the preview's own lines come again, in order (soon, allowing for the row in between),
 * followed by more text than the preview held. The preview is kept as far as it goes and the copy
 * supplies the rest (see joinCopies); the preview's cut tail and the debris go.
 */

export interface FullCopy {
  text: string;
  warning: string;
}

/** Where the preview may be cut: a transmission header of 60 addressees stays under this. */
const PREVIEW_SPAN = 12_000;
/** How far into the rest the repeat must start: a database row or an `id:`…`header:` block. */
const REPEAT_WITHIN = 6_000;
/** Between two lines of the preview found in the copy: a header block or a wrapped list. */
const LINE_GAP = 3_000;
/** Lines of the preview tried, in order. */
const ANCHOR_LINES = 160;
/** A line tried carries at least this many letters and digits (rules and `SIPDIS` are too common). */
const MIN_ANCHOR_CHARS = 8;
/**
 * A copy repeats several of the preview's lines (banner, E.O., TAGS, SUBJECT); one line met again
 * (`SENSITIVE`, the TAGS line of another cable pasted after) is chance.
 */
const MIN_ANCHORS = 2;
const MIN_MATCHED_CHARS = 30;
/**
 * From the first line the copy repeats to the cut: previews run to about a thousand characters
 * (at most 982 on the corpus); a cable that quotes its own summary further down (07ALGIERS1806)
 * repeats lines much further apart.
 */
const MAX_PREVIEW = 2_500;
/** The site's notice glued before the banner; not part of what the copy repeats. */
const NOTICE = "This record is a partial extract of the original cable.";
const NOTICE_END = "The full text of the original cable is not available.";

/** A CSV row after the cut (`74802,8/14/2006 15:43,06THEHAGUE1782,"Embassy…`): quoted fields. */
const CSV_ROW = /^\s*"?,?\s*\d+,\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d\d,/;
const CUT = /\.\.\.[ \t]*(?:\n|$)/g;

export function useFullCopy(text: string): FullCopy | null {
  if (!text.includes("...")) return null;
  const span = text.slice(0, PREVIEW_SPAN);
  CUT.lastIndex = 0;
  for (let m = CUT.exec(span); m; m = CUT.exec(span)) {
    const restAt = m.index + m[0].length;
    if (restAt >= text.length) break;
    // The copy's CSV quoting is undone before the lines are compared (`""GETTING TO YES""`).
    const csv = CSV_ROW.test(text.slice(restAt, restAt + 200));
    const whole = csv
      ? text.slice(0, restAt) + text.slice(restAt).replace(/""/g, '"').replace(/"\s*$/, "\n")
      : text;
    const join = joinCopies(whole, m.index, restAt);
    if (!join) continue;
    return {
      text: whole.slice(0, join.previewEnd) + join.glue + whole.slice(join.copyAt),
      warning:
        "the text holds a preview cut at '...' and then the cable again in full: the preview is " +
        `continued from the full copy after its line ${lineNumber(text, join.previewEnd)}` +
        (csv ? " (the copy's CSV quoting undone)" : ""),
    };
  }
  return null;
}

interface Anchor {
  /** The preview line's end. */
  previewEnd: number;
  /** Where its repeat ends in the copy. */
  copyEnd: number;
}

interface Join {
  /** The preview is kept up to here... */
  previewEnd: number;
  glue: string;
  /** ...and the copy from here. */
  copyAt: number;
}

/**
 * Where to join the two copies. The preview's lines are followed, in order, into the copy (the
 * anchors: lines long enough not to repeat by chance). From the last anchor on, every line up to
 * the cut is followed line by line; the cut line's complete words (`Brian A. Nicho...` gives
 * `Brian A.`) then say where the copy continues the preview. The preview's own lines are kept as
 * far as they go because some copies are flattened and lost words or whole lines doing so
 * (`TAGS: … AMGT␤GG` became `… AMGT`; 07MOSCOW2981's copy has no SUBJECT): where the copy lacks a
 * line, the preview is kept up to its cut and the copy goes on after the last line both hold.
 * Null when the copy does not repeat the preview or is not the longer one.
 */
function joinCopies(text: string, cut: number, restAt: number): Join | null {
  let last: Anchor | null = null;
  let searchFrom = restAt;
  let tried = 0;
  let anchors = 0;
  let matched = 0;
  let firstAt = 0;
  const cutLine = text.lastIndexOf("\n", cut - 1) + 1;
  for (let lineStart = 0; lineStart < cutLine && tried < ANCHOR_LINES; ) {
    const nl = text.indexOf("\n", lineStart);
    let line = text.slice(lineStart, nl);
    const notice = line.indexOf(NOTICE_END);
    if (notice >= 0 && line.includes(NOTICE)) line = line.slice(notice + NOTICE_END.length);
    const chars = alnumCount(line);
    if (chars >= MIN_ANCHOR_CHARS) {
      tried++;
      const limit = last ? searchFrom + LINE_GAP : restAt + REPEAT_WITHIN;
      const words = line.trim().split(/\s+/);
      // Most lines do not come again: their longest word, looked up first, says so cheaply.
      const probe = words.reduce((a, b) => (b.length > a.length ? b : a)).replace(/¶/g, "");
      const seen = text.indexOf(probe, searchFrom);
      const hit =
        seen >= 0 && seen < limit ? wordsPattern(words).exec(text.slice(searchFrom, limit)) : null;
      if (hit) {
        searchFrom += hit.index + hit[0].length;
        last = { previewEnd: nl, copyEnd: searchFrom };
        if (anchors === 0) firstAt = lineStart;
        anchors++;
        matched += chars;
      }
    }
    lineStart = nl + 1;
  }
  if (!last || anchors < MIN_ANCHORS || matched < MIN_MATCHED_CHARS) return null;
  if (cut - firstAt > MAX_PREVIEW) return null;
  const join = placeCutLine(text, cutLine, cut, followLines(text, last, cutLine));
  return alnumCount(text.slice(join.copyAt)) > alnumCount(text.slice(join.previewEnd, cut))
    ? join
    : null;
}

/** Lines after an anchor stand right after its repeat in the copy, blanks and wraps aside. */
const NEXT_LINE_WITHIN = 300;

/**
 * From the last anchor, each following preview line (short ones too) found right after the
 * previous one in the copy; stops at the first the copy lacks. `previewEnd` is then the cut line's
 * start when every line was found.
 */
function followLines(text: string, from: Anchor, cutLine: number): Anchor {
  let at = from;
  for (let lineStart = from.previewEnd + 1; lineStart < cutLine; ) {
    const nl = text.indexOf("\n", lineStart);
    const words = text.slice(lineStart, nl).trim();
    if (words) {
      const window = text.slice(at.copyEnd, at.copyEnd + NEXT_LINE_WITHIN);
      const hit = wordsPattern(words.split(/\s+/)).exec(window);
      if (!hit) return at;
      at = { previewEnd: nl, copyEnd: at.copyEnd + hit.index + hit[0].length };
    } else {
      at = { previewEnd: nl, copyEnd: at.copyEnd };
    }
    lineStart = nl + 1;
  }
  return at;
}

function placeCutLine(text: string, cutLine: number, cut: number, last: Anchor): Join {
  const afterLast = last.copyEnd + lineEndAt(text, last.copyEnd);
  const line = text.slice(cutLine, cut);
  const words = line.trim().split(/\s+/).slice(0, -1);
  const complete = alnumCount(words.join("")) > 0;
  if (last.previewEnd + 1 >= cutLine) {
    // Every line before the cut is in the copy: the copy continues the cut line.
    if (!complete) return { previewEnd: cutLine, glue: "", copyAt: afterLast };
    const hit = wordsPattern(words).exec(text.slice(last.copyEnd, last.copyEnd + LINE_GAP));
    if (hit) {
      return {
        previewEnd: cutLine + leadingBlanks(line),
        glue: "",
        copyAt: last.copyEnd + hit.index,
      };
    }
  }
  // The copy lacks a line of the preview: the preview is kept whole (its cut line too, if it holds
  // a complete word), and the copy goes on after the last line both hold.
  return complete
    ? { previewEnd: cut + 3, glue: "\n", copyAt: afterLast }
    : { previewEnd: cutLine, glue: "", copyAt: afterLast };
}

/** Past the blanks and one line end at `from`: where the text after a matched line resumes. */
function lineEndAt(text: string, from: number): number {
  const rest = /^[ \t]*\n?/.exec(text.slice(from, from + 200));
  return rest ? rest[0].length : 0;
}

/** The words in order, any blanks or line breaks between them (copies reflow); `¶` optional. */
function wordsPattern(words: string[]): RegExp {
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/¶/g, "¶?"));
  return new RegExp(escaped.join("\\s+"));
}

function leadingBlanks(line: string): number {
  return line.length - line.trimStart().length;
}

function lineNumber(text: string, at: number): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < at; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

function alnumCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const l = c | 0x20;
    if ((l >= 97 && l <= 122) || (c >= 48 && c <= 57)) n++;
  }
  return n;
}
