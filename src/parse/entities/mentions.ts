import { entityTables, foldWord } from "../../reference/entity-tables.js";
import type { NameLexicon } from "../../reference/name-lexicon.js";
import { isParticle, type LabeledUnit } from "./label.js";
import { roleAfter, roleBefore } from "./roles.js";
import type { Token } from "./tokens.js";
import {
  AUXILIARIES,
  BODY_KIND_NOUNS,
  DETERMINERS,
  NAME_KIND_OPENERS,
  REPORTING_VERBS,
  RESOLUTION_VERBS,
  THING_KIND_NOUNS,
} from "./vocabulary.js";

/**
 * Person mentions in one labelled unit: runs of name words, kept when something says a person is
 * meant — a title before (`Ambassador Sobel`, `Deputy Minister of Interior Lutfullo SHAMSIDDINOV`),
 * a title in apposition (`Shukri Ghanem, Chairman of ...`), a reporting verb (`Biato said`), a
 * source-protection marker (`Ricard (strictly protect)`), or a full name of two words or more in
 * mixed-case prose. A single word without any of these is kept as `single` and stands only if
 * another mention of the cable gives it a full name (decided when mentions are grouped).
 */

export type Evidence = "strong" | "multi" | "single";

export interface PersonMention {
  /** The name as written, title left out (`Mark Asquino`, `SHAMSIDDINOV`). */
  written: string;
  /** Name words as written. */
  words: string[];
  /** Character offsets in the unit's text. */
  start: number;
  end: number;
  roles: string[];
  /** A US-only title, or `Ambassador X` with no foreign country named. */
  us: boolean;
  evidence: Evidence;
  /** Read in an all-caps unit. */
  caps: boolean;
  /** The name opens its sentence, where any word is capitalised. */
  opensSentence: boolean;
  /**
   * A one-word form that may stand as a person of its own when the cable repeats it. False when
   * the word reads as something else: a word of the language, an acronym in capitals in mixed-case
   * text, a word after an article (`the Barkhan`), a portfolio after a title (`Director for
   * Counter-Proliferation`). It may still join a person the cable names in full.
   */
  alone: boolean;
}

/** Lower-case words after a name that do not make it a modifier (`the ACU currently has`). */
const FUNCTION_WORDS = new Set([
  "of",
  "and",
  "to",
  "in",
  "on",
  "for",
  "has",
  "had",
  "also",
  "then",
  "later",
  "reportedly",
  "according",
]);

/**
 * A lower-case word after a name that makes it a modifier (`the Karzai government`): not a word
 * above, nor a verb (`the ECC Commissioners are`). The verbs are read from the text where the
 * tokenizer folded them into a gap: kept as words, the commonest verbs of English cost every
 * cable's tokens more than the rest of this rule.
 */
function nounAfter(unit: LabeledUnit, next: Token | undefined): boolean {
  if (next === undefined || next.shape !== "lower" || FUNCTION_WORDS.has(next.text)) return false;
  if (next.text !== "") return true;
  const m = /^[a-z]+/.exec(unit.text.slice(next.start, next.start + 8));
  return !(m && AUXILIARIES.has(m[0]));
}

export function findPersonMentions(
  unit: LabeledUnit,
  lexicon: NameLexicon | null,
): PersonMention[] {
  const { tokens, labels } = unit;
  const out: PersonMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (labels[i] !== "name") continue;
    let j = i;
    while (j + 1 < tokens.length && !tokens[j]!.possessive && !tokens[j]!.sentenceEnd) {
      if (labels[j + 1] === "name" && adjacent(unit.text, tokens[j]!, tokens[j + 1]!)) j++;
      else if (isParticle(unit, j + 1) && adjacent(unit.text, tokens[j]!, tokens[j + 1]!)) j++;
      else break;
    }
    const mention = judge(unit, i, j + 1, lexicon);
    if (mention) out.push(mention);
    i = j;
  }
  return out;
}

/**
 * Words of one name stand on one line or wrap once, with nothing but spaces between: at most
 * three spaces, tabs and one line break (read in place, for every pair of name words).
 */
export function adjacent(text: string, a: Token, b: Token): boolean {
  if (b.start - a.end > 3) return false;
  let breaks = 0;
  for (let k = a.end; k < b.start; k++) {
    const c = text.charCodeAt(k);
    if (c === 10) breaks++;
    else if (c !== 32 && c !== 9) return false;
  }
  return breaks <= 1;
}

