/**
 * Per-cable analytics facts (migration 009-analytics-facts): what the secrecy, addressee and burst
 * views read of each cable, derived once per cable version instead of once per request. Strings
 * (levels, origins, posts, TAGs, names) are stored as ids of `analytics_values`, which only grows,
 * so a view aggregates integers and turns the few distinct ids back into text at the end.
 *
 * Upkeep follows the event dates (src/store/event-dates.ts): every stored cable and every new
 * current version adds a `versions` row, so the cables whose current version is newer than the
 * last build are the ones to derive again; a deleted cable loses its row (ON DELETE CASCADE) and a
 * cable found without one is derived again too. A change to how facts are derived bumps
 * DERIVE_VERSION, which rebuilds every row. A connection that cannot write reads the stale cables'
 * facts from their rows instead (readFacts), so a view is never wrong, only slower.
 */

import { horizonYears, MARKING_LEVELS, markingLevel } from "./analytics-markings.js";
import { addresseeOf, senderOf } from "./analytics-posts.js";
import { type Db, perConnection } from "./db.js";
import { ensureEventDates, readEventDates } from "./event-dates.js";

/** Bump when a derivation below (or a reference table it reads) changes meaning. */
export const DERIVE_VERSION = 1;

/** Paragraph counts kept per cable: each marking level, then 'other' and unmarked. */
export const MARK_SLOTS = [...MARKING_LEVELS, "other", "unmarked"] as const;
const MARK_INDEX = new Map<string, number>(MARK_SLOTS.map((m, i) => [m, i]));

/** Lists per cable; `reported`: the days its paragraphs report (src/store/event-dates.ts), once each. */
export const LIST_KINDS = ["tags", "caveats", "reasons", "classifiers", "reported"] as const;
export type ListKind = (typeof LIST_KINDS)[number];

/** Horizon of a cable without one (no creation or DECL date). */
export const NO_HORIZON = -0x80000000;

const KINDS = ["post", "collective", "other"] as const;

/** One addressee line, resolved: its post, the post's kind, TO or INFO, its routing indicator. */
export interface DerivedLine {
  post: string;
  kind: (typeof KINDS)[number];
  role: "to" | "info";
  route: string | null;
}

/** The facts of one cable, as text. */
export interface DerivedFacts {
  id: number;
  month: number;
  /** `YYYY-MM-DD` of `created`. */
  day: string | null;
  year: number;
  level: string | null;
  origin: string | null;
  sender: string;
  precedence: string | null;
  horizon: number;
  marks: number[];
  lists: Record<ListKind, string[]>;
  lines: DerivedLine[];
}

/** A multi-valued fact of every cable of a set: cable i's values are values[start[i]..start[i+1]). */
export interface FactList {
  start: Int32Array;
  values: Int32Array;
}

/**
 * The facts of a set of cables, by column, in the set's order. Text facts are value ids (0: none);
 * `text(id)` reads one back.
 */
export interface FactSet {
  n: number;
  ids: Int32Array;
  /** yyyymm of `created` (0: undated). */
  month: Int32Array;
  /** Value id of the creation day, `YYYY-MM-DD` (0: undated). */
  day: Int32Array;
  /** cables.year (0: none). */
  year: Int32Array;
  level: Int32Array;
  origin: Int32Array;
  sender: Int32Array;
  precedence: Int32Array;
  horizon: Int32Array;
  /** marks[i * MARK_SLOTS.length + k]: cable i's paragraphs of marking slot k. */
  marks: Int32Array;
  lists: Record<ListKind, FactList>;
  /** Addressee lines: post id and flags (route id << 3 | kind << 1 | role, role 1 = TO). */
  lines: FactList & { flags: Int32Array };
  text(id: number): string | null;
}

export function lineRole(flags: number): "to" | "info" {
  return (flags & 1) === 1 ? "to" : "info";
}

export function lineKind(flags: number): DerivedLine["kind"] {
  return KINDS[(flags >> 1) & 3]!;
}

/** The value id of a line's routing indicator (0: none). */
export function lineRoute(flags: number): number {
  return flags >>> 3;
}

/** What facts are derived from: a cable's row (src/store/postgres reads the same columns). */
export interface FactsCableRow {
  id: number;
  created: string | null;
  year: number | null;
  level: string | null;
  origin: string | null;
  station: string | null;
  precedence: string | null;
  declDate: string | null;
  classifiedBy: string | null;
}

