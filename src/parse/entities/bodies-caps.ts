import type { LabeledUnit } from "./label.js";
import { mixedCase } from "./names.js";
import { ORG_HEADS } from "./vocabulary.js";

/**
 * Body phrases in all-caps telegrams, where case cannot mark a phrase's edges: a head word
 * (`UNIVERSITY`, `PARTY`, `MINISTRY`) with the words before it that can belong to a body's
 * name — a place (`TEHRAN UNIVERSITY`), a word no list knows (`TUDEH PARTY`), a state body's
 * qualifier (`NATIONAL POLICE`) — and an `OF` complement after it (`MINISTRY OF INFORMATION`,
 * `UNIVERSITY OF MESHED`). Two words at least: a head alone names no particular body.
 */

export interface CapsBody {
  from: number;
  /** Exclusive. */
  to: number;
  /** Mixed case (`Tehran University`, `Ministry of Information`). */
  written: string;
}

/**
 * Heads that close a body's name in capitals. Sector words (`ENERGY`, `MEDIA`, `PETROLEUM`) and
 * newspaper words (`TIMES`, `POST`) end bodies' names in mixed case, where the capitals show the
 * phrase; in capitals they end ordinary phrases as often (`ATOMIC ENERGY`).
 */
const WEAK_HEADS = new Set(
  `ENERGY PETROLEUM MEDIA TELECOM COMMUNICATIONS TELEVISION RADIO TRIBUNE TIMES POST JOURNAL NEWS
  GAZETTE HERALD REVIEW OBSERVER MONITOR INDUSTRIES HOLDING HOLDINGS UNIT OFFICE SERVICE SERVICES
  FORCE FORCES CO INC LTD CORP GROUP`.split(/\s+/),
);
const HEADS = new Set(
  [...ORG_HEADS].map((h) => h.toUpperCase().replace(/\.$/, "")).filter((h) => !WEAK_HEADS.has(h)),
);

/** Words of a state body's or a movement's name that no list of names holds. */
const QUALIFIERS = new Set(
  `NATIONAL SUPREME ISLAMIC CENTRAL FEDERAL STATE PEOPLE'S PEOPLES REVOLUTIONARY DEMOCRATIC
  SOCIALIST COMMUNIST LIBERAL REPUBLICAN POPULAR UNITED ARAB HIGH GENERAL ROYAL ARMED SECURITY
  INTELLIGENCE FOREIGN INTERIOR DEFENSE DEFENCE JUSTICE FINANCE INFORMATION PROGRESSIVE
  CONSERVATIVE LABOR LABOUR WORKERS' NATIONALIST CHRISTIAN MUSLIM CATHOLIC ORTHODOX INDEPENDENT
  MILITARY POLICE ECONOMIC AFFAIRS PLANNING COMMERCE TRADE`.split(/\s+/),
);

/** The complement after `OF`: portfolio words, places, unknown words; at most this many. */
const MAX_COMPLEMENT = 4;

/** `isCommonWord`: words of the language are no body's own name (`COMMERCIAL COMPANY`). */
export function capsBodies(
  unit: LabeledUnit,
  isCommonWord: (folded: string) => boolean,
): CapsBody[] {
  if (!unit.caps) return [];
  const { tokens, labels } = unit;
  const out: CapsBody[] = [];
  let last = -1;
  for (let h = 0; h < tokens.length; h++) {
    const head = tokens[h]!;
    if (!HEADS.has(head.text) || labels[h] === "org" || h <= last) continue;
    let from = h;
    while (from - 1 > last && fits(unit, from - 1, isCommonWord)) {
      const t = tokens[from - 1]!;
      // `DRC'S ATOMIC ENERGY ...`: a possessive is the body's owner, not its name.
      if (t.sentenceEnd || t.possessive) break;
      from--;
    }
    let to = h + 1;
    if (tokens[to]?.text === "OF" && !head.possessive && !head.sentenceEnd) {
      let k = to + 1;
      while (k < tokens.length && k - to <= MAX_COMPLEMENT && fits(unit, k, isCommonWord)) {
        k++;
        if (tokens[k - 1]!.sentenceEnd || tokens[k - 1]!.possessive) break;
      }
      if (k > to + 1) to = k;
    }
    // Leading place words qualify the body; a body needs a word of its own besides the head.
    let own = from;
    while (own < h && labels[own] === "place") own++;
    if (to - from < 2 || (own === h && to === h + 1 && from === h)) continue;
    for (let k = from; k < to; k++) labels[k] = "org";
    const written = unit.text.slice(tokens[from]!.start, tokens[to - 1]!.end).replace(/\s+/g, " ");
    out.push({ from, to, written: titleCase(written) });
    last = to - 1;
    h = last;
  }
  return out;
}

/** A word that can stand inside a body's name in capitals. */
function fits(unit: LabeledUnit, k: number, isCommonWord: (folded: string) => boolean): boolean {
  const t = unit.tokens[k]!;
  const label = unit.labels[k];
  if (t.shape !== "upper" && t.shape !== "cap") return false;
  if (QUALIFIERS.has(t.text) || HEADS.has(t.text) || label === "place") return true;
  return label === "name" && !isCommonWord(t.fold);
}

function titleCase(s: string): string {
  return mixedCase(s).replace(/\b(Of|For|And|The)\b/g, (w, _m, at: number) =>
    at === 0 ? w : w.toLowerCase(),
  );
}