function judge(
  unit: LabeledUnit,
  from: number,
  to: number,
  lexicon: NameLexicon | null,
): PersonMention | null {
  const { tokens } = unit;
  const nameTokens = tokens.slice(from, to);
  // An initial alone (`A.`, `J.`) or a lone particle is no name.
  const core = nameTokens.filter((t) => t.shape !== "initial");
  if (core.length === 0) return null;
  // In capitals, a "name" that is a word of the language is the verb after a title (`SHAH ASKS`).
  // Words of the language at either end are the words around the name (`HIS WIFE SOHEILA
  // MOSHIRI`): the name is what lies between.
  if (unit.caps && core.some((t) => commonInCaps(t, lexicon))) {
    let a = from;
    let b = to;
    while (a < b && commonInCaps(tokens[a]!, lexicon)) a++;
    while (b > a && commonInCaps(tokens[b - 1]!, lexicon)) b--;
    return (a > from || b < to) && b > a ? judge(unit, a, b, lexicon) : null;
  }
  // In a title-case line words of the language at either end of a run are the words around the
  // name (`Fidel Castro Comeback`, `Requests UNOCI`), but a given name keeps its surname, word or
  // not (`Bridget Brink`).
  if (unit.titled && lexicon !== null && to - from >= 2 && !protectAfter(unit, to)) {
    const word = (t: Token) => wordForm(t.fold, lexicon) && !lexicon.isGivenName(t.fold);
    let a = from;
    let b = to;
    while (a < b && word(tokens[a]!)) a++;
    while (
      b > a + 1 &&
      word(tokens[b - 1]!) &&
      !(b - a === 2 && lexicon.isGivenName(tokens[a]!.fold))
    )
      b--;
    if (a > from || b < to) return b > a ? judge(unit, a, b, lexicon) : null;
  }
  // A sentence opened by a verb (`Requests UNOCI, within…` in a resolution, `Describing Muammar
  // al-Qadhafi`): the verb is not the name's first word. Only verbs: many given names are also
  // words (`Rein`, `Garret`, `Brooks`), and a given name dropped here would stay unmasked.
  if (
    lexicon !== null &&
    to - from >= 2 &&
    (from === 0 || tokens[from - 1]!.sentenceEnd) &&
    tokens[from]!.shape === "cap" &&
    openingVerb(tokens[from]!.fold, lexicon) &&
    !protectAfter(unit, to)
  )
    return judge(unit, from + 1, to, lexicon);
  // In mixed case, words of the language before a given name inside the run are a portfolio's or
  // a body's last words (`Head of Sectoral Policy Coordination Manuel Sager`), not the name's.
  // Not after an article (`the Rolls Royce Silver Phantom`: a thing's name), nor before a given
  // name that is a word too (`Holy Roman Emperor Frederick`).
  if (
    !unit.caps &&
    lexicon !== null &&
    to - from >= 3 &&
    !DETERMINERS.has(tokens[from - 1]?.fold ?? "") &&
    !protectAfter(unit, to)
  ) {
    // A title before the portfolio says as much (`MinCouns for International Organizations Nikulas
    // Hannigan`) where the lexicon lacks the given name.
    const a = pastPortfolio(tokens, from, to - 2, lexicon);
    const given = tokens[a]!.fold;
    if (
      a > from &&
      !wordForm(given, lexicon) &&
      (lexicon.isGivenName(given) || roleBefore(unit, from).title)
    )
      return judge(unit, a, to, lexicon);
  }
  // `IOCs`, `SecDef`, `GIRoA` alone are no person; before a name, an office (`ForMin Amorim`).
  // Never where a protection marker follows: a protected name is never dropped by a shape.
  if (abbreviation(tokens[from]!, lexicon) && !protectAfter(unit, to))
    return to - from >= 2 ? judge(unit, from + 1, to, lexicon) : null;
  // In mixed case, capitals before a given name are a title or a body, not the name's first
  // word (`DUSTR Peter Allgeier`, `GOJ Taro Aso`); a surname in capitals comes after the given
  // name (`Lutfullo SHAMSIDDINOV`) or before one the lexicon does not hold (`ZHANG Yesui`).
  if (
    !unit.caps &&
    lexicon !== null &&
    to - from >= 3 &&
    tokens[from]!.shape === "upper" &&
    lexicon.isGivenName(tokens[from + 1]!.fold)
  )
    return judge(unit, from + 1, to, lexicon);
  const prev = tokens[from - 1];
  const before = roleBefore(unit, from);
  // `newspaper Le Phare`, `nightclub Basha`, `operation Atalanta`: the name of a thing.
  // In capitals the noun is read folded (`DAILY TISHRIN`); in mixed case only as written, lower.
  const kindNoun = (t: Token | undefined) =>
    t !== undefined &&
    (unit.caps || t.shape === "lower") &&
    (BODY_KIND_NOUNS.has(t.fold) || THING_KIND_NOUNS.has(t.fold));
  if (kindNoun(prev) && !before.title && !protectAfter(unit, to)) return null;
  const portfolio = before.title && portfolioBefore(tokens, from);
  // `Director for Counter-Proliferation Ali Salem`: the portfolio's words run into the name.
  // So do its words of the language (`Ambassador for Arms Control Issues Petur Thorsteinsson`).
  if (portfolio && to - from >= 2) {
    const a = lexicon === null ? from + 1 : pastPortfolio(tokens, from + 1, to - 1, lexicon);
    const rest = judge(unit, a, to, lexicon);
    if (rest?.evidence !== "single" || a > from + 1) return rest;
  }
  // `Israeli-Palestinian`, `US-India`, `Afro-Brazilians`: places joined, not a double surname.
  if (to - from === 1 && placesJoined(unit, from) && !protectAfter(unit, to)) return null;
  // A word of the language after the bare rank is the rest of a body's name (`General Electric`,
  // `General Counsel`); after any other title, only one with an ending no surname has (`SULTAN
  // READILY`, `Director Hemisphere`): many surnames are words (`Specter`, `Gates`).
  if (
    core.length === 1 &&
    before.title &&
    lexicon?.isDictionaryWord(core[0]!.fold) &&
    (/^gen(?:eral|\.)?$/i.test(before.role ?? "") || NOT_SURNAME_ENDING.test(core[0]!.fold)) &&
    !protectAfter(unit, to)
  )
    return null;
  // `Abu Salim Prison`, `Albert Einstein Hospital`: a place named after a person, not the person.
  if (to - from >= 2 && FACILITY_ENDINGS.has(tokens[to - 1]!.fold) && !protectAfter(unit, to))
    return null;
  // `Ciudad del Este`, `Grupo Riu`: a place's or a body's name, whatever follows it.
  if (to - from >= 2 && NAME_KIND_OPENERS.has(tokens[from]!.fold) && !protectAfter(unit, to))
    return null;
  // `the Barkhan,`, `a Toyota Land Cruiser`: after an article, a thing's name. Not so when a noun
  // follows (`the Karzai government`, `a Sarkozy ally`): a person's name used as a modifier.
  const next = tokens[to];
  // `the Adda'wa mosque`, `Tudeh party`: a name before a noun of a thing's kind is the thing's.
  const kindAfter = kindNoun(next);
  const determiner =
    kindAfter || (prev !== undefined && DETERMINERS.has(prev.fold) && !nounAfter(unit, next));
  const after = roleAfter(unit, to, lexicon);
  const roles: string[] = [];
  if (!portfolio && before.role !== null) roles.push(before.role);
  if (after.role !== null) roles.push(after.role);
  let evidence: Evidence | null = null;
  const commonWord =
    core.length === 1 &&
    lexicon !== null &&
    (lexicon.isCommonWord(core[0]!.fold) || lexicon.isDictionaryWord(core[0]!.fold)) &&
    !lexicon.isGivenName(core[0]!.fold);
  const cue =
    (before.title && !portfolio) ||
    after.role ||
    (after.listed && (core.length === 1 ? !commonWord : !!lexicon?.isGivenName(core[0]!.fold))) ||
    protectAfter(unit, to) ||
    accordingTo(unit, from);
  const opensSentence = from === 0 || tokens[from - 1]!.sentenceEnd;
  // A reporting verb after one common word opening its sentence or paragraph is the sentence's
  // subject, not a name (`Media reported`, `(C) Activists criticized`); after a lower-case word
  // or a comma its capital says it is a name (`However, Summers said`). A word after an article
  // is no name (`the Majlis said`).
  const midSentence = prev !== undefined && (prev.shape === "lower" || prev.text === ",");
  const speaks = reportsAfter(unit, to) && !(commonWord && !midSentence) && !determiner;
  if (cue || speaks) evidence = "strong";
  // `the ECC Commissioners`, `the Aerial Counter-Narcotics Activities`: after an article, words
  // in capitals are the name of a thing or a body, unless a noun follows (`the Karzai government`).
  else if (core.length >= 2 && !unit.caps && articleBefore(unit, prev, nameTokens, next))
    return null;
  else if (core.length >= 2 && plausibleFullName(unit, nameTokens, lexicon)) evidence = "multi";
  else if (core.length === 1) evidence = "single";
  if (!evidence) return null;
  const start = nameTokens[0]!.start;
  const end = nameTokens[nameTokens.length - 1]!.end;
  return {
    written: unit.text.slice(start, end).replace(/\s+/g, " "),
    words: nameTokens.map((t) => t.text),
    start,
    end,
    roles,
    us: before.us || after.us,
    evidence,
    caps: unit.caps,
    opensSentence,
    alone: !(
      determiner ||
      portfolio ||
      commonWord ||
      (!unit.caps && core.length === 1 && core[0]!.shape === "upper")
    ),
  };
}

