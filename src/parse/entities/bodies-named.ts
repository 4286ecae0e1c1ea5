import type { LabeledUnit } from "./label.js";
import { isNameShape } from "./tokens.js";
import { BODY_KIND_NOUNS, NAME_PARTICLES, ORG_HEADS } from "./vocabulary.js";

/**
 * Bodies that no table lists and no head word ends, found by what the sentence says of them:
 * a noun of their kind right before the name (`newspaper Le Phare`, `nightclub Basha`, `the
 * ruling party Jubilee`), or an acronym the cable defines in parentheses after a body's name
 * (`civil aviation authority (INAC)`, `Jamaat-ud-Dawa (JuD)`).
 */

export interface NamedBody {
  /** Token range of the name, `to` exclusive. */
  from: number;
  to: number;
  written: string;
}

const MAX_NAME = 5;

/** `newspaper Le Phare`: the capitalised words after a noun of a body's kind. */
export function bodiesAfterKindNouns(unit: LabeledUnit): NamedBody[] {
  const { tokens, labels } = unit;
  const out: NamedBody[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]!;
    // Kind nouns are lower-case words; most tokens are not, and are not looked up.
    if (t.shape !== "lower" || t.text === "" || t.sentenceEnd || !BODY_KIND_NOUNS.has(t.text))
      continue;
    let k = i + 1;
    // A particle may open the name (`Le Phare`, `al-Sharq`), a word of the name must follow.
    while (k < tokens.length && k - i <= MAX_NAME) {
      const t = tokens[k]!;
      const particle = NAME_PARTICLES.has(t.fold) && labels[k + 1] === "name";
      if (!(labels[k] === "name" || (particle && isNameShape(t)))) break;
      k++;
      if (t.possessive || t.sentenceEnd) break;
    }
    if (k === i + 1) continue;
    out.push({ from: i + 1, to: k, written: text(unit, i + 1, k) });
    i = k - 1;
  }
  return out;
}

export interface DefinedAcronym {
  acronym: string;
  /** The phrase it stands for, when capitalised (`Jamaat-ud-Dawa`); null for lower-case prose. */
  phrase: string | null;
  /** The phrase ends with a body's head word (`authority`, `Unit`): the acronym names a body. */
  body: boolean;
}

const CONNECT = new Set(["of", "for", "and", "the", "on", "de", "del", "la", "in", "&"]);

/**
 * `Anti-Corruption Unit (ACU)`, `Jamaat-ud-Dawa (JuD)`, `civil aviation authority (INAC)`: an
 * acronym in parentheses right after a phrase. Its phrase is the run of words before whose
 * initials (hyphenated parts counted) spell it; it names a body when that phrase, or the words
 * right before the parenthesis, end with a body's head word.
 */
export function definedAcronyms(unit: LabeledUnit): DefinedAcronym[] {
  const { tokens } = unit;
  const out: DefinedAcronym[] = [];
  for (let i = 2; i + 2 < tokens.length; i++) {
    if (tokens[i]!.text !== "(" || tokens[i + 2]!.text !== ")") continue;
    const acr = tokens[i + 1]!;
    if (!/^[A-Z][A-Za-z-]{1,9}$/.test(acr.text) || !/[A-Z].*[A-Z]/.test(acr.text)) continue;
    const last = tokens[i - 1]!;
    const head = last.text !== "" && ORG_HEADS.has(cap(last.text));
    const from = spelledFrom(unit, i, acr.text);
    const phrase = from >= 0 ? text(unit, from, i) : null;
    if (phrase === null && !head) continue;
    out.push({ acronym: acr.text, phrase, body: head });
  }
  return out;
}

/** Index of the first word of the capitalised phrase ending before `end` that `acronym` spells. */
function spelledFrom(unit: LabeledUnit, end: number, acronym: string): number {
  const want = acronym.replace(/-/g, "").toLowerCase();
  let initials = "";
  for (let k = end - 1; k >= 0 && end - k <= 10; k--) {
    const t = unit.tokens[k]!;
    if (CONNECT.has(t.fold) && k < end - 1) continue;
    if (!isNameShape(t)) return -1;
    const parts = t.text.split("-").filter(Boolean);
    initials = parts.map((p) => p.charAt(0).toLowerCase()).join("") + initials;
    if (initials === want) return k;
    if (!want.endsWith(initials)) {
      // An acronym may keep a word's first two letters (`MOFA`), not more.
      return -1;
    }
  }
  return -1;
}

function cap(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function text(unit: LabeledUnit, from: number, to: number): string {
  return unit.text.slice(unit.tokens[from]!.start, unit.tokens[to - 1]!.end).replace(/\s+/g, " ");
}
