import { type Candidate, MAX_NUMBER } from "./candidates.js";

/**
 * Chooses which candidates are the drafter's paragraphs: the heaviest chain of candidates, in
 * text order, whose numbers run 1, 2, 3... A step may repeat a number (a drafter's duplicate) or
 * skip one or two (a drafter's gap), at a cost; a chain may start above 1 (a fragment), at a cost.
 * So `... on May␤13. Fourteen people` cannot break into a cable whose paragraph 5 just began, and
 * a list `1. 2. 3.` inside paragraph 4 loses to the marked paragraphs around it.
 *
 * Linear in the number of candidates: the best chain ending at each number is kept as we go.
 */

const DUPLICATE_COST = 2.5;
const GAP_COST = 2;
const START_COST = 1;
const MAX_START_COST = 2.5;
/** In a cable whose paragraphs carry marks, an unmarked number is most likely a list item. */
const UNMARKED_DISCOUNT = 0.5;

/** Steps back in numbering and their cost: next number, duplicate, gap of one, gap of two. */
const STEPS: ReadonlyArray<readonly [number, number]> = [
  [1, 0],
  [0, DUPLICATE_COST],
  [2, GAP_COST],
  [3, 2 * GAP_COST],
];

interface Node {
  score: number;
  prev: number;
}

export function chooseParagraphs(cands: Candidate[]): Candidate[] {
  if (cands.length === 0) return [];
  const marked = cands.filter((c) => c.marking !== null && !c.inline).length;
  const discount = marked >= 2 ? UNMARKED_DISCOUNT : 1;
  const weight = (c: Candidate) => (c.marking === null ? c.weight * discount : c.weight);

  const nodes: Node[] = [];
  /** Best node index ending at each number so far (-1: none). */
  const bestAt = new Int32Array(MAX_NUMBER + 1).fill(-1);
  let best = -1;
  for (let j = 0; j < cands.length; j++) {
    const c = cands[j]!;
    const w = weight(c);
    let score = w - Math.min(MAX_START_COST, START_COST * (c.number - 1));
    let prev = -1;
    for (const [back, cost] of STEPS) {
      const n = c.number - back;
      const i = n >= 0 ? bestAt[n]! : -1;
      if (i < 0) continue;
      const s = nodes[i]!.score + w - cost;
      if (s > score) {
        score = s;
        prev = i;
      }
    }
    nodes.push({ score, prev });
    const cur = bestAt[c.number]!;
    if (cur < 0 || nodes[cur]!.score < score) bestAt[c.number] = j;
    if (best < 0 || score > nodes[best]!.score) best = j;
  }
  if (best < 0 || nodes[best]!.score <= 0) return [];
  const chosen: Candidate[] = [];
  for (let i = best; i >= 0; i = nodes[i]!.prev) chosen.push(cands[i]!);
  return chosen.reverse();
}
