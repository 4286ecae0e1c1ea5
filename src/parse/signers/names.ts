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
    "CONCLUSION APPENDIX POINTS TRANSCRIPT SEGMENT TRANSLATION ENDS CLASSIFIED WEBSITE WEB " +
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
  const shapes = words.map(shapeOf);
  if (shapes.some((s) => s & (STOP | REDACTED))) return null;
  if (words.length === 1 && shapes[0]! & LOWER && !(shapes[0]! & PARTICLE_AS_WRITTEN)) {
    return "lower";
  }
  let upper = true;
  for (let i = 0; i < words.length; i++) {
    const s = shapes[i]!;
    const particle = i < words.length - 1 && s & PARTICLE;
    if (!(s & CAPITALISED) && !particle) return null;
    if (!(s & UPPER)) upper = false;
  }
  return upper ? "upper" : "capitalised";
}

// What nameStyle asks of a word, as bits: the signature walk asks it of the same last words of a
// body several times over, and of the same names and stop words in every cable.
const STOP = 1;
const REDACTED = 2;
const LOWER = 4;
const CAPITALISED = 8;
const UPPER = 16;
const PARTICLE = 32;
const PARTICLE_AS_WRITTEN = 64;
const shapeCache = new Map<string, number>();
const SHAPES_MAX = 20_000;
/** Longer words are not remembered: a key over 12 characters would be a slice pinning its cable. */
const SHAPE_WORD = 12;

function shapeOf(w: string): number {
  const cacheable = w.length <= SHAPE_WORD;
  const known = cacheable ? shapeCache.get(w) : undefined;
  if (known !== undefined) return known;
  const shape =
    (isStopWord(w) ? STOP : 0) |
    (REDACTION.test(w) ? REDACTED : 0) |
    (LOWER_WORD.test(w) ? LOWER : 0) |
    (CAP_WORD.test(w) ? CAPITALISED : 0) |
    (UPPER_WORD.test(w) ? UPPER : 0) |
    (PARTICLES.has(w.toLowerCase()) ? PARTICLE : 0) |
    (PARTICLES.has(w) ? PARTICLE_AS_WRITTEN : 0);
  if (cacheable) {
    if (shapeCache.size >= SHAPES_MAX) shapeCache.clear();
    shapeCache.set(w, shape);
  }
  return shape;
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
