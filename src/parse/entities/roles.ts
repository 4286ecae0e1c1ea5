import type { TitleEntry } from "../../reference/entity-tables.js";
import type { LabeledUnit, Span } from "./label.js";

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

/** `Shukri Ghanem, Chairman of Libya's National Oil Corporation (NOC)`: a capitalised title in apposition. */
export function roleAfter(unit: LabeledUnit, to: number): Readonly<Role> {
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
    end++;
    if (t.sentenceEnd || t.possessive) {
      if (t.sentenceEnd) break;
    }
  }
  const text = unit.text.slice(tokens[k]!.start, tokens[end]!.end).replace(/\s+/g, " ");
  const role = cleanRole(text);
  return { role, title: true, us: span.entry.us };
}
