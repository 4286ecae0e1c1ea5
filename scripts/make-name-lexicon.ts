/**
 * Writes the name lexicon entity extraction reads (`npm run make:name-lexicon`): the given names
 * and the common English words of compromise's lexicon (MIT, shipped in the npm package), one a
 * line, to data/reference/given-names.txt and data/reference/common-words.txt. Loading compromise
 * itself takes seconds; its word lists, read from two files, take milliseconds.
 */
import { writeFileSync } from "node:fs";
import nlp from "compromise";

const GIVEN = new Set(["FirstName", "MaleName", "FemaleName"]);
/** Tags of words that are names or name parts: never "common words". */
const NAMEISH = new Set([
  ...GIVEN,
  "LastName",
  "Person",
  "ProperNoun",
  "Honorific",
  "Country",
  "City",
  "Place",
  "Region",
  "Organization",
  "Demonym",
  "SportsTeam",
  "Acronym",
]);

const world = nlp.world() as { model: { one: { lexicon: Record<string, string | string[]> } } };
const given: string[] = [];
const common: string[] = [];
for (const [word, tags] of Object.entries(world.model.one.lexicon)) {
  if (word.includes(" ") || !/^[a-z][a-z'-]*$/.test(word)) continue;
  const list = Array.isArray(tags) ? tags : [tags];
  if (list.some((t) => GIVEN.has(t))) given.push(word);
  else if (!list.some((t) => NAMEISH.has(t))) common.push(word);
}
const dir = new URL("../data/reference/", import.meta.url);
writeFileSync(new URL("given-names.txt", dir), `${given.sort().join("\n")}\n`);
writeFileSync(new URL("common-words.txt", dir), `${common.sort().join("\n")}\n`);
process.stdout.write(`given names ${given.length}, common words ${common.length}\n`);
