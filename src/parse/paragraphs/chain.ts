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
const STEP_BACK = [1, 0, 2, 3];
const STEP_COST = [0, DUPLICATE_COST, GAP_COST, 2 * GAP_COST];

const BEST_AT = new Int32Array(MAX_NUMBER + 1);

export function chooseParagraphs(cands: Candidate[]): Candidate[] {
  if (cands.length === 0) return [];
  let marked = 0;
  for (let j = 0; j < cands.length; j++) {
    const c = cands[j]!;
    if (c.marking !== null && !c.inline) marked++;
  }
  const discount = marked >= 2 ? UNMARKED_DISCOUNT : 1;

  // Best chain score ending at each candidate, and the candidate before it in that chain.
  const scores: number[] = new Array(cands.length);
  const prevs: number[] = new Array(cands.length);
  // Best candidate index ending at each number so far (-1: none); reused, typed arrays being
  // costly to allocate for every cable.
  const bestAt = BEST_AT.fill(-1);
  let best = -1;
  for (let j = 0; j < cands.length; j++) {
    const c = cands[j]!;
    const w = c.marking === null ? c.weight * discount : c.weight;
    let score = w - Math.min(MAX_START_COST, START_COST * (c.number - 1));
    let prev = -1;
    for (let k = 0; k < STEP_BACK.length; k++) {
      const n = c.number - STEP_BACK[k]!;
      const i = n >= 0 ? bestAt[n]! : -1;
      if (i < 0) continue;
      const s = scores[i]! + w - STEP_COST[k]!;
      if (s > score) {
        score = s;
        prev = i;
      }
    }
    scores[j] = score;
    prevs[j] = prev;
    const cur = bestAt[c.number]!;
    if (cur < 0 || scores[cur]! < score) bestAt[c.number] = j;
    if (best < 0 || score > scores[best]!) best = j;
  }
  if (best < 0 || scores[best]! <= 0) return [];
  const chosen: Candidate[] = [];
  for (let i = best; i >= 0; i = prevs[i]!) chosen.push(cands[i]!);
  return chosen.reverse();
}
