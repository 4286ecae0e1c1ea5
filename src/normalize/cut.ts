/**
 * Removing a span of page furniture from running text so that the text around it reads as if the
 * span had never been there: the span is taken out together with the whitespace on both sides, and
 * one separator chosen from that whitespace is put back.
 */

export interface Span {
  start: number;
  end: number;
}

/**
 * Chooses what goes back in place of a removed span, from the whitespace that stood before it,
 * the removed text itself and the whitespace after it.
 */
export type Separator = (before: string, inside: string, after: string) => string;

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

/**
 * A page-break line of the 2004-2010 printouts sits either inside a line (SMART text, where the
 * sentence runs on: one space), on a line of its own (one line break) or between blank lines (the
 * copy separates every line by a blank line: keep one blank line). Never more than one blank line.
 */
export const keepLineBreaks: Separator = (before, inside, after) => {
  const n = Math.min(
    2,
    Math.max(countNewlines(before), countNewlines(inside), countNewlines(after)),
  );
  return n === 0 ? " " : "\n".repeat(n);
};

/**
 * Old page headers come with blank lines of page margin around them; those blank lines are
 * furniture too, so a header between lines leaves a single line break and one inside a line a space.
 */
export const collapseToOneBreak: Separator = (before, inside, after) =>
  before.includes("\n") || inside.includes("\n") || after.includes("\n") ? "\n" : " ";

/**
 * Returns `text` without `spans` (sorted, possibly touching or overlapping). At the very start or
 * end of the text nothing is put back.
 */
export function cutSpans(text: string, spans: readonly Span[], separator: Separator): string {
  if (spans.length === 0) return text;
  const out: string[] = [];
  let pos = 0;
  let i = 0;
  while (i < spans.length) {
    let { start, end } = spans[i]!;
    if (start < pos) start = pos;
    i++;
    // Spans separated only by whitespace are one piece of furniture.
    for (;;) {
      const next = spans[i];
      if (!next) break;
      let k = end;
      while (k < next.start && isBlank(text.charCodeAt(k))) k++;
      if (k < next.start) break;
      end = Math.max(end, next.end);
      i++;
    }
    let wsStart = start;
    while (wsStart > pos && isBlank(text.charCodeAt(wsStart - 1))) wsStart--;
    let wsEnd = end;
    while (wsEnd < text.length && isBlank(text.charCodeAt(wsEnd))) wsEnd++;
    out.push(text.slice(pos, wsStart));
    const atEdge = wsStart === 0 || wsEnd === text.length;
    if (!atEdge) {
      out.push(
        separator(text.slice(wsStart, start), text.slice(start, end), text.slice(end, wsEnd)),
      );
    }
    pos = wsEnd;
  }
  out.push(text.slice(pos));
  return out.join("");
}
