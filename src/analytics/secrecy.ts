/**
 * Secrecy of a result set: banner levels, caveats, 1.4 reasons and portion markings; level × year
 * and level × origin matrices; the declassification horizon; over-classification signals; and who
 * classifies. The procedural side (levels, caveats) and the substantive side (what the paragraphs
 * are marked) are read side by side, as Gill & Spirling do.
 */
import { isClassified, LEVELS, markingLevel, UNCLASSIFIED_MARKINGS } from "./markings.js";

export { horizonYears } from "../store/analytics-markings.js";

import { type FactSet, MARK_SLOTS, NO_HORIZON } from "../store/analytics-facts.js";
import type { AnalyticsSource } from "./source.js";
import {
  type Coded,
  codedMatrix,
  codedTable,
  listedFirst,
  type Matrix,
  NONE,
  type Table,
} from "./table.js";

/** Origins given their own column in the level × origin matrix; the rest fold into (other). */
export const ORIGIN_COLUMNS = 15;
/** Classifying officials listed, most cables first. */
export const CLASSIFIERS = 50;

export const SIGNALS = ["unclassified-paragraphs", "secret-without-s"] as const;
export type Signal = (typeof SIGNALS)[number];

export const SIGNAL_TITLES: Record<Signal, string> = {
  "unclassified-paragraphs": "Classified cables whose every paragraph is marked (U) or (SBU)",
  "secret-without-s": "SECRET cables with marked paragraphs but no (S) or (TS) paragraph",
};

export interface SignalCable {
  referenceId: string;
  level: string;
  created: string | null;
  subject: string | null;
  /** Marking levels of the cable's paragraphs, sorted (the mix, not the order). */
  markings: string[];
}

export interface Secrecy {
  total: number;
  levels: Table;
  caveats: Table;
  reasons: Table;
  /** Paragraphs by marking level (one count per paragraph). */
  markings: Table;
  levelByYear: Matrix;
  levelByOrigin: Matrix;
  /** Whole years from creation to the declassification date, per cable. */
  horizon: Table;
  signals: Record<Signal, { count: number; cables: SignalCable[] }>;
  classifiers: Table;
}

/**
 * The over-classification signals a cable raises. Both need marked paragraphs: an unmarked
 * paragraph says nothing about how the drafter judged it, so "every paragraph (U)/(SBU)" means
 * every paragraph marked so, and "no (S) paragraph" is only asked of cables that mark some.
 */
export function signalsOf(level: string | null, markings: readonly (string | null)[]): Signal[] {
  const levels = markings.map(markingLevel);
  const marked = levels.filter((l) => l !== null);
  if (marked.length === 0) return [];
  const out: Signal[] = [];
  if (
    isClassified(level) &&
    marked.length === levels.length &&
    marked.every((l) => UNCLASSIFIED_MARKINGS.has(l))
  ) {
    out.push("unclassified-paragraphs");
  }
  if (level === "SECRET" && !marked.some((l) => l === "S" || l === "TS")) {
    out.push("secret-without-s");
  }
  return out;
}

const SLOTS = MARK_SLOTS.length;
const slot = (m: (typeof MARK_SLOTS)[number]) => MARK_SLOTS.indexOf(m);
const [TS, S, C, OTHER_MARK, UNMARKED] = [
  slot("TS"),
  slot("S"),
  slot("C"),
  slot("other"),
  slot("unmarked"),
];

/** Bit of each signal in signalBits' answer, in SIGNALS order. */
const SIGNAL_BIT: Record<Signal, number> = { "unclassified-paragraphs": 1, "secret-without-s": 2 };

/**
 * The signals of a cable as bits (SIGNAL_BIT), from its banner level's two properties and its
 * paragraphs counted by marking slot (src/store/analytics-facts.ts): the signals depend on which
 * levels the paragraphs carry, not on their order. No allocation: a broad set asks 26,000 times.
 */
export function signalBits(
  classified: boolean,
  secret: boolean,
  marks: ArrayLike<number>,
  at: number,
): number {
  let marked = 0;
  for (let k = 0; k < SLOTS; k++) if (k !== UNMARKED) marked += marks[at + k]!;
  if (marked === 0) return 0;
  let bits = 0;
  const classifiedMarks =
    marks[at + TS]! + marks[at + S]! + marks[at + C]! + marks[at + OTHER_MARK]!;
  if (classified && marks[at + UNMARKED] === 0 && classifiedMarks === 0) bits |= 1;
  if (secret && marks[at + TS]! + marks[at + S]! === 0) bits |= 2;
  return bits;
}

