/**
 * Protection across a cable's versions: a person that any version of a cable asks to protect is
 * protected in that cable, whatever its current version says (a re-release, another source's copy
 * without the `(STRICTLY PROTECT)` marker). Who is protected is told by the forms written for the
 * protected persons of every version (`protected_forms`, migration 016), matched as the masker
 * matches them (src/store/entities-mask.ts): by folded significant words, case and accents aside.
 * A person counts as the protected one when every significant word of one of the forms written
 * for them is a protected word of the cable: the masker would hide that form whole, so leaving
 * the person unprotected would list the cable on their page with their name masked out of it.
 */
import type { Cable } from "../model/cable.js";
import { otherSpelling } from "./entities-typos.js";
import { significantWords, withUnaccented } from "./entity-names.js";

interface Named {
  name: string;
  variants: readonly string[];
  protected?: boolean;
}

/** Every form written for the persons a cable's parse marks protected. */
export function protectedFormsOf(cable: { persons?: readonly Named[] }): string[] {
  const out = new Set<string>();
  for (const p of cable.persons ?? []) {
    if (!p.protected) continue;
    out.add(p.name);
    for (const v of p.variants) out.add(v);
  }
  return [...out];
}

/** The folded significant words of a cable's protected forms: what coveredBy tests against. */
export function protectedWords(forms: readonly string[]): Set<string> {
  return new Set(significantWords(forms));
}

/** Whether a person is one the words protect (some form of theirs wholly made of those words). */
export function coveredBy(words: ReadonlySet<string>, person: Named): boolean {
  if (words.size === 0) return false;
  for (const form of [person.name, ...person.variants]) {
    const own = significantWords([form]);
    if (own.length > 0 && own.every((w) => words.has(w))) return true;
  }
  return false;
}

/**
 * Marks protected the persons of `cable` that `forms` (the protected forms of the cable's other
 * versions) cover, as if this version carried the marker. Returns whether any mark was added; the
 * persons are replaced, never edited in place, since the caller's objects may be shared.
 */
export function inheritProtection(cable: Cable, forms: readonly string[]): boolean {
  const persons = (cable as { persons?: Cable["persons"] }).persons;
  if (!Array.isArray(persons) || forms.length === 0) return false;
  const words = protectedWords(forms);
  let changed = false;
  const marked = persons.map((p) => {
    if (p.protected || !coveredBy(words, p)) return p;
    changed = true;
    return { ...p, protected: true };
  });
  if (changed) cable.persons = marked;
  return changed;
}

/**
 * Whether a name shares a word with what the cable protects, or writes one of them another way
 * (a letter added, dropped, changed or swapped, in words of five letters or more;
 * entities-typos.ts): the masker cuts that word out of the cable's text, so the name must not
 * lead to the cable or be shown beside it either. Public mode withholds such a mention (`David
 * Stang` beside a protected `Dorothy Stang`, a firm named after a protected family, a namesake):
 * listed on its entity's page, counted or linked from the reader, it would lead from the
 * protected word to the cable, and its page would show the word.
 */
export function touchedBy(words: ReadonlySet<string>, named: Named): boolean {
  if (words.size === 0) return false;
  const both = bothSpellings(words);
  const own = withUnaccented(significantWords([named.name, ...named.variants]));
  if (own.some((w) => both.has(w))) return true;
  // Another spelling of a protected word (`Biatio` beside a protected `Marcel Biato`): public mode
  // masks it in the text (entities-typos.ts), so the name would lead to the cable as the word does.
  for (const w of own) for (const p of both) if (otherSpelling(w, p)) return true;
  return false;
}

const spelled = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>();

/**
 * The words and their unaccentFold: the masker cuts a protected `Ħamrun` out of the text in both
 * spellings (PostgreSQL finds it by `hamrun`), so an open `Hamrun Shipping` beside it shows the
 * word the mask hides, as `David Stang` would beside a protected `Dorothy Stang`. PostgreSQL
 * migration 011 compared them so (its words are cg_fold's, unaccented); the writers did not.
 */
function bothSpellings(words: ReadonlySet<string>): ReadonlySet<string> {
  let both = spelled.get(words);
  if (!both) {
    both = new Set(withUnaccented(words));
    spelled.set(words, both);
  }
  return both;
}

/**
 * What public mode withholds of a cable's persons, organisations and places, given every form any
 * of its versions protects (`forms`; the cable's own marked persons count too): the protected
 * persons and every name touchedBy their words. The writers store it as `mentions.protected`.
 */
export function withheldIn(
  cable: { persons?: readonly Named[] },
  forms: readonly string[] = [],
): (named: Named) => boolean {
  const words = protectedWords([...protectedFormsOf(cable), ...forms]);
  return (named) => named.protected === true || touchedBy(words, named);
}