/** Name prefixes a capital follows inside a surname (`McCain`, `LeBlanc`, `ElBaradei`). */
const INNER_CAPITAL_PREFIX = /^(?:Mc|Mac|De|Da|Di|Du|Del|Della|La|Le|Van|Von|El|Al|Fitz|St)[A-Z]/;

/**
 * An acronym in the plural (`IOCs`, `DTOs`), or an office or government in camel case, short
 * syllables each opening with a capital (`SecDef`, `ForMin`, `MoI`, `GoNZ`, `GIRoA`, `PhD`) — not
 * a surname with a prefix (`McCain`), a given name (`JoAnne`) or a Gulf name of the
 * `Mohammed bin Zayed` kind (`MbZ`), which names a person.
 */
function abbreviation(t: Token, lexicon: NameLexicon | null): boolean {
  const w = t.text;
  if (/^[A-Z]{2,}s$/.test(w)) return true;
  if (!/^(?:[A-Z][a-z]{0,3}){2,}$/.test(w) || !/[a-z]/.test(w) || /^[A-Z]b[A-Z]$/.test(w))
    return false;
  return !INNER_CAPITAL_PREFIX.test(w) && !(lexicon?.isGivenName(t.fold) ?? false);
}

/**
 * An article before a name of several words that no noun follows: `the Leahy Amendment`, `the
 * ECC Commissioners are`. Not a list's `A.`, nor a possessive (`the Dalai Lama's`), nor a pair
 * (`the Tony Blair/Gordon Brown team`).
 */
