/**
 * Writes data/reference/lower-case-words.txt (`npm run make:case-words`): words that the cables
 * of ../shared/corpus write in lower case at least four times out of five where case tells
 * (mid-sentence, in mixed-case text), and that also stand capitalised somewhere (at a sentence's
 * start, in a heading, inside a body's name). Such a word, capitalised alone (`Initial reports`,
 * `the Plenary`, `a Toyota Land Cruiser` aside), is a word of the language and not a surname;
 * a surname that is also a word (`Rice`, `Bush`, `Gates`) is written capitalised mid-sentence
 * far more often than not, and stays out. Compromise's lexicon (common-words.txt) lists too few
 * nouns (`vehicle`, `plenary`, `connection` are not in it) to tell this alone.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = new URL("../../shared/corpus/cables", import.meta.url).pathname;
const lower = new Map<string, number>();
const capMid = new Map<string, number>();
const capAny = new Set<string>();
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
const WORD = /[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]/g;

for (const f of readdirSync(dir).filter((x) => x.endsWith(".txt"))) {
  for (const line of readFileSync(join(dir, f), "utf8").split("\n")) {
    // All-caps lines (headers, older telegrams) tell nothing about case.
    if (!/[a-z]{3}/.test(line)) continue;
    for (const m of line.matchAll(WORD)) {
      const w = m[0];
      if (w.length < 3) continue;
      const fold = w.toLowerCase();
      if (w === fold) {
        bump(lower, fold);
        continue;
      }
      if (w !== w[0] + w.slice(1).toLowerCase()) continue;
      capAny.add(fold);
      const before = line.slice(0, m.index).trimEnd();
      const last = before.charAt(before.length - 1);
      // Mid-sentence: after a lower-case word or a comma, not after a period, colon or quote.
      if (/[a-z,]/.test(last)) bump(capMid, fold);
    }
  }
}

const out = [...capAny]
  .filter((w) => {
    const lo = lower.get(w) ?? 0;
    return lo >= 4 && lo >= 4 * (capMid.get(w) ?? 0);
  })
  .sort();
writeFileSync(
  new URL("../data/reference/lower-case-words.txt", import.meta.url),
  `${out.join("\n")}\n`,
);
process.stdout.write(`lower-case words ${out.length}\n`);

// data/reference/dictionary-words.txt: the words an English dictionary (Debian's `wamerican`,
// SCOWL) lists in lower case and never capitalised, as a name would be (`joint`, `presidency`;
// not `rice`, listed as `Rice` too), less those the cables themselves capitalise mid-sentence
// more often than not (`arias` is Oscar Arias's name here, `paisley` Ian Paisley's).
const DICTIONARY = "/usr/share/dict/american-english";
if (!existsSync(DICTIONARY)) {
  process.stdout.write(`dictionary words: ${DICTIONARY} missing (apt-get install wamerican)\n`);
} else {
  const listed = readFileSync(DICTIONARY, "utf8").split("\n");
  const all = new Set(listed);
  const words = listed
    .filter(
      (w) =>
        /^[a-z]+$/.test(w) &&
        !all.has(w[0]!.toUpperCase() + w.slice(1)) &&
        (lower.get(w) ?? 0) >= (capMid.get(w) ?? 0),
    )
    .sort();
  writeFileSync(
    new URL("../data/reference/dictionary-words.txt", import.meta.url),
    `${words.join("\n")}\n`,
  );
  process.stdout.write(`dictionary words ${words.length}\n`);
}
