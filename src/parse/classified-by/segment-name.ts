import { foldTitle, isTitleWord, isTitleWordExact } from "./titles.js";

/**
 * The name at the end of one segment of a Classified By line (`Pol/Econ Officer Jessica Davis Ba`,
 * `DEPUTY ASSISTANT SECRETARY OF STATE FOR CENTRAL ASIA GEORGE KROL`): name-like tokens read
 * backwards from the segment's end until a title word, an office code or a function word.
 */

export interface Segment {
  text: string;
  /** Offset of the segment in the who-text. */
  start: number;
  /** The segment follows an `and`: the text before it was a list of places or offices. */
  afterAnd: boolean;
}

export interface SegmentName {
  name: string;
  /** Tokens in the name (initials and suffixes included). */
  tokens: number;
  /** Offset of the name's first character in the segment. */
  start: number;
  /** Read backwards, the name ended at a title word (`DAS SHARI VILLAROSA`). */
  afterTitle: boolean;
  /**
   * The name follows a preposition or an `and` (`FOR ARMS CONTROL`, `for Afghanistan and Pakistan`):
   * more likely the object of a title than a person, unless nothing better is found.
   */
  weak: boolean;
}

type Kind = "word" | "initial" | "suffix" | "particle" | "function" | "title";
type Stop = "start" | "title" | "function" | "cap";