function articleBefore(
  unit: LabeledUnit,
  prev: Token | undefined,
  name: Token[],
  next: Token | undefined,
): boolean {
  if (prev === undefined || prev.shape === "initial" || !DETERMINERS.has(prev.fold)) return false;
  if (name[name.length - 1]!.possessive || next?.text === "/") return false;
  return !nounAfter(unit, next);
}

/** `Director for Counter-Proliferation`, `Director of the Far Seas ...`: a portfolio, not a name. */
function portfolioBefore(tokens: Token[], from: number): boolean {
  const a = tokens[from - 1]?.fold;
  if (a === "of" || a === "for") return true;
  const b = tokens[from - 2]?.fold;
  return a === "the" && (b === "of" || b === "for");
}

/**
 * Two name words or more. In capitals throughout, a run of unknown words is not yet a name. With
 * a lexicon, a run of common words (`Operational Headquarters`) is not a name unless it opens
 * with a given name.
 */
function plausibleFullName(
  unit: LabeledUnit,
  words: Token[],
  lexicon: NameLexicon | null,
): boolean {
  if (!lexicon) return !unit.caps;
  const folded = words.map((t) => t.fold);
  if (lexicon.isGivenName(folded[0]!)) return true;
  // In capitals, two words or more that are no words of the language (the lexicon's or the
  // corpus' lower-case ones), no acronyms and no places: a name (`ARDESHIR ZAHEDI`).
  if (unit.caps)
    return (
      words.length <= 4 &&
      words.every((t) => t.text.length >= 3) &&
      !folded.some((w) => lexicon.isCommonWord(w))
    );
  // Words of the language throughout, whatever their shape, are a heading or a thing's name
  // (`D. Institutional Mechanisms`, `Spill-Over Timing Effects`), not a name, unless one is a
  // given name too (`J. Jay Park`).
  const common = (t: Token) =>
    t.shape === "initial" || t.fold.split("-").every((w) => lexicon.isCommonWord(w));
  if (words.every(common) && !folded.some((w) => lexicon.isGivenName(w))) return false;
  if (words.some((t) => t.shape === "initial" || t.shape === "upper" || /-/.test(t.text)))
    return true;
  return !folded.some((w) => lexicon.isCommonWord(w));
}

