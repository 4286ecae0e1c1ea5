/**
 * Secrecy of a result set: banner levels, caveats, 1.4 reasons and portion markings; level × year
 * and level × origin matrices; the declassification horizon; over-classification signals; and who
 * classifies. The procedural side (levels, caveats) and the substantive side (what the paragraphs
 * are marked) are read side by side, as Gill & Spirling do.
 */
import type { Db } from "../store/db.js";
import {
  isClassified,
  LEVELS,
  MARKING_LEVELS,
  markingLevel,
  UNCLASSIFIED_MARKINGS,
} from "./markings.js";
import { idsJson } from "./result.js";
import { countMatrix, countTable, listedFirst, type Matrix, NONE, type Table } from "./table.js";

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

interface Row {
  id: number;
  level: string | null;
  year: number | null;
  origin: string | null;
  created: string | null;
  declDate: string | null;
  classifiedBy: string | null;
}

/** The short columns of every cable, from the covering index (migration 009), not the rows. */
function rows(db: Db, json: string): Row[] {
  return db
    .prepare<[string], Row>(
      `SELECT c.id, c.level, c.year, c.origin, c.created, c.decl_date AS declDate,
              c.classified_by AS classifiedBy
         FROM json_each(?) j CROSS JOIN cables c INDEXED BY cables_analytics ON c.id = j.value`,
    )
    .all(json);
}

/** Id and subject of the few cables a signal lists. */
function listed(db: Db, id: number): { referenceId: string; subject: string | null } {
  return db
    .prepare<[number], { referenceId: string; subject: string | null }>(
      "SELECT reference_id AS referenceId, subject FROM cables WHERE id = ?",
    )
    .get(id)!;
}

function multi(db: Db, json: string, table: "caveats" | "reasons", column: string) {
  const per = new Map<number, string[]>();
  for (const [id, value] of db
    .prepare<[string], [number, string]>(
      `SELECT t.cable_id, t.${column} FROM json_each(?) j CROSS JOIN ${table} t ON t.cable_id = j.value`,
    )
    .raw()
    .iterate(json)) {
    const list = per.get(id);
    if (list) list.push(value);
    else per.set(id, [value]);
  }
  return per;
}

/**
 * Above this share of the archive, one scan of the marking index is used instead of a seek per
 * cable. Measured on the 6,752-cable corpus: for 10 % of it, the seeks took 30 ms and the scan
 * 150 ms, so the scan only pays for most of the archive.
 */
const SCAN_SHARE = 0.5;

/**
 * Portion markings of each cable's paragraphs (in paragraph order for small sets; for large ones
 * in index order, which the signals and counts do not depend on).
 */
function paragraphMarkings(db: Db, ids: Int32Array, json: string): Map<number, (string | null)[]> {
  const per = new Map<number, (string | null)[]>();
  const add = (id: number, marking: string | null) => {
    const list = per.get(id);
    if (list) list.push(marking);
    else per.set(id, [marking]);
  };
  const size = db.prepare<[], number>("SELECT max(id) FROM cables").pluck().get() ?? 0;
  if (ids.length > size * SCAN_SHARE) {
    const member = new Uint8Array(size + 1);
    for (const id of ids) member[id] = 1;
    const scan = db
      .prepare<[], [string | null, number]>(
        "SELECT marking, cable_id FROM paragraphs INDEXED BY paragraphs_marking",
      )
      .raw();
    for (const [marking, id] of scan.iterate()) if (member[id]) add(id, marking);
    return per;
  }
  // The index is in (cable, seq) order, as the set: no sort, and raw rows spare an object each.
  for (const [id, marking] of db
    .prepare<[string], [number, string | null]>(
      `SELECT p.cable_id, p.marking FROM json_each(?) j
         CROSS JOIN paragraphs p INDEXED BY paragraphs_cable_marking ON p.cable_id = j.value`,
    )
    .raw()
    .iterate(json)) {
    add(id, marking);
  }
  return per;
}

/** Title of a classifying official, from one cable they classified (the title is in the JSON). */
function classifierTitle(db: Db, cableId: number): string | null {
  return (
    db
      .prepare<[number], string | null>(
        "SELECT json_extract(cable_json, '$.classifiedBy.title') FROM cables WHERE id = ?",
      )
      .pluck()
      .get(cableId) ?? null
  );
}

