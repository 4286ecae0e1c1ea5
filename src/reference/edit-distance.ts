/**
 * Optimal-string-alignment distance (letters added, dropped or changed, and adjacent letters
 * swapped, each one edit) for the callers that only care whether two words are within a few edits:
 * station names (station-fuzzy.ts), officials' titles (parse/classified-by/titles.ts) and spelling
 * variants at query time (search/variants.ts), the last over tens of thousands of index words per
 * query word. Hence the bound, the early exit and the rows reused between calls. Here, in the
 * lowest layer, so that every layer can import it. Not a library: fastest-levenshtein counts no
 * swaps and has no bound.
 */

let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)] as const;

/** The distance when it is at most `max`, otherwise `max + 1` (known as soon as a row passes it). */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rows[0].length <= b.length) {
    const n = b.length + 1;
    rows = [new Int32Array(n), new Int32Array(n), new Int32Array(n)];
  }
  let [prev2, prev, cur] = rows;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let best = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        v = Math.min(v, prev2[j - 2]! + 1);
      }
      cur[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[b.length]!, max + 1);
}
