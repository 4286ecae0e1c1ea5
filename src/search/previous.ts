/**
 * Going back a page with keyset cursors: the page before the one a cursor opens is the `limit`
 * matches just before it, and the cursor that opens that page is the match before those. One pass
 * over the matches finds both and the position of the page (how many matches come before it), with
 * a bounded list like firstAfter's, so it costs what the forward page costs.
 */
import type { CursorPosition } from "./cursor.js";
import type { Matches } from "./hits.js";

export interface PagePosition {
  /** 0-based position of the page's first hit in the whole ordered result. */
  offset: number;
  /**
   * Index (into ids/keys) of the match whose cursor opens the previous page; -1 when the previous
   * page is the first one (no cursor); undefined when there is no previous page.
   */
  prevIndex?: number;
}

function notAfter(key: number, id: number, pos: CursorPosition): boolean {
  return key < pos.key || (key === pos.key && id <= pos.id);
}

/** Where the page opened by `from` (null: the first page) sits, and what opens the one before. */
export function pagePosition(m: Matches, from: CursorPosition | null, limit: number): PagePosition {
  if (!from) return { offset: 0 };
  // The limit + 1 greatest matches not after the cursor, greatest first.
  const want = limit + 1;
  const best: number[] = [];
  const greater = (a: number, b: number) =>
    m.keys[a]! > m.keys[b]! || (m.keys[a] === m.keys[b] && m.ids[a]! > m.ids[b]!);
  let offset = 0;
  for (let i = 0; i < m.ids.length; i++) {
    if (!notAfter(m.keys[i]!, m.ids[i]!, from)) continue;
    offset++;
    if (best.length === want && !greater(i, best[want - 1]!)) continue;
    let j = best.length === want ? want - 1 : best.length;
    while (j > 0 && greater(i, best[j - 1]!)) {
      best[j] = best[j - 1]!;
      j--;
    }
    best[j] = i;
  }
  if (offset === 0) return { offset };
  return { offset, prevIndex: offset > limit ? best[limit]! : -1 };
}
