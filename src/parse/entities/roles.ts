import type { TitleEntry } from "../../reference/entity-tables.js";
import type { NameLexicon } from "../../reference/name-lexicon.js";
import type { LabeledUnit, Span } from "./label.js";
import type { Token } from "./tokens.js";

/**
 * The title or position written beside a person's name: before it (`Deputy Minister of Interior
 * Lutfullo SHAMSIDDINOV`, `Swiss Ambassador X`) or in apposition after it (`Shukri Ghanem,
 * Chairman of Libya's National Oil Corporation`). A title there is also evidence that the words
 * are a person's name.
 */

const CONNECTORS = new Set(["of", "for", "the", "and", "to", "on", "in"]);
const LEADING_DROP = /^(?:(?:the|a|an|former|then|acting|new|outgoing|incoming|and|of|to)\s+)+/i;

export interface Role {
  role: string | null;
  /** A title stood right before the name (honorifics included). */
  title: boolean;
  us: boolean;
  /**
   * The next item of a list is a titled person (`Musharraf, PM Gilani, ForMin Qureshi`): the name
   * stands among people, though this title is not its own.
   */
  listed?: boolean;
}

/** No title beside the name: one shared answer, as most names have none (read-only). */
const NO_ROLE: Readonly<Role> = Object.freeze({ role: null, title: false, us: false });

/** The title phrase right before a name: `Deputy Minister of Interior`, `Swiss Ambassador`. */
export function roleBefore(unit: LabeledUnit, from: number): Readonly<Role> {
  const { tokens, labels } = unit;
  let k = from - 1;
  let firstTitle = -1;
  let foreign = false;
  let sawTitle = false;
  let honorificOnly = true;
  let us = false;
  while (k >= 0 && from - k <= 10) {
    const t = tokens[k]!;
    if (t.sentenceEnd) break;
    const label = labels[k]!;
    if (label === "title") {
      sawTitle = true;
      firstTitle = k;
      const span = unit.spanOf[k] as Span<TitleEntry> | null;
      if (span) {
        firstTitle = span.from;
        if (span.entry.kind !== "honorific") honorificOnly = false;
        if (span.entry.us) us = true;
        k = span.from - 1;
        continue;
      }
    } else if (label === "place" || label === "org") {
      if (!sawTitle && k === from - 1) break;
      if (label === "place") foreign = true;
      const span = unit.spanOf[k] ?? null;
      k = (span ? span.from : k) - 1;
      continue;
    } else if (label === "other" && t.shape === "cap" && sawTitle) {
      // Portfolio words between titles: `Foreign`, `Affairs`, `Interior`.
    } else if (CONNECTORS.has(t.fold) && k > 0) {
    } else if (label === "other" && t.shape === "cap" && k === from - 1) {
      // `Foreign Minister`-style compounds are in the table; `Defense Minister` is word + title.
    } else break;
    k--;
    if (!sawTitle && from - k > 3) break;
  }
  if (!sawTitle) return NO_ROLE;
  // Role text: from the first title on, without honorifics (`Mr.`, `Dr.`), leading words dropped.
  const spanStart = titleStartOf(unit, firstTitle, from);
  if (spanStart < 0) return { role: null, title: true, us };
  const text = unit.text
    .slice(tokens[spanStart]!.start, tokens[from - 1]!.end)
    .replace(/\s+/g, " ");
  const role = honorificOnly ? null : cleanRole(text);
  const ambassador = /^(?:Amb\.?|Ambassador)$/i.test(role ?? "");
  return { role, title: true, us: us || (ambassador && !foreign) };
}

/** Where the role text starts: the first non-honorific title at or after `k`. */
function titleStartOf(unit: LabeledUnit, k: number, from: number): number {
  for (let i = k; i < from; i++) {
    if (unit.labels[i] !== "title") continue;
    const span = unit.spanOf[i] as Span<TitleEntry> | null;
    if (span && span.entry.kind !== "honorific") return i;
  }
  return -1;
}