export const stmts = perConnection((db: Db) => ({
  archiveVersion: db.prepare<[], number | null>("SELECT max(id) FROM versions").pluck(),
  state: db.prepare<[], { version: number; derive: number }>(
    "SELECT version, derive FROM analytics_facts_state WHERE id = 1",
  ),
  setState: db.prepare<[number, number]>(
    `INSERT INTO analytics_facts_state (id, version, derive) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET version = excluded.version, derive = excluded.derive`,
  ),
  changed: db
    .prepare<[number], number>(
      `SELECT c.id FROM versions v
         JOIN cables c ON c.reference_id = v.reference_id AND c.version_id = v.id
        WHERE v.id > ?`,
    )
    .pluck(),
  missing: db
    .prepare<[], number>(
      `SELECT c.id FROM cables c
        WHERE NOT EXISTS (SELECT 1 FROM analytics_facts f WHERE f.cable_id = c.id)`,
    )
    .pluck(),
  allIds: db.prepare<[], number>("SELECT id FROM cables ORDER BY id").pluck(),
  cables: db.prepare<[string], FactsCableRow>(
    `SELECT c.id, c.created, c.year, c.level, c.origin, c.station, c.precedence,
            c.decl_date AS declDate, c.classified_by AS classifiedBy
       FROM json_each(?) j CROSS JOIN cables c INDEXED BY cables_analytics ON c.id = j.value`,
  ),
  tags: db
    .prepare<[string], [number, string]>(
      "SELECT t.cable_id, t.tag FROM json_each(?) j CROSS JOIN tags t ON t.cable_id = j.value",
    )
    .raw(),
  caveats: db
    .prepare<[string], [number, string]>(
      "SELECT t.cable_id, t.caveat FROM json_each(?) j CROSS JOIN caveats t ON t.cable_id = j.value",
    )
    .raw(),
  reasons: db
    .prepare<[string], [number, string]>(
      "SELECT t.cable_id, t.reason FROM json_each(?) j CROSS JOIN reasons t ON t.cable_id = j.value",
    )
    .raw(),
  markings: db
    .prepare<[string], [number, string | null]>(
      `SELECT p.cable_id, p.marking FROM json_each(?) j
         CROSS JOIN paragraphs p INDEXED BY paragraphs_cable_marking ON p.cable_id = j.value`,
    )
    .raw(),
  eventDays: db
    .prepare<[string], [number, string]>(
      `SELECT e.cable_id, e.start FROM json_each(?) j
         CROSS JOIN event_dates e INDEXED BY event_dates_cable ON e.cable_id = j.value`,
    )
    .raw(),
  recipients: db
    .prepare<[string], [number, string, string | null, string]>(
      `SELECT r.cable_id, r.role, r.route, r.name
         FROM json_each(?) j CROSS JOIN recipients r ON r.cable_id = j.value`,
    )
    .raw(),
  insert: db.prepare<[number, Buffer]>(
    "INSERT OR REPLACE INTO analytics_facts (cable_id, facts) VALUES (?, ?)",
  ),
  valuesFrom: db
    .prepare<[number], [number, string]>(
      "SELECT id, value FROM analytics_values WHERE id > ? ORDER BY id",
    )
    .raw(),
  insertValue: db.prepare<[string]>("INSERT INTO analytics_values (value) VALUES (?)"),
}));

/** The value dictionary, kept per connection; it only grows, so new rows are read on demand. */
const dictionaries = perConnection(() => ({
  texts: [null] as (string | null)[],
  ids: new Map<string, number>(),
}));

export function dictionary(db: Db) {
  const d = dictionaries(db);
  for (const [id, value] of stmts(db).valuesFrom.iterate(d.texts.length - 1)) {
    d.texts[id] = value;
    d.ids.set(value, id);
  }
  return d;
}

/** Values by cable id, in the rows' order: how both back ends shape a cable's lists. */
export function groupBy<T>(rows: Iterable<[number, T]>): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const [id, v] of rows) {
    const list = out.get(id);
    if (list) list.push(v);
    else out.set(id, [v]);
  }
  return out;
}

function yyyymm(created: string | null): number {
  const m = created ? /^(\d{4})-(\d{2})/.exec(created) : null;
  return m ? Number(m[1]) * 100 + Number(m[2]) : 0;
}

/**
 * Days each cable reports, once each: from `event_dates`, or read from the paragraphs now for
 * cables whose stored dates are stale (a connection that cannot bring them up to date).
 */
function reportedDays(db: Db, json: string): Map<number, string[]> {
  const stale = ensureEventDates(db);
  const out = new Map<number, string[]>();
  const add = (id: number, day: string) => {
    const list = out.get(id);
    if (!list) out.set(id, [day]);
    else if (!list.includes(day)) list.push(day);
  };
  for (const [id, day] of stmts(db).eventDays.iterate(json)) if (!stale.has(id)) add(id, day);
  if (stale.size > 0) {
    for (const c of stmts(db).cables.all(json)) {
      if (!stale.has(c.id)) continue;
      for (const e of readEventDates(db, c.id, c.created)) add(c.id, e.start);
    }
  }
  return out;
}

/** Facts of the given cables, derived from their rows now (cables not in the archive are left out). */
export function deriveFacts(db: Db, ids: readonly number[]): DerivedFacts[] {
  const s = stmts(db);
  const json = JSON.stringify(ids);
  const tags = groupBy(s.tags.iterate(json));
  const caveats = groupBy(s.caveats.iterate(json));
  const reasons = groupBy(s.reasons.iterate(json));
  const markings = groupBy(s.markings.iterate(json));
  const reported = reportedDays(db, json);
  const recipients = groupBy(
    [...s.recipients.iterate(json)].map(([id, role, route, name]) => [id, { role, route, name }]),
  );
  return factsFromRows(s.cables.all(json), {
    tags,
    caveats,
    reasons,
    markings,
    reported,
    recipients,
  });
}

