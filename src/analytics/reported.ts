/**
 * What a result set's cables report, by date: the event dates read from their paragraphs
 * (src/model/event-dates.ts, stored by src/store/event-dates.ts). A timeline shows them beside
 * when the cables were sent; a period's count links to the cables that report a date in it.
 *
 * The unit is a cable-day: each day a cable reports counts once for that cable, however many
 * paragraphs repeat it; a range counts on its first day.
 */
import type { Db } from "../store/db.js";
import { ensureEventDates, readEventDates } from "../store/event-dates.js";
import { idsJson } from "./result.js";

export interface ReportedDay {
  day: string;
  count: number;
}

/** Cables of the set reporting each day (from the stored dates, read anew for stale cables). */
export function reportedDays(db: Db, ids: Int32Array): ReportedDay[] {
  const stale = ensureEventDates(db);
  const counts = new Map<string, number>();
  // The index gives each cable's days in order: a repeat is the row before, so no sort is needed
  // (a GROUP BY day with count(DISTINCT) would sort every row of a broad set).
  let lastId = -1;
  let lastDay = "";
  for (const [id, day] of db
    .prepare<[string], [number, string]>(
      `SELECT e.cable_id, e.start FROM json_each(?) j
         CROSS JOIN event_dates e INDEXED BY event_dates_cable ON e.cable_id = j.value`,
    )
    .raw()
    .iterate(idsJson(stale.size === 0 ? ids : ids.filter((id) => !stale.has(id))))) {
    if (id === lastId && day === lastDay) continue;
    lastId = id;
    lastDay = day;
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  if (stale.size > 0) {
    const created = db
      .prepare<[number], string | null>("SELECT created FROM cables WHERE id = ?")
      .pluck();
    for (const id of ids) {
      if (!stale.has(id)) continue;
      for (const day of new Set(
        readEventDates(db, id, created.get(id) ?? null).map((e) => e.start),
      )) {
        counts.set(day, (counts.get(day) ?? 0) + 1);
      }
    }
  }
  return [...counts].map(([day, count]) => ({ day, count }));
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
