/**
 * What a result set's cables report, by date: the event dates read from their paragraphs
 * (src/model/event-dates.ts, stored by src/store/event-dates.ts). A timeline shows them beside
 * when the cables were sent; a period's count links to the cables that report a date in it.
 *
 * The unit is a cable-day: each day a cable reports counts once for that cable, however many
 * paragraphs repeat it; a range counts on its first day.
 */
import type { FactSet } from "../store/analytics-facts.js";
import type { AnalyticsSource } from "./source.js";

export interface ReportedDay {
  day: string;
  count: number;
}

/** Cables of the set reporting each day, from their facts (src/store/analytics-facts.ts). */
export async function reportedDays(src: AnalyticsSource, ids: Int32Array): Promise<ReportedDay[]> {
  return reportedOf(await src.facts(ids));
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
export async function reportingCables(
  src: AnalyticsSource,
  ids: Int32Array,
  from: string,
  to: string,
): Promise<ReportingCable[]> {
  const per = new Map<number, string[]>();
  for (const { id, text } of await src.reportedTexts(ids, from, to)) {
    const list = per.get(id);
    if (!list) per.set(id, [text]);
    else if (!list.includes(text)) list.push(text);
  }
  const order = await src.firstCables([...per.keys()], per.size);
  return order.map((c) => ({ id: c.id, phrases: per.get(c.id)! }));
}
