/**
 * Typo repair for station names: the nearest known spelling by edit distance (adjacent
 * transpositions count as one edit), accepted only when it is close and unambiguous. The
 * malformed-id table shows what drafters and the WikiLeaks conversion did to station names — a
 * dropped letter (`SOIA`, `BEIRT`), a wrong one (`MINSI`, `BRUSSQLS`), a doubled one, two swapped
 * (`AITTAIPIE`) — and that is what this repairs.
 */
import { boundedEditDistance } from "./edit-distance.js";

export interface FuzzyTarget {
  /** The spelling compared against (letters only). */
  key: string;
  /** The canonical station it stands for. */
  station: string;
}

/**
 * Words that sit before numbers in REF blocks and must never be "repaired" into stations
 * (`PARAS 5` is not PARIS, `DATED 12` is not STATE).
 */
const NEVER_STATIONS = new Set(
  (
    "JANUARY FEBRUARY MARCH APRIL MAY JUNE JULY AUGUST SEPTEMBER OCTOBER NOVEMBER DECEMBER " +
    "PARA PARAS PARAGRAPH PARAGRAPHS SECTION SECTIONS PAGE PAGES TELCON TELCONS EMAIL EMAILS " +
    "DAILY REPORT REPORTS NOTE NOTES ITEM ITEMS NUMBER ANNEX ARTICLE RESOLUTION CHAPTER VOLUME " +
    "PHASE DATED STATES UNCLAS SECRET TOSEC SECTO CABLE CABLES TELEGRAM " +
    // English words that begin exactly one station name (`PART 1` is not PARTO).
    "PART PARTS FREE HILL HILLS KING KINGS WELL WELLS WIND WHITE SING TRIP TRIPS MARS CAPE BAND " +
    "BANDS CHAR TALL WASH DARE FEST GENE FRAN FLOR RANG LUXE MERI PONT SHAN PRAI PRET PERT COLO"
  ).split(" "),
);

/** A word that must not be read as a (misspelt or shortened) station. */
export function isCommonWord(key: string): boolean {
  return NEVER_STATIONS.has(key);
}

/** Maximum edits allowed for a written name of this length (0 = no repair). */
export function allowedEdits(length: number, minLength: number): number {
  if (length < minLength) return 0;
  return length >= 8 ? 2 : 1;
}

/**
 * Targets grouped by first and by last letter: every typo the malformed-id table documents keeps
 * one of the two, and looking only there makes a miss cheap.
 */
export interface FuzzyIndex {
  byFirst: Map<string, FuzzyTarget[]>;
  byLast: Map<string, FuzzyTarget[]>;
}

export function fuzzyIndex(targets: readonly FuzzyTarget[]): FuzzyIndex {
  const byFirst = new Map<string, FuzzyTarget[]>();
  const byLast = new Map<string, FuzzyTarget[]>();
  for (const t of targets) {
    const first = t.key[0]!;
    const last = t.key[t.key.length - 1]!;
    byFirst.set(first, [...(byFirst.get(first) ?? []), t]);
    if (last !== first) byLast.set(last, [...(byLast.get(last) ?? []), t]);
  }
  return { byFirst, byLast };
}

/**
 * The station nearest to `key`, or null when none is close enough or two different stations are
 * equally close. `minLength` guards short words, where one edit reaches too many names.
 */
export function nearestStation(key: string, index: FuzzyIndex, minLength: number): string | null {
  const max = allowedEdits(key.length, minLength);
  if (max === 0 || isCommonWord(key)) return null;
  let best = max + 1;
  let found: string | null = null;
  let ambiguous = false;
  const first = index.byFirst.get(key[0]!) ?? [];
  const last = index.byLast.get(key[key.length - 1]!) ?? [];
  for (const group of [first, last]) {
    for (const t of group) {
      if (Math.abs(t.key.length - key.length) > max) continue;
      // Bounded by best, not best - 1: a tie with the best so far must be told apart from "farther".
      const d = boundedEditDistance(key, t.key, best);
      if (d > max) continue;
      if (d < best) {
        best = d;
        found = t.station;
        ambiguous = false;
      } else if (d === best && found !== t.station) {
        ambiguous = true;
      }
    }
  }
  return found && !ambiguous ? found : null;
}