export const SUFFIX = /^(?:JR|SR|II|III|IV)\.?$/i;
const INITIAL = /^(?:[A-Z0]\.?|(?:[A-Z]\.){1,3}[A-Z]?\.?)$/;
/** `Asquino`, `McEldowney`, `Kim-Scott`, `B0HLEN`, `Ba`, and initials glued on (`C.GREENE`). */
export const NAME_WORD = /^(?:[A-Z]\.)*[A-Z0][A-Za-z0'’`-]*[A-Za-z]$|^[A-Z][a-z]?$/;
const PARTICLE = /^(?:van|von|de|del|der|da|di|du|le|la|bin|al|el|st\.?|ter|ten)$/;
const FUNCTION_WORD = /^(?:of|for|to|and|the|by|in|on|at|from|with|per|under|&)$/i;

/** Most names are `First [Middle] Last`; a fourth plain word before them is part of a title. */
const MAX_WORDS = 3;

export function nameInSegment(seg: Segment, mixedCase: boolean): SegmentName | null {
  const tokens = [...seg.text.matchAll(/\S+/g)].map((m) => ({ t: m[0], at: m.index }));
  let end = tokens.length;
  // Titles after the name in the same segment (`ROBERT FINN DCM`), exact words only — unless the
  // word is the surname: after an initial (`Damian R. Leader`), or a title word that is also a
  // common surname after a given name (`Adam Center`).
  while (
    end > 0 &&
    isTrailingTitle(tokens[end - 1]?.t ?? "") &&
    !surnameLikeTitle(tokens, end - 1, mixedCase)
  ) {
    end--;
  }
  const surnameAt = end > 0 && surnameLikeTitle(tokens, end - 1, mixedCase) ? end - 1 : -1;
  let begin = end;
  let words = 0;
  let stop: Stop = seg.afterAnd ? "function" : "start";
  while (begin > 0) {
    const t = (tokens[begin - 1]?.t ?? "").replace(/[,;:-]+$/, "");
    const kind = begin - 1 === surnameAt ? "word" : classify(t, words === 0, mixedCase);
    if ((kind === "suffix" && begin === end) || kind === "initial") {
      begin--;
    } else if (
      kind === "particle" &&
      words > 0 &&
      (precededByWord(tokens, begin, mixedCase) || lowerParticleAfterTitle(tokens, begin))
    ) {
      begin--;
    } else if (kind === "word" && words < MAX_WORDS) {
      words++;
      begin--;
    } else {
      stop =
        kind === "word"
          ? "cap"
          : kind !== "function"
            ? "title"
            : /^by$/i.test(t)
              ? "start"
              : "function";
      break;
    }
  }
  if (words === 0) return null;
  // Three words after a preposition, or in a longer run of capitals, are `<place> <first> <last>`.
  if (words === MAX_WORDS && (stop === "function" || stop === "cap")) begin++;
  const first = tokens[begin];
  const last = tokens[end - 1];
  if (!first || !last) return null;
  const name = cleanName(seg.text.slice(first.at, last.at + last.t.length));
  const weak = stop === "function" && words < MAX_WORDS;
  return name
    ? { name, tokens: end - begin, start: first.at, afterTitle: stop === "title", weak }
    : null;
}

/** Title words that are also surnames (`Adam Center`, `Damian Leader`, `John Major`). */
const SURNAME_TITLES = new Set([
  "leader",
  "center",
  "head",
  "major",
  "chair",
  "member",
  "chambers",
]);

/**
 * The title-like word at `i` is the surname: an initial stands right before it (a name never ends
 * in an initial: `Damian R. Leader`), or it is a common surname after a name word (`Adam Center`).
 */
function surnameLikeTitle(tokens: { t: string }[], i: number, mixedCase: boolean): boolean {
  const word = (tokens[i]?.t ?? "").replace(/[.,;:]+$/, "");
  if (!NAME_WORD.test(word) || i === 0) return false;
  const prev = (tokens[i - 1]?.t ?? "").replace(/[,;:-]+$/, "");
  if (INITIAL.test(prev) && foldTitle(prev) !== "ai") return true;
  return SURNAME_TITLES.has(word.toLowerCase()) && classify(prev, false, mixedCase) === "word";
}

/** `Ambassador van Voorst`: a lower-case particle right after a title opens the surname. */
function lowerParticleAfterTitle(tokens: { t: string }[], begin: number): boolean {
  const particle = tokens[begin - 1]?.t ?? "";
  const before = (tokens[begin - 2]?.t ?? "").replace(/[,;:-]+$/, "");
  return /^[a-z]/.test(particle) && before !== "" && isTitleWord(before);
}

/** `van der` in `Kurt van der Walde`: particles count when a given name stands before them. */
function precededByWord(tokens: { t: string }[], begin: number, mixedCase: boolean): boolean {
  let i = begin - 2;
  while (i >= 0 && PARTICLE.test(tokens[i]?.t ?? "")) i--;
  return i >= 0 && classify(tokens[i]?.t ?? "", false, mixedCase) === "word";
}

/**
 * Kinds per token and context: the same words recur in every line and the tests below are a
 * dozen regexes. Short tokens only (see titles.ts: a long key would pin its cable's text).
 */
const kinds = new Map<string, Kind>();
const KINDS_MAX = 20_000;
const KIND_TOKEN = 12;

function classify(t: string, isLast: boolean, mixedCase: boolean): Kind {
  if (t.length > KIND_TOKEN) return computeKind(t, isLast, mixedCase);
  const key = `${isLast ? 1 : 0}${mixedCase ? 1 : 0}${t}`;
  const known = kinds.get(key);
  if (known !== undefined) return known;
  const kind = computeKind(t, isLast, mixedCase);
  if (kinds.size >= KINDS_MAX) kinds.clear();
  kinds.set(key, kind);
  return kind;
}

function computeKind(t: string, isLast: boolean, mixedCase: boolean): Kind {
  if (SUFFIX.test(t) && isLast) return "suffix";
  if (FUNCTION_WORD.test(t)) return "function";
  if (PARTICLE.test(t)) return "particle";
  // `A.I.` (ad interim) after `Charge` is a title, not two initials.
  if (foldTitle(t) === "ai") return "title";
  if (INITIAL.test(t)) return "initial";
  // A redaction (`XXXXXXXXXXXX`) hides the name; it is not one.
  if (/^(?:X{4,}|x{4,})/.test(t)) return "title";
  if (/[/&\d]/.test(t.replace(/0/g, "")) || /^[^A-Z0]/.test(t)) return "title";
  if (isLast ? isTitleWordExact(t) : isTitleWord(t)) return "title";
  // In ordinary text an all-capitals token is an office code (`AIT`, `ISN`, `MC`), not a name.
  if (mixedCase && /^[A-Z]{2,6}$/.test(t) && !isLast) return "title";
  return NAME_WORD.test(t.replace(/\.$/, "")) ? "word" : "title";
}

function isTrailingTitle(t: string): boolean {
  if (/^[^A-Za-z0-9]+$/.test(t)) return true;
  const bare = t.replace(/[.,;:]+$/, "");
  return bare.length > 1 && !SUFFIX.test(bare) && isTitleWordExact(bare);
}

/** Whitespace collapsed; trailing dots, colons and dashes dropped unless the name ends in `JR.`. */
export function cleanName(s: string): string {
  const one = s.replace(/\s+/g, " ").trim();
  if (/\bJR\.$/i.test(one)) return one;
  return one.replace(/[\s.,;:'’-]+$/, "");
}

/** A segment that is only a name (`Stepheson`, `Barbara J`): name words and initials, no title. */
export function isBareName(seg: Segment, maxWords: number): boolean {
  const tokens = seg.text.split(/\s+/);
  let words = 0;
  for (const t of tokens) {
    if (INITIAL.test(t)) continue;
    if (!NAME_WORD.test(t.replace(/\.$/, "")) || isTitleWord(t)) return false;
    words++;
  }
  return words >= 1 && words <= maxWords;
}