/** signalsOf for a cable's paragraphs counted by marking slot. */
export function signalsOfMarks(level: string | null, marks: ArrayLike<number>, at = 0): Signal[] {
  const bits = signalBits(isClassified(level), level === "SECRET", marks, at);
  return SIGNALS.filter((s) => (bits & SIGNAL_BIT[s]) !== 0);
}

/** Whether the signal's bit is set in signalBits' answer. */
export function hasSignal(bits: number, signal: Signal): boolean {
  return (bits & SIGNAL_BIT[signal]) !== 0;
}

/**
 * Per level value id: its index in LEVELS (-1 for none or another spelling), whether it is
 * classified and whether SECRET — read once per distinct id, so the per-cable loops compare ints.
 */
export function levelCodes(f: FactSet): {
  index: (id: number) => number;
  classified: (id: number) => boolean;
  secret: (id: number) => boolean;
} {
  const known = new Map<number, { index: number; classified: boolean; secret: boolean }>();
  const of = (id: number) => {
    let k = known.get(id);
    if (!k) {
      const l = f.text(id);
      k = {
        index: l === null ? -1 : LEVELS.indexOf(l),
        classified: isClassified(l),
        secret: l === "SECRET",
      };
      known.set(id, k);
    }
    return k;
  };
  return {
    index: (id) => of(id).index,
    classified: (id) => of(id).classified,
    secret: (id) => of(id).secret,
  };
}

const orderLevels = listedFirst([...LEVELS, NONE]);

/** Each cable's values of a list as (value, cable) pairs; value 0, (none), for a cable without. */
function pairsOf(f: FactSet, kind: "caveats" | "reasons"): { values: Coded; ids: Int32Array } {
  const { start, values } = f.lists[kind];
  const codes = new Int32Array(values.length + f.n);
  const ids = new Int32Array(values.length + f.n);
  let n = 0;
  for (let i = 0; i < f.n; i++) {
    if (start[i] === start[i + 1]) {
      codes[n] = 0;
      ids[n++] = f.ids[i]!;
    }
    for (let k = start[i]!; k < start[i + 1]!; k++) {
      codes[n] = values[k]!;
      ids[n++] = f.ids[i]!;
    }
  }
  return {
    values: { codes: codes.subarray(0, n), label: (c) => f.text(c) ?? NONE },
    ids: ids.subarray(0, n),
  };
}