/** Whole calendar years from `created` to `decl` (both dates), or null; negative when DECL is earlier. */
export function horizonYears(created: string | null, decl: string | null): number | null {
  const day = /^(\d{4})-(\d{2}-\d{2})/;
  const a = created ? day.exec(created) : null;
  const b = decl ? day.exec(decl) : null;
  if (!a || !b) return null;
  const years = Number(b[1]) - Number(a[1]);
  // Short of the anniversary: one year less (or more, counting backwards).
  if (years > 0 && b[2]! < a[2]!) return years - 1;
  if (years < 0 && b[2]! > a[2]!) return years + 1;
  return years;
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

const orderLevels = listedFirst([...LEVELS, NONE]);

/** Secrecy of a set of cables; every matrix sums to the set's size. */
export function secrecy(db: Db, ids: Int32Array, listLimit = 200): Secrecy {
  return db.transaction((): Secrecy => {
    const json = idsJson(ids);
    const cables = rows(db, json);
    const caveats = multi(db, json, "caveats", "caveat");
    const reasons = multi(db, json, "reasons", "reason");
    const marks = paragraphMarkings(db, ids, json);
    const level = (r: Row) => r.level ?? NONE;

    const signals: Secrecy["signals"] = {
      "unclassified-paragraphs": { count: 0, cables: [] },
      "secret-without-s": { count: 0, cables: [] },
    };
    const paragraphLevels: string[] = [];
    const horizons: string[] = [];
    for (const r of cables) {
      const m = marks.get(r.id) ?? [];
      for (const p of m) paragraphLevels.push(markingLevel(p) ?? "unmarked");
      const h = horizonYears(r.created, r.declDate);
      horizons.push(h === null ? NONE : String(h));
      for (const s of signalsOf(r.level, m)) {
        signals[s].count++;
        if (signals[s].cables.length < listLimit) {
          const { referenceId, subject } = listed(db, r.id);
          signals[s].cables.push({
            referenceId,
            level: r.level ?? NONE,
            created: r.created,
            subject,
            markings: m.map((x) => markingLevel(x) ?? "unmarked").sort(),
          });
        }
      }
    }
    const rowids = cables.map((r) => r.id);
    const each = (values: (r: Row) => string[]) => {
      const v: string[] = [];
      const of: number[] = [];
      for (const r of cables) {
        for (const x of values(r)) {
          v.push(x);
          of.push(r.id);
        }
      }
      return [v, of] as const;
    };
    const [caveatValues, caveatIds] = each((r) => caveats.get(r.id) ?? [NONE]);
    const [reasonValues, reasonIds] = each((r) => reasons.get(r.id) ?? [NONE]);
    const numeric = (a: string, b: string) =>
      a === NONE ? 1 : b === NONE ? -1 : Number(a) - Number(b);

    const classifiers = new Map<
      string,
      { cable: number; total: number; levels: Map<string, number> }
    >();
    for (const r of cables) {
      if (!r.classifiedBy) continue;
      for (const name of r.classifiedBy.split("; ")) {
        let c = classifiers.get(name);
        if (!c) {
          c = { cable: r.id, total: 0, levels: new Map() };
          classifiers.set(name, c);
        }
        c.total++;
        c.levels.set(level(r), (c.levels.get(level(r)) ?? 0) + 1);
      }
    }
    const classifierRows = [...classifiers]
      .sort((a, b) => b[1].total - a[1].total || (a[0] < b[0] ? -1 : 1))
      .slice(0, CLASSIFIERS)
      .map(([name, c]): (string | number | null)[] => [
        name,
        classifierTitle(db, c.cable),
        ...LEVELS.map((l) => c.levels.get(l) ?? 0),
        c.total,
      ]);

    return {
      total: cables.length,
      levels: countTable(
        "levels",
        "Classification levels",
        "level",
        cables.map(level),
        orderLevels,
        rowids,
      ),
      caveats: countTable(
        "caveats",
        "Caveats (a cable may carry several)",
        "caveat",
        caveatValues,
        undefined,
        caveatIds,
      ),
      reasons: countTable(
        "reasons",
        "E.O. classification reasons (a cable may give several)",
        "reason",
        reasonValues,
        undefined,
        reasonIds,
      ),
      markings: countTable(
        "markings",
        "Paragraph markings (one count per paragraph)",
        "marking",
        paragraphLevels,
        listedFirst([...MARKING_LEVELS, "other", "unmarked"]),
      ),
      levelByYear: countMatrix(
        cables.map((r) => [level(r), r.year === null ? NONE : String(r.year)]),
        {
          name: "level-by-year",
          title: "Classification level by year",
          rowLabel: "level",
          colLabel: "year",
          rowOrder: orderLevels,
          colOrder: (a, b) => (a === NONE ? 1 : b === NONE ? -1 : a < b ? -1 : a > b ? 1 : 0),
        },
        rowids,
      ),
      levelByOrigin: countMatrix(
        cables.map((r) => [level(r), r.origin ?? NONE]),
        {
          name: "level-by-origin",
          title: "Classification level by origin",
          rowLabel: "level",
          colLabel: "origin",
          rowOrder: orderLevels,
          colLimit: ORIGIN_COLUMNS,
        },
        rowids,
      ),
      horizon: countTable(
        "horizon",
        "Declassification horizon: whole years from creation to the DECL date",
        "years",
        horizons,
        numeric,
        rowids,
      ),
      signals,
      classifiers: {
        name: "classifiers",
        title: "Who classifies: classifying officials by level (top 50)",
        columns: ["official", "title", ...LEVELS, "total"],
        rows: classifierRows,
      },
    };
  })();
}
