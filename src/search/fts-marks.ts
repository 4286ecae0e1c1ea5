/**
 * FTS5 highlight() output, read back: highlight() wraps each phrase instance FTS5 matched (NEAR
 * groups only where near enough, OR branches only where they hold) in two private-use sentinels,
 * which cable text never holds. Here the text is split into plain text and mark ranges, and the
 * ranges are mapped onto the word tokens the excerpt is cut by.
 */
import type { Token } from "./text-match.js";

export const OPEN = "\uE000";
export const CLOSE = "\uE001";

export interface Marked {
  text: string;
  /** Character ranges [start, end) of the plain text that FTS5 matched, in order. */
  marks: [number, number][];
}

export function parseMarked(marked: string): Marked {
  if (!marked.includes(OPEN)) return { text: marked, marks: [] };
  const marks: [number, number][] = [];
  const parts: string[] = [];
  let length = 0;
  let at = 0;
  for (let open = marked.indexOf(OPEN); open >= 0; open = marked.indexOf(OPEN, at)) {
    const close = marked.indexOf(CLOSE, open + 1);
    const end = close < 0 ? marked.length : close;
    parts.push(marked.slice(at, open));
    length += open - at;
    const inner = marked.slice(open + 1, end);
    if (inner.length > 0) marks.push([length, length + inner.length]);
    parts.push(inner);
    length += inner.length;
    at = Math.min(end + 1, marked.length);
  }
  parts.push(marked.slice(at));
  return { text: parts.join(""), marks };
}

/** Token ranges [from, to) of the tokens lying wholly inside each mark. */
export function markSpans(
  tokens: readonly Token[],
  marks: readonly [number, number][],
): [number, number][] {
  const spans: [number, number][] = [];
  let i = 0;
  for (const [start, end] of marks) {
    while (i < tokens.length && tokens[i]!.start < start) i++;
    let j = i;
    while (j < tokens.length && tokens[j]!.end <= end) j++;
    if (j > i) spans.push([i, j]);
    i = j;
  }
  return spans;
}
