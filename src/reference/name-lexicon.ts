import { readFileSync } from "node:fs";

/**
 * Given names and common English words, from compromise's lexicon (MIT; written to
 * data/reference/ by `npm run make:name-lexicon`, so the library itself is not loaded at run time:
 * importing it takes seconds, reading its word lists milliseconds). Entity extraction uses them to
 * confirm two-word names (`Monica Medina`), to refuse runs of ordinary words (`Operational
 * Headquarters`) and, in all-caps telegrams, the verb after a title (`SHAH ASKS`). The common
 * words include those the corpus writes in lower case (lower-case-words.txt, `npm run
 * make:case-words`): the lexicon alone misses most nouns (`vehicle`, `plenary`).
 */
export interface NameLexicon {
  isGivenName(folded: string): boolean;
  isCommonWord(folded: string): boolean;
  /**
   * A word the corpus writes in lower case mid-sentence (lower-case-words.txt): `people`,
   * `residence`. Surnames that are also words are not listed (`Rice`, `Bush`).
   */
  isProseWord(folded: string): boolean;
  /**
   * A word an English dictionary lists in lower case only, never as a name (dictionary-words.txt:
   * `joint`, `presidency`, `hemisphere`; not `rice`, which it also lists as `Rice`).
   */
  isDictionaryWord(folded: string): boolean;
}

const DATA_DIR = new URL("../../data/reference/", import.meta.url);

let cached: NameLexicon | null = null;

export function nameLexicon(): NameLexicon {
  if (cached) return cached;
  const read = (name: string) =>
    new Set(readFileSync(new URL(name, DATA_DIR), "utf8").split("\n").filter(Boolean));
  const given = read("given-names.txt");
  // One set for every common form: the lexicon's words, their plurals and third persons (not
  // all listed: `conclusions`, `recognizes`), and the corpus' lower-case words as written (which
  // hold plurals already; a surname may look like one: `Morales`).
  const common = read("common-words.txt");
  for (const w of [...common]) common.add(`${w}s`);
  const prose = read("lower-case-words.txt");
  for (const w of prose) common.add(w);
  const dictionary = read("dictionary-words.txt");
  cached = {
    isGivenName: (w) => given.has(w),
    isDictionaryWord: (w) => dictionary.has(w) && !given.has(w),
    isCommonWord: (w) => common.has(w),
    isProseWord: (w) => prose.has(w) && !given.has(w),
  };
  return cached;
}
