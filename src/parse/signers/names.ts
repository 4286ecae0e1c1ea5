/**
 * What a signature looks like: one to three name words, as the drafter typed them (`ASQUINO`,
 * `VAN VOORST`, `STRAUSZ-HUPE`, `O'DONOHUE`, `McMullen`, `van Voorst`, `Gallagher`). Words that end
 * cables but are not names (`END COMMENT`, `MINIMIZE CONSIDERED`, `REGARDS`, captions,
 * addressee words) are refused by a stop list.
 */

/** Surname particles written in lower case inside a name (`van Voorst`, `de Pree`). */
const PARTICLES = new Set([
  "van",
  "von",
  "de",
  "der",
  "den",
  "del",
  "della",
  "da",
  "di",
  "du",
  "la",
  "le",
  "dos",
  "das",
  "ter",
  "ten",
  "bin",
  "al",
  "el",
  "st",
]);

/**
 * Words that close a cable or sit near its end without being a signature. Function words are
 * here too: a "name" containing THE or WILL is the tail of a sentence.
 */
const STOP_WORDS = new Set(
  (
    "END BEGIN TEXT COMMENT COMMENTS SUMMARY NOTE NOTES QUOTE UNQUOTE MESSAGE CABLE CABLES TEXTS " +
    "REGARDS THANKS THANK YOU BT NNNN NNN SIPDIS CONFIDENTIAL SECRET UNCLASSIFIED UNCLAS LIMITED " +
    "OFFICIAL USE ONLY NOFORN SENSITIVE EXDIS NODIS LIMDIS STADIS MINIMIZE MINIMIZED CONSIDERED " +
    "EXEMPT GDS DECL DECLASSIFIED RELEASED REVIEW AMEMBASSY AMCONSUL USMISSION SECSTATE WASHDC " +
    "IMMEDIATE PRIORITY ROUTINE FLASH NIACT INFO ACTION REQUEST REQUESTED PLEASE ADVISE FOLLOW " +
    "FOLLOWS PARA PARAS PARAGRAPH REF REFS REFTEL SEPTEL FYI POC TAGS SUBJECT PAGE SECTION " +
    "CONCLUSION APPENDIX POINTS LIST TRANSCRIPT SEGMENT TRANSLATION ENDS CLASSIFIED WEBSITE WEB " +
    "SITE VISIT CORRECTED COPY DRAFT TALKING NON-PAPER OF THE AND OR A AN TO IN ON FOR BY WITH AT " +
    "FROM IS ARE WAS WERE BE BEEN BEING WILL WOULD SHOULD SHALL CAN COULD MAY MIGHT MUST NOT NO " +
    "YES WE I HE SHE IT THEY THIS THAT THESE THOSE OUR HIS HER ITS THEIR ALL ANY SOME AS IF SO " +
    "BUT THAN THEN THERE HERE WHICH WHO WHAT WHEN WHERE HOW POST EMBASSY DEPARTMENT DEPT STATE " +
    "MISSION CONSULATE GOVERNMENT MINISTER MINISTRY AMBASSADOR USG TBD NA N/A OK ALSO"
  ).split(" "),
);

/** A capitalised or upper-case word: `ASQUINO`, `Gallagher`, `McMullen`, `STRAUSZ-HUPE`. */
const CAP_WORD = /^[A-Z][A-Za-z'’-]*[A-Za-z]$/;
const UPPER_WORD = /^[A-Z][A-Z'’-]*[A-Z]$/;
/** A whole signature line typed in lower case (`kurtzer`, `tuttle`) occurs in SMART cables. */
const LOWER_WORD = /^[a-z][a-z'’-]*[a-z]$/;

/** `XXXXXXXXXXXX` is a redacted name, never a signature. */
const REDACTION = /[Xx]{4,}/;

export function isParticle(word: string): boolean {
  return PARTICLES.has(word.toLowerCase());
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word.toUpperCase());
}

export type NameStyle = "upper" | "capitalised" | "lower";

/**
 * Is `words` a name phrase? Returns its style or null. The last word carries the surname, so it
 * must be capitalised (or the whole phrase one lower-case word); particles may precede it.
 */
export function nameStyle(words: string[]): NameStyle | null {
  if (words.length === 0 || words.length > 3) return null;
  if (words.some((w) => isStopWord(w) || REDACTION.test(w))) return null;
  if (words.length === 1 && LOWER_WORD.test(words[0]!) && !PARTICLES.has(words[0]!)) return "lower";
  let upper = true;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const particle = i < words.length - 1 && PARTICLES.has(w.toLowerCase());
    if (!CAP_WORD.test(w) && !particle) return null;
    if (!UPPER_WORD.test(w)) upper = false;
  }
  return upper ? "upper" : "capitalised";
}

/**
 * `BOYCE BOYCE`, `SHANNON Shannon`, `CLINTON UNQUOTE CLINTON`: the copy repeated the name. Returns
 * the first half when the phrase is a name written twice, else the phrase unchanged.
 */
export function collapseRepeat(words: string[]): string[] {
  if (words.length % 2 !== 0) return words;
  const half = words.length / 2;
  for (let i = 0; i < half; i++) {
    if (words[i]!.toUpperCase() !== words[i + half]!.toUpperCase()) return words;
  }
  return words.slice(0, half);
}