/** A reporting verb after the name, over a parenthesis or an appositive clause. */
function reportsAfter(unit: LabeledUnit, to: number): boolean {
  const k = skipAsides(unit.tokens, to);
  const t = unit.tokens[k];
  if (!t) return false;
  if (REPORTING_VERBS.has(t.fold)) return true;
  // `Sandomingo (strictly protect) also said`, `He has told`.
  const n = unit.tokens[k + 1];
  return (
    n !== undefined &&
    REPORTING_VERBS.has(n.fold) &&
    /^(?:also|has|had|then|later|further|again|reportedly|privately|separately|subsequently)$/i.test(
      t.text,
    )
  );
}

function skipAsides(tokens: Token[], k: number): number {
  for (let guard = 0; guard < 3; guard++) {
    const t = tokens[k];
    if (!t) return k;
    if (t.text === "(" || t.text === "[") {
      const close = t.text === "(" ? ")" : "]";
      let e = k + 1;
      while (e < tokens.length && tokens[e]!.text !== close && e - k < 25) e++;
      if (tokens[e]?.text !== close) return k;
      k = e + 1;
    } else if (t.text === ",") {
      let e = k + 1;
      while (e < tokens.length && tokens[e]!.text !== "," && !tokens[e]!.sentenceEnd && e - k < 20)
        e++;
      if (tokens[e]?.text !== ",") return k;
      k = e + 1;
    } else return k;
  }
  return k;
}