/** Secrecy of a set of cables; every matrix sums to the set's size. */
export async function secrecy(
  src: AnalyticsSource,
  ids: Int32Array,
  listLimit = 200,
): Promise<Secrecy> {
  {
    const f = await src.facts(ids);
    const text = (c: number) => f.text(c) ?? NONE;
    const levels: Coded = { codes: f.level, label: text };
    const years: Coded = { codes: f.year, label: (y) => (y === 0 ? NONE : String(y)) };

    const signals: Secrecy["signals"] = {
      "unclassified-paragraphs": { count: 0, cables: [] },
      "secret-without-s": { count: 0, cables: [] },
    };
    const paragraphs = new Array<number>(SLOTS).fill(0);
    // Cables each signal lists (positions in the set), read from the archive in one query below.
    const shown: Record<Signal, number[]> = {
      "unclassified-paragraphs": [],
      "secret-without-s": [],
    };
    const { marks, level } = f;
    const codes = levelCodes(f);
    let lastLevel = Number.NaN;
    let classified = false;
    let secret = false;
    for (let i = 0; i < f.n; i++) {
      const at = i * SLOTS;
      for (let k = 0; k < SLOTS; k++) paragraphs[k]! += marks[at + k]!;
      // Cables of one level come in runs often enough that this skips most lookups.
      if (level[i] !== lastLevel) {
        lastLevel = level[i]!;
        classified = codes.classified(lastLevel);
        secret = codes.secret(lastLevel);
      }
      const bits = signalBits(classified, secret, marks, at);
      if (bits === 0) continue;
      for (const s of SIGNALS) {
        if (!hasSignal(bits, s)) continue;
        signals[s].count++;
        if (shown[s].length < listLimit) shown[s].push(i);
      }
    }
    const rows = new Map(
      (await src.cables(SIGNALS.flatMap((s) => shown[s].map((i) => f.ids[i]!)))).map((c) => [
        c.id,
        c,
      ]),
    );
    for (const s of SIGNALS) {
      for (const i of shown[s]) {
        const { referenceId, subject, created } = rows.get(f.ids[i]!)!;
        const markings: string[] = [];
        MARK_SLOTS.forEach((m, k) => {
          for (let c = marks[i * SLOTS + k]!; c > 0; c--) markings.push(m);
        });
        signals[s].cables.push({
          referenceId,
          level: text(level[i]!),
          created,
          subject,
          markings: markings.sort(),
        });
      }
    }
    const caveats = pairsOf(f, "caveats");
    const reasons = pairsOf(f, "reasons");
    const numeric = (a: string, b: string) =>
      a === NONE ? 1 : b === NONE ? -1 : Number(a) - Number(b);

    // Per classifying official (numbered by first appearance): cables, and cables per level.
    const slotOf = new Map<number, number>();
    const names: number[] = [];
    const firstCable: number[] = [];
    const totals: number[] = [];
    const width = LEVELS.length;
    let byLevel = new Int32Array(16 * width);
    const { start, values } = f.lists.classifiers;
    for (let i = 0; i < f.n; i++) {
      if (start[i] === start[i + 1]) continue;
      const l = codes.index(f.level[i]!);
      for (let k = start[i]!; k < start[i + 1]!; k++) {
        let c = slotOf.get(values[k]!);
        if (c === undefined) {
          c = names.length;
          slotOf.set(values[k]!, c);
          names.push(values[k]!);
          firstCable.push(f.ids[i]!);
          totals.push(0);
          if ((c + 1) * width > byLevel.length) {
            const grown = new Int32Array(byLevel.length * 2);
            grown.set(byLevel);
            byLevel = grown;
          }
        }
        totals[c]!++;
        if (l >= 0) byLevel[c * width + l]!++;
      }
    }
    const topClassifiers = names
      .map((id, c) => ({ name: f.text(id) ?? "", c }))
      .sort((a, b) => totals[b.c]! - totals[a.c]! || (a.name < b.name ? -1 : 1))
      .slice(0, CLASSIFIERS);
    const titles = await src.classifierTitles(topClassifiers.map(({ c }) => firstCable[c]!));
    const classifierRows = topClassifiers.map(({ name, c }): (string | number | null)[] => [
      name,
      titles.get(firstCable[c]!) ?? null,
      ...Array.from(byLevel.subarray(c * width, (c + 1) * width)),
      totals[c]!,
    ]);

    return {
      total: f.n,
      levels: codedTable("levels", "Classification levels", "level", levels, orderLevels, f.ids),
      caveats: codedTable(
        "caveats",
        "Caveats (a cable may carry several)",
        "caveat",
        caveats.values,
        undefined,
        caveats.ids,
      ),
      reasons: codedTable(
        "reasons",
        "E.O. classification reasons (a cable may give several)",
        "reason",
        reasons.values,
        undefined,
        reasons.ids,
      ),
      markings: {
        name: "markings",
        title: "Paragraph markings (one count per paragraph)",
        columns: ["marking", "cables"],
        rows: MARK_SLOTS.flatMap((m, k) => (paragraphs[k]! > 0 ? [[m, paragraphs[k]!]] : [])),
      },
      levelByYear: codedMatrix(
        levels,
        years,
        {
          name: "level-by-year",
          title: "Classification level by year",
          rowLabel: "level",
          colLabel: "year",
          rowOrder: orderLevels,
          colOrder: (a, b) => (a === NONE ? 1 : b === NONE ? -1 : a < b ? -1 : a > b ? 1 : 0),
        },
        f.ids,
      ),
      levelByOrigin: codedMatrix(
        levels,
        { codes: f.origin, label: text },
        {
          name: "level-by-origin",
          title: "Classification level by origin",
          rowLabel: "level",
          colLabel: "origin",
          rowOrder: orderLevels,
          colLimit: ORIGIN_COLUMNS,
        },
        f.ids,
      ),
      horizon: codedTable(
        "horizon",
        "Declassification horizon: whole years from creation to the DECL date",
        "years",
        { codes: f.horizon, label: (h) => (h === NO_HORIZON ? NONE : String(h)) },
        numeric,
        f.ids,
      ),
      signals,
      classifiers: {
        name: "classifiers",
        title: "Who classifies: classifying officials by level (top 50)",
        columns: ["official", "title", ...LEVELS, "total"],
        rows: classifierRows,
      },
    };
  }
}
