/**
 * Writes data/reference/unaccent-letters.csv (`npm run make:unaccent-letters`): the letters that
 * PostgreSQL's `unaccent` folds to plain letters where the entity layer's own folding (`fold`,
 * src/store/entity-names.ts) leaves them as they are (`ħ` → `h`, `ŋ` → `n`, `ﬁ` → `fi`, `Ａ` →
 * `a`). A PostgreSQL archive indexes text through `unaccent`, so public mode must know these to
 * tell that `hamrun` searches a protected `Ħamrun` (src/store/entities-public.ts). Read from the
 * `unaccent.rules` of the installed PostgreSQL (Debian: /usr/share/postgresql/15/tsearch_data/).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fold } from "../src/store/entity-names.js";

const rules = process.argv[2] ?? "/usr/share/postgresql/15/tsearch_data/unaccent.rules";
const rows = new Map<string, string>();
for (const line of readFileSync(rules, "utf8").split("\n")) {
  const [letter, to] = line.split("\t");
  if (!letter || to === undefined || !/^\p{L}$/u.test(letter)) continue;
  const folded = to.trim().toLowerCase();
  // Letters only: a modifier letter that unaccent turns into a quote or a colon joins no word.
  if (!/^[a-z]+$/.test(folded) || fold(letter) === folded) continue;
  rows.set(letter, folded);
  // The lower case `fold` gives, which the rules may lack (`Ɩ` is listed, its `ɩ` is not).
  if (!rows.has(fold(letter))) rows.set(fold(letter), folded);
}
const out = new URL("../data/reference/unaccent-letters.csv", import.meta.url);
const lines = [...rows].map(([letter, folded]) => `${letter},${folded}`);
writeFileSync(out, `letter,folded\n${lines.join("\n")}\n`);
process.stdout.write(`${rows.size} letters written to ${out.pathname}\n`);