/** `(protect)`, `(strictly protect)`, `-- PROTECT --` right after the name. */
function protectAfter(unit: LabeledUnit, to: number): boolean {
  const t = unit.tokens[to];
  if (!t) return false;
  // The marker opens with `,`, `(`, `[` or `-`: most names are followed by none of these.
  const c = unit.text.charCodeAt(t.start);
  if (c !== 44 && c !== 40 && c !== 91 && c !== 45) return false;
  const rest = unit.text.slice(t.start, t.start + 60);
  const m = /^(?:,\s*)?(?:\(|\[|--)\s*(?:[\w\s,]{0,30}?)\bprotect\b/i.exec(rest);
  if (m === null) return false;
  if (!/\bto\s+protect$/i.test(m[0])) return true;
  return !PROTECT_OBJECT.test(unit.text.slice(t.start + m[0].length, t.start + m[0].length + 20));
}

/**
 * `Critical Infrastructure Protection (joint strategy to protect desalinization plants)`: the verb
 * with an object of its own, not a marker asking to protect a source (`(please continue to protect
 * this source)`, `(to protect him)`).
 */
const PROTECT_OBJECT =
  /^\s+(?!(?:this|these|the|his|her|their|him|them|source|sources|identity|contact|both|all|throughout|strictly)\b)[a-z]/i;

/** `according to Chun`: the name is a source, so a person. */
function accordingTo(unit: LabeledUnit, from: number): boolean {
  const a = unit.tokens[from - 2];
  const b = unit.tokens[from - 1];
  return a?.fold === "according" && b?.fold === "to";
}

/** A word of the language in an all-caps text: the lexicon's, or a verb form by its ending. */
function commonInCaps(t: Token, lexicon: NameLexicon | null): boolean {
  if (lexicon) return lexicon.isCommonWord(t.fold) || commonCompound(t.fold, lexicon);
  return /(?:ED|ING)$/.test(t.text);
}

/**
 * `ECONOMY-EQUIVALENT`, `ROAD-CLEARING`: words the dictionary lists in lower case only, joined. Not
 * `CHUN YOUNG-WOO`: a syllable of a name may be a word (`young`), but one the dictionary also
 * lists as a name.
 */
function commonCompound(fold: string, lexicon: NameLexicon): boolean {
  if (!fold.includes("-")) return false;
  return fold.split("-").every((w) => w.length > 1 && lexicon.isDictionaryWord(w));
}

const COMPASS = new Set(["north", "south", "east", "west", "central"]);
/** Prefixes that join a place's name (`Afro-`, `Indo-`, `Sino-`) and compass words (`North-South`). */
const PLACE_JOINERS = new Set([
  ..."afro indo euro sino anglo franco russo turco greco italo austro pak arab judeo ibero latino asia trans pan".split(
    " ",
  ),
  ...COMPASS,
]);

/** Each part of the hyphenated word is a place, a joining prefix or a short acronym (`US`, `EU`). */
function placesJoined(unit: LabeledUnit, i: number): boolean {
  const parts = unit.tokens[i]!.text.split("-");
  if (parts.length < 2) return false;
  const { places } = entityTables();
  const place = (part: string) => places.has(foldWord(part));
  const compass = (p: string) => COMPASS.has(p.toLowerCase());
  return (
    (parts.some(place) || parts.every(compass)) &&
    parts.every((p) => place(p) || PLACE_JOINERS.has(p.toLowerCase()) || /^[A-Z]{2,4}$/.test(p))
  );
}

/**
 * A word of the language or an inflection of one (`donates`, `sputtering`, `distances`): the word
 * lists hold most stems but not every inflection of them.
 */
function wordForm(fold: string, lexicon: NameLexicon): boolean {
  const known = (w: string) => lexicon.isDictionaryWord(w) || lexicon.isCommonWord(w);
  if (known(fold)) return true;
  const stem = /^(.{3,}?)(?:es|s|ed|ing)$/.exec(fold)?.[1];
  return stem !== undefined && (known(stem) || known(`${stem}e`) || known(fold.slice(0, -1)));
}

/** A capitalised word of the language that is no given name (`Coordination`, `Issues`). */
function languageWord(t: Token, lexicon: NameLexicon): boolean {
  return t.shape === "cap" && wordForm(t.fold, lexicon) && !lexicon.isGivenName(t.fold);
}

/**
 * Where a name starts after the words of a portfolio that ran into it (from `from`, at most at
 * `last`): after the last word of the language no given name is (`Coordination`, `Issues`) in a
 * run of words of the language (`Arms Control Issues Petur`, `Sectoral Policy Coordination
 * Manuel`). Only those: given names the lexicon lacks are often words (`Frank Pearl`, `Pier
 * Luigi`, `Earl Anthony Wayne`), and one cut from a protected person's forms would stay unmasked.
 */
function pastPortfolio(tokens: Token[], from: number, last: number, lexicon: NameLexicon): number {
  let a = from;
  for (let k = from; k < last && languageWord(tokens[k]!, lexicon); k++)
    if (nameless(tokens[k]!.fold, lexicon)) a = k + 1;
  return a;
}

/** A word no given name is: an ending no name has (`Coordination`, `Hemisphere`) or a plural. */
function nameless(fold: string, lexicon: NameLexicon): boolean {
  if (NOT_SURNAME_ENDING.test(fold)) return true;
  const stem = /^(.{3,}?)(?:es|s)$/.exec(fold)?.[1];
  return (
    stem !== undefined &&
    !fold.endsWith("ss") &&
    (lexicon.isDictionaryWord(stem) || lexicon.isDictionaryWord(fold.slice(0, -1)))
  );
}

/** A resolution's operative verb, or an `-ing` form of a word the dictionary lists in lower case. */
function openingVerb(fold: string, lexicon: NameLexicon): boolean {
  if (RESOLUTION_VERBS.has(fold)) return true;
  if (!fold.endsWith("ing") || lexicon.isGivenName(fold)) return false;
  const stem = fold.slice(0, -3);
  return (
    stem.length >= 3 &&
    [stem, `${stem}e`, stem.slice(0, -1)].some((w) => lexicon.isDictionaryWord(w))
  );
}

/**
 * Last words of a place's name that no surname is (unlike `Camp`, `Church`, `Temple`, `Hall`:
 * `Don Camp` is a person).
 */
const FACILITY_ENDINGS = new Set(
  "prison mosque hospital museum highway airport madrassa shrine stadium refinery cathedral seminary clinic".split(
    " ",
  ),
);

/** Endings of words of the language (adverbs, abstract nouns, adjectives) that surnames lack. */
const NOT_SURNAME_ENDING =
  /(?:ly|ism|ist|tion|sion|ity|ness|ment|ship|ics|ence|ance|ial|ive|ous|ful|less|ian|here)$/;
