/**
 * What a result set's cables report, by date: the event dates read from their paragraphs
 * (src/model/event-dates.ts, stored by src/store/event-dates.ts). A timeline shows them beside
 * when the cables were sent; a period's count links to the cables that report a date in it.
 *
 * The unit is a cable-day: each day a cable reports counts once for that cable, however many
 * paragraphs repeat it; a range counts on its first day.
 */
import type { FactSet } from "../store/analytics-facts.js";
import { readFacts } from "../store/analytics-facts-read.js";
import type { Db } from "../store/db.js";
import { ensureEventDates, readEventDates } from "../store/event-dates.js";
import { idsJson } from "./result.js";

export interface ReportedDay {
  day: string;
  count: number;
}

/** Cables of the set reporting each day, from their facts (src/store/analytics-facts.ts). */
export function reportedDays(db: Db, ids: Int32Array): ReportedDay[] {
  return reportedOf(readFacts(db, ids));
}

/** Cables reporting each day, from facts already read. */
export function reportedOf(f: FactSet): ReportedDay[] {
  const { start, values } = f.lists.reported;
  return countDays(f, values, 0, start[f.n]!);
}

/** Occurrences of each day value id in `days[from..to)`, as day text and count. */
export function countDays(f: FactSet, days: Int32Array, from: number, to: number): ReportedDay[] {
  const counts = new Map<number, number>();
  for (let k = from; k < to; k++) {
    const d = days[k]!;
    if (d !== 0) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  return [...counts].map(([d, count]) => ({ day: f.text(d) ?? "", count }));
}

export interface ReportingCable {
  id: number;
  /** The dates it reports in the window, as written, in paragraph order. */
  phrases: string[];
}

/** Cables of the set reporting a date from `from` to `to` (inclusive days), by creation date. */
export function reportingCables(
  db: Db,
  ids: Int32Array,
  from: string,
  to: string,
): ReportingCable[] {
  const stale = ensureEventDates(db);
  const per = new Map<number, string[]>();
  const add = (id: number, text: string) => {
    const list = per.get(id);
    if (!list) per.set(id, [text]);
    else if (!list.includes(text)) list.push(text);
  };
  for (const r of db
    .prepare<[string, string, string], { id: number; text: string }>(
      `SELECT e.cable_id AS id, e.text FROM json_each(?) j
         CROSS JOIN event_dates e ON e.cable_id = j.value
        WHERE e.start BETWEEN ? AND ? ORDER BY e.cable_id, e.seq`,
    )
    .all(idsJson(ids), from, to)) {
    if (!stale.has(r.id)) add(r.id, r.text);
  }
  if (stale.size > 0) {
    const created = db
      .prepare<[number], string | null>("SELECT created FROM cables WHERE id = ?")
      .pluck();
    for (const id of ids) {
      if (!stale.has(id)) continue;
      for (const e of readEventDates(db, id, created.get(id) ?? null)) {
        if (e.start >= from && e.start <= to) add(id, e.text);
      }
    }
  }
  const order = db
    .prepare<[string], number>(
      `SELECT c.id FROM json_each(?) j CROSS JOIN cables c ON c.id = j.value ORDER BY c.created, c.id`,
    )
    .pluck()
    .all(JSON.stringify([...per.keys()]));
  return order.map((id) => ({ id, phrases: per.get(id)! }));
}