/** Per cable id: its rows of the tables facts read besides `cables`. */
export interface FactsLists {
  tags: Map<number, string[]>;
  caveats: Map<number, string[]>;
  reasons: Map<number, string[]>;
  /** Paragraph markings, null for an unmarked paragraph. */
  markings: Map<number, (string | null)[]>;
  /** Days reported, once each. */
  reported: Map<number, string[]>;
  recipients: Map<number, { role: string; route: string | null; name: string }[]>;
}

/** Facts of cables from their rows, whichever back end read them. */
export function factsFromRows(cables: readonly FactsCableRow[], l: FactsLists): DerivedFacts[] {
  const { tags, caveats, reasons, markings, reported, recipients } = l;
  return cables.map((c): DerivedFacts => {
    const marks = MARK_SLOTS.map(() => 0);
    for (const m of markings.get(c.id) ?? [])
      marks[MARK_INDEX.get(markingLevel(m) ?? "unmarked")!]!++;
    return {
      id: c.id,
      month: yyyymm(c.created),
      day: c.created ? c.created.slice(0, 10) : null,
      year: c.year ?? 0,
      level: c.level,
      origin: c.origin,
      sender: senderOf(c.origin, c.station),
      precedence: c.precedence,
      horizon: horizonYears(c.created, c.declDate) ?? NO_HORIZON,
      marks,
      lists: {
        tags: tags.get(c.id) ?? [],
        caveats: caveats.get(c.id) ?? [],
        reasons: reasons.get(c.id) ?? [],
        classifiers: c.classifiedBy ? c.classifiedBy.split("; ") : [],
        reported: reported.get(c.id) ?? [],
      },
      lines: (recipients.get(c.id) ?? []).map((r) => {
        const a = addresseeOf(r.name, r.route);
        return {
          post: a.post,
          kind: a.kind,
          role: r.role === "to" ? "to" : "info",
          route: r.route,
        };
      }),
    };
  });
}

/** Ints before a cable's lists: id, month, year, level, origin, sender, precedence, horizon, day, marks. */
export const HEAD = 9 + MARK_SLOTS.length;

/** Packs one cable's facts as the `facts` blob lays them out (migration 009-analytics-facts). */
export function pack(f: DerivedFacts, id: (text: string) => number): Int32Array {
  const opt = (text: string | null) => (text === null ? 0 : id(text));
  const out: number[] = [
    f.id,
    f.month,
    f.year,
    opt(f.level),
    opt(f.origin),
    id(f.sender),
    opt(f.precedence),
    f.horizon,
    opt(f.day),
    ...f.marks,
  ];
  for (const kind of LIST_KINDS) {
    out.push(f.lists[kind].length);
    for (const v of f.lists[kind]) out.push(id(v));
  }
  out.push(f.lines.length);
  for (const l of f.lines) out.push(id(l.post), lineFlags(l, id));
  return Int32Array.from(out);
}

export function lineFlags(l: DerivedLine, id: (text: string) => number): number {
  const route = l.route ? id(l.route.toUpperCase()) : 0;
  return (route << 3) | (KINDS.indexOf(l.kind) << 1) | (l.role === "to" ? 1 : 0);
}

const BATCH = 2000;

/**
 * Derives and stores the facts of every cable stored or given a new current version since the
 * last build (all of them when the derivation changed), in one transaction; returns how many.
 */
export function refreshAnalyticsFacts(db: Db): number {
  return db.transaction(() => {
    const s = stmts(db);
    const version = s.archiveVersion.get() ?? 0;
    const state = s.state.get();
    if (state && state.version === version && state.derive === DERIVE_VERSION) return 0;
    let ids: number[];
    if (!state || state.derive !== DERIVE_VERSION) {
      db.exec("DELETE FROM analytics_facts");
      ids = s.allIds.all();
    } else {
      ids = [...new Set([...s.changed.all(state.version), ...s.missing.all()])].sort(
        (a, b) => a - b,
      );
    }
    const d = dictionary(db);
    const id = (text: string) => {
      let v = d.ids.get(text);
      if (v === undefined) {
        v = Number(s.insertValue.run(text).lastInsertRowid);
        d.ids.set(text, v);
        d.texts[v] = text;
      }
      return v;
    };
    for (let i = 0; i < ids.length; i += BATCH) {
      for (const f of deriveFacts(db, ids.slice(i, i + BATCH))) {
        const packed = pack(f, id);
        s.insert.run(f.id, Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength));
      }
    }
    s.setState.run(version, DERIVE_VERSION);
    return ids.length;
  })();
}

/** Whether the stored facts describe the archive as it is now. */
export function analyticsFactsFresh(db: Db): boolean {
  const s = stmts(db);
  const state = s.state.get();
  return (
    !!state && state.derive === DERIVE_VERSION && state.version === (s.archiveVersion.get() ?? 0)
  );
}
