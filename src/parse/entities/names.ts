import { foldWord } from "../../reference/entity-tables.js";
import { NAME_PARTICLES } from "./vocabulary.js";

/**
 * Name forms: the mixed-case form of a name written in capitals (`ROBERT P. FINN` → `Robert P.
 * Finn`, `AL-QADHAFI` → `al-Qadhafi`), and the keys that tell whether two forms can be the same
 * person (`Qadhafi`, `al-Qadhafi`, `Muammar al-Qadhafi`).
 */

const ARTICLE_PREFIX = /^(?:al|el|ad|as|ash|at|az|ar|an)[-'’]/i;

export function mixedCase(name: string): string {
  return name
    .split(" ")
    .map((word, i) => (isAllCaps(word) ? caseWord(word, i) : word))
    .join(" ");
}

function isAllCaps(word: string): boolean {
  return word.length >= 2 && word === word.toUpperCase() && word !== word.toLowerCase();
}

function caseWord(word: string, index: number): string {
  const lower = word.toLowerCase();
  if (index > 0 && NAME_PARTICLES.has(lower)) return lower;
  const prefix = ARTICLE_PREFIX.exec(lower);
  if (prefix) return prefix[0] + capitalise(lower.slice(prefix[0].length));
  return lower
    .split(/([-'’])/)
    .map((part) => (/^[-'’]$/.test(part) ? part : capitalise(part)))
    .join("")
    .replace(/^Mc(\p{L})/u, (_m, c: string) => `Mc${c.toUpperCase()}`);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A word as compared between forms: folded, an Arabic article prefix dropped. */
export function nameKey(word: string): string {
  const folded = foldWord(word);
  // The prefix is two or three letters and a hyphen or apostrophe: look before running the regex.
  const c2 = folded.charCodeAt(2);
  const c3 = folded.charCodeAt(3);
  if (c2 === 45 || c2 === 39 || c3 === 45 || c3 === 39) return folded.replace(ARTICLE_KEY, "");
  return folded;
}

const ARTICLE_KEY = /^(?:al|el|ad|as|ash|at|az|ar|an)[-']/;

/** The words of a name that identify it: particles and initials left out. */
export function coreWords(words: readonly string[]): string[] {
  return words.filter(
    (w) => !(w.length === 1 || (w.length === 2 && w.charCodeAt(1) === 46)) && !isParticleWord(w),
  );
}

const LONGEST_PARTICLE = Math.max(...[...NAME_PARTICLES].map((p) => p.length));

/**
 * A particle in any case (`de`, `AL`). Longer words are none: most name words are, and need not
 * be lower-cased into a new string to be looked up (grouping persons asks this of every word of
 * every form, several times).
 */
function isParticleWord(w: string): boolean {
  return w.length <= LONGEST_PARTICLE && NAME_PARTICLES.has(w.toLowerCase());
}

/** Surname key: the last core word. */
export function surnameKey(words: readonly string[]): string {
  return surnameOf(words, coreWords(words));
}

/** `surnameKey`, the words' core words known already (a caller that needs both reads them once). */
export function surnameOf(words: readonly string[], core: readonly string[]): string {
  return nameKey(core[core.length - 1] ?? words[words.length - 1] ?? "");
}

/**
 * Two full forms are one person when their surnames agree and their given names do not
 * contradict: equal, one an initial of the other, or one form missing them.
 */
export function compatibleFullNames(a: readonly string[], b: readonly string[]): boolean {
  if (surnameKey(a) !== surnameKey(b)) return false;
  // `Gomez Mont` within `Fernando Francisco Gomez Mont`: every word of one is in the other.
  const ka = coreWords(a).map(nameKey);
  const kb = coreWords(b).map(nameKey);
  const [short, long] = ka.length <= kb.length ? [ka, kb] : [kb, ka];
  if (short.every((w) => long.includes(w))) return true;
  const ga = a.filter((w) => !isParticleWord(w)).slice(0, -1);
  const gb = b.filter((w) => !isParticleWord(w)).slice(0, -1);
  if (ga.length === 0 || gb.length === 0) return true;
  const x = nameKey(ga[0]!);
  const y = nameKey(gb[0]!);
  if (x === y) return true;
  const xi = x.length === 1;
  const yi = y.length === 1;
  return (xi && y.startsWith(x)) || (yi && x.startsWith(y));
}
