import nlp from "compromise";
import type { NameLexicon } from "./mentions.js";

/**
 * Given names and common English words from compromise's lexicon (MIT; shipped in the package, no
 * download): the library half of "rules + library". Given names confirm two-word names; common
 * words refuse runs like `Operational Headquarters` and, in all-caps telegrams, verbs after a
 * title (`SHAH ASKS`).
 */
const GIVEN = new Set(["FirstName", "MaleName", "FemaleName"]);
const NAME_TAGS = new Set([
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

let cached: NameLexicon | null = null;

export function compromiseLexicon(): NameLexicon {
  if (cached) return cached;
  const lexicon = (
    nlp.world() as { model: { one: { lexicon: Record<string, string | string[]> } } }
  ).model.one.lexicon;
  const given = new Set<string>();
  const common = new Set<string>();
  for (const [word, tags] of Object.entries(lexicon)) {
    const list = Array.isArray(tags) ? tags : [tags];
    if (list.some((t) => GIVEN.has(t))) given.add(word);
    else if (!word.includes(" ") && !list.some((t) => NAME_TAGS.has(t))) common.add(word);
  }
  cached = {
    isGivenName: (w) => given.has(w),
    isCommonWord: (w) => common.has(w) || common.has(w.replace(/s$/, "")),
  };
  return cached;
}
