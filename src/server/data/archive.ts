/**
 * Counts over the whole archive that the search layer does not give, grouped as the browse pages
 * show them: cables per year, each with its months. The archive counts (src/archive/reads.ts);
 * each back end reads an index, not the wide cable rows.
 */
import type { Archive } from "../../archive/archive.js";

export interface YearCount {
  year: string;
  count: number;
  months: { month: string; count: number }[];
}

/** Cables created per year, each with its months. */
export async function yearCounts(archive: Archive): Promise<YearCount[]> {
  const years = new Map<string, YearCount>();
  for (const m of await archive.monthCounts()) {
    const year = m.month.slice(0, 4);
    let y = years.get(year);
    if (!y) {
      y = { year, count: 0, months: [] };
      years.set(year, y);
    }
    y.count += m.count;
    y.months.push(m);
  }
  return [...years.values()];
}