function cleanRole(text: string): string | null {
  const role = text
    .replace(LEADING_DROP, "")
    .replace(/['’]s$/, "")
    .trim();
  return role.length > 0 && role.length <= 80 ? role : null;
}

/**
 * `Shukri Ghanem, Chairman of Libya's National Oil Corporation (NOC)`: a capitalised title in
 * apposition. In a list of titled people the title after the comma is the next person's
 * (`Ambassador Lee Feinstein, Foreign Minister Sikorski and…`, `KING HAMAD, CROWN PRINCE SALMAN`),
 * and in capitals it may open the next clause (`IN ARABIC, SULTAN ASKED WHY…`): then the name has
 * no role here.
 */
export function roleAfter(
  unit: LabeledUnit,
  to: number,
  lexicon: NameLexicon | null = null,
): Readonly<Role> {
  const { tokens, labels } = unit;
  let k = to;
  if (tokens[k]?.text !== ",") return NO_ROLE;
  k++;
  while (k < tokens.length && /^(?:the|a|an|former|then|acting)$/i.test(tokens[k]!.text)) k++;
  if (labels[k] !== "title") return NO_ROLE;
  const span = unit.spanOf[k]?.from === k ? (unit.spanOf[k] as Span<TitleEntry>) : null;
  if (!span || span.entry.kind === "honorific") return NO_ROLE;
  let end = k;
  while (end + 1 < tokens.length && end - k < 12) {
    const t = tokens[end + 1]!;
    if (t.shape === "punct" && t.text !== "-" && t.text !== "/" && t.text !== "&") break;
    if (t.shape === "lower" && !CONNECTORS.has(t.text)) break;
    if (opensTitledName(unit, end + 1, lexicon) && !objectOfRole(unit, span.to, end + 1))
      return listItemAt(unit, end + 1) ? LISTED : NO_ROLE;
    // In capitals a word no table knows is prose after the title (`SULTAN ASKED`), not its part.
    if (unit.caps && labels[end + 1] === "other" && !CONNECTORS.has(t.fold)) break;
    end++;
    if (t.sentenceEnd) break;
  }
  const text = unit.text.slice(tokens[k]!.start, tokens[end]!.end).replace(/\s+/g, " ");
  const role = cleanRole(text);
  return { role, title: true, us: span.entry.us };
}

const LISTED: Readonly<Role> = Object.freeze({ role: null, title: false, us: false, listed: true });

/**
 * The name that starts at `i` ends an item of a list (a comma, `and`, a closing bracket or the
 * sentence's end follows it), not the subject of a clause (`In Guanacaste, President Arias said`).
 */
function listItemAt(unit: LabeledUnit, i: number): boolean {
  const { tokens, labels } = unit;
  let j = i;
  while (j + 1 < tokens.length && (labels[j + 1] === "name" || isNameInitial(tokens[j + 1]!))) j++;
  if (tokens[j]!.sentenceEnd) return true;
  const next = tokens[j + 1];
  return next === undefined || [",", ";", ".", ")", "and"].includes(next.fold);
}

function isNameInitial(t: Token): boolean {
  return t.shape === "initial";
}

/**
 * A person's name starts at `i`: a name word right after a title (`Minister Sikorski`,
 * `SULTAN ASKED` in capitals, where the verb looks like a name), or a given name after portfolio
 * words (`Minister of the Presidency Rodrigo Arias`). Words of the language are not names there
 * (`Ambassador Designate`).
 */
function opensTitledName(unit: LabeledUnit, i: number, lexicon: NameLexicon | null): boolean {
  if (unit.labels[i] !== "name") return false;
  const fold = unit.tokens[i]!.fold;
  if (unit.labels[i - 1] === "title") return unit.caps || !lexicon?.isDictionaryWord(fold);
  // After portfolio words a given name (not a hospital's or a firm's: `Madrid's Gregorio Maranon
  // Hospital`) opens a person's full name.
  return (
    lexicon?.isGivenName(fold) === true &&
    !unit.tokens[i - 1]!.possessive &&
    !lexicon.isGivenName(unit.tokens[i - 1]!.fold)
  );
}

/**
 * The titled name is the object of the role (`Advisor to Defense Minister Jaak Aaviksoo`, `Chief
 * of Staff of Defense Minister Viegas`): a `to` or `of` between the role's own title and a
 * second title.
 */
function objectOfRole(unit: LabeledUnit, from: number, to: number): boolean {
  for (let i = from; i < to - 1; i++) {
    const w = unit.tokens[i]!.fold;
    if ((w === "to" || w === "of") && unit.labels.slice(i + 1, to).includes("title")) return true;
  }
  return false;
}
