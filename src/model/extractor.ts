/**
 * The version of the entity extractor (src/parse/entities): raised whenever its output changes for
 * any cable, so that an archive can tell that its mentions were written by an older extractor and
 * `cablegram reextract` can bring them up to date. EXTRACTOR_FIXTURE_HASH is the extractor's output
 * over a fixed set of fixture cables at this version (src/parse/entities/version.test.ts fails when
 * the output changes without both being updated: raise the version, then paste the new hash).
 *
 * 1: every archive before versions were recorded. 2: a surname with a leader's title no longer
 * joins a relative's full name (src/parse/entities/leaders.ts). 3: an office in capitals before a
 * given name is left out of the name (`DUSTR Peter Allgeier`), and capitalised words after an
 * article with no noun after them are no person (`the Leahy Amendment`; src/parse/entities/
 * mentions.ts, with `are`, `is`, `was` ... read as verbs after a name); acronyms in the plural
 * and offices in camel case (`IOCs`, `SecDef`, `ForMin Amorim`) are no name's words; a place's
 * or a body's generic opens no person's name (`Ciudad del Este`, `Banco Pactual`). 4: words of
 * the language throughout are no name, whatever their initials and hyphens (`D. Institutional
 * Mechanisms`), and a word an English dictionary lists in lower case only stands as no name alone
 * (`Ministerial`, `Presidency`; data/reference/dictionary-words.txt). 5: the states and provinces
 * of India, Pakistan, Brazil, Mexico, Argentina and Colombia are places (regions.csv), and
 * `Delhi`, `Keflavik`, `Rafah`, `Luxor`, `Abu Ghraib`, `Puebla` cities. 6: a title after a comma
 * is the next person's when a name follows it (`Lee Feinstein, Foreign Minister Sikorski`), and in
 * capitals a title's role stops at prose (`SULTAN ASKED`; src/parse/entities/roles.ts); places
 * joined by hyphens (`Israeli-Palestinian`), a consulate's city (`Consul General Munich`),
 * languages and peoples (`Farsi`, `Hindus`), a word with an ending no surname has after a title
 * (`SULTAN READILY`, `General Electric`) and a sentence's opening verb (`Requests UNOCI`) are no
 * person's; occupations are titles (`Pollster Jorge Londono`); an office's title and portfolio
 * open no body's name, and a body's name stops before a person's (src/parse/entities/
 * organizations.ts); cities, regions and bodies the corpus names often were added to the
 * reference tables (`Taipei`, `Guanacaste`, `Lockheed Martin`, `Itamaraty`), and peoples and
 * creeds to the words that are no name (`Pashtuns`, `Alevis`, `Hindutva`). 7: a body's name stops
 * before its officer's title written without a name (`Bank of Mexico President`), a date (`on
 * November 3`) and a sentence's opening preposition (`During the Congress`); a portfolio's words
 * of the language are no part of the name after it (`Head of Sectoral Policy Coordination Manuel
 * Sager`; src/parse/entities/organizations.ts, mentions.ts); US office symbols are titles
 * (`PolMinCouns`, `Polmiloff`, `MsnOff`; person-titles.csv) and telegraphic addresses no names
 * (`AMEMBASSY`); a place named after a person is not the person (`Tora Prison`). 8: a cable
 * without numbered paragraphs is read from the end of its captions, where the first 2,500
 * characters were skipped as caption area (09LONDON2187 names and protects `Nick Low` there;
 * src/parse/caption-area.ts `proseStart`), with caption elements run together inside a line left
 * out; a name a protection marker covers stands when a title or the marker says it is a person,
 * even as a word of the language (`UK Ambassador Blunt (protect)`; src/parse/entities/
 * persons.ts); `to protect` with an object of its own is no marker (`Critical Infrastructure
 * Protection (joint strategy to protect desalinization plants)`).
 */
export const EXTRACTOR_VERSION = 8;
export const EXTRACTOR_FIXTURE_HASH = "e4c76e2903c7b473";

/** Each version's fixture hash: a new version's must differ from every earlier one's. */
export const EXTRACTOR_HISTORY: Readonly<Record<number, string>> = {
  1: "d6e7e406dbef6f4d",
  2: "e7b8c0a92ec279a0",
  3: "b251f02c7bcdf3af",
  4: "fe7aae47451d8327",
  5: "f2b86263f68492a4",
  6: "9dcaff2674e0934f",
  7: "14cc61ec286efd88",
  [EXTRACTOR_VERSION]: EXTRACTOR_FIXTURE_HASH,
};
