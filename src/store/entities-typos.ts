import { boundedEditDistance } from "../reference/edit-distance.js";
import { fold } from "./entity-names.js";

/**
 * A withheld name written another way in the same cable: a typing slip or a second spelling
 * (`Biatio` beside `Marcel Biato (protect)`, `McCormick` beside `Shawn McCormack (strictly
 * protect)`, `Aiyer` beside `Mani Shankar Aiyar`, `Rembo` beside `Malena Rembe`; found on the
 * shared corpus). Extraction takes it for another person or none, so public mode showed it, and
 * with the post and the date it names the source as the right spelling does.
 *
 * A capitalised word in mixed case (a capital, then at least one lower-case letter: not a word of
 * an all-caps subject, where `SEEKS` is one edit from `Weeks`), of five letters or more, with the
 * first letter of a masked name word of five letters or more and one edit from it (a letter
 * added, dropped, changed, or two swapped). Masked in excess, a word is only hidden (`Marina`
 * beside a withheld `Maria`); left, it is the name.
 */
const MIN = 5;
const CAPITALISED = /\p{Lu}\p{L}{3,}/gu;
const LOWER = /\p{Ll}/u;

/**
 * Whether folded `word` is another spelling of folded `named`: both of MIN letters or more, the
 * same initial, one edit apart. The writers withhold a mention with such a word as they withhold
 * one sharing a word (protection-inherit.ts, touchedBy), so the misspelt person's entity page
 * does not list the cable either.
 */
export function otherSpelling(word: string, named: string): boolean {
  return (
    word.length >= MIN &&
    named.length >= MIN &&
    word[0] === named[0] &&
    word !== named &&
    boundedEditDistance(word, named, 1) <= 1
  );
}

/** The words of `texts` to mask as well as `words` (folded masked name words), as written. */
export function typoVariants(words: ReadonlySet<string>, texts: readonly string[]): string[] {
  const byInitial = new Map<string, string[]>();
  for (const w of words) {
    if (w.length < MIN) continue;
    const list = byInitial.get(w[0]!);
    if (list) list.push(w);
    else byInitial.set(w[0]!, [w]);
  }
  if (byInitial.size === 0) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const text of texts) {
    for (const [written] of text.matchAll(CAPITALISED)) {
      if (seen.has(written)) continue;
      seen.add(written);
      if (!LOWER.test(written)) continue;
      const f = fold(written);
      if (f.length < MIN || words.has(f)) continue;
      const near = byInitial.get(f[0]!);
      if (near?.some((w) => otherSpelling(f, w))) out.push(written);
    }
  }
  return out;
}
