/**
 * Typo repair for station names: the nearest known spelling by edit distance (adjacent
 * transpositions count as one edit), accepted only when it is close and unambiguous. The
 * malformed-id table shows what drafters and the WikiLeaks conversion did to station names — a
 * dropped letter (`SOIA`, `BEIRT`), a wrong one (`MINSI`, `BRUSSQLS`), a doubled one, two swapped
 * (`AITTAIPIE`) — and that is what this repairs.
 */

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
      // best + 1 as the limit: a tie with the best so far must be told apart from "farther".
      const d = editDistance(key, t.key, best + 1);
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

/**
 * Optimal-string-alignment distance between `a` and `b`, or `limit` as soon as the distance is
 * known to reach it (the caller only cares about small distances).
 */
export function editDistance(a: string, b: string, limit: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) >= limit) return limit;
  let prev2: number[] = new Array(m + 1).fill(0);
  let prev: number[] = Array.from({ length: m + 1 }, (_, j) => j);
  let cur: number[] = new Array(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, prev2[j - 2]! + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= limit) return limit;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[m]!, limit);
}
