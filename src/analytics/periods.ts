/**
 * Calendar periods of a time series: day (`2008-05-13`), ISO week (`2008-W20`, weeks start on
 * Monday and belong to the year of their Thursday), month (`2008-05`) and year (`2008`). Each
 * period knows its first and last day, so a bar or a burst can narrow a search to exactly it.
 * Pure; dates are UTC calendar days (`created` is stored in UTC).
 */

export const PERIODS = ["day", "week", "month", "year"] as const;
export type Period = (typeof PERIODS)[number];

const DAY_MS = 86_400_000;

function utcDay(date: string): number {
  return Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
  );
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Monday of the ISO week holding `ms`. */
function monday(ms: number): number {
  const dow = (new Date(ms).getUTCDay() + 6) % 7;
  return ms - dow * DAY_MS;
}

function isoWeek(ms: number): string {
  const thursday = monday(ms) + 3 * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

function weekMonday(key: string): number {
  const year = Number(key.slice(0, 4));
  const week = Number(key.slice(6));
  // 4 January is always in week 1.
  return monday(Date.UTC(year, 0, 4)) + (week - 1) * 7 * DAY_MS;
}

/** The period holding a day (`YYYY-MM-DD...`), or null when it is not a date. */
export function periodOf(date: string | null, by: Period): string | null {
  if (!date || !/^\d{4}-\d{2}-\d{2}/.test(date)) return null;
  switch (by) {
    case "day":
      return date.slice(0, 10);
    case "week":
      return isoWeek(utcDay(date));
    case "month":
      return date.slice(0, 7);
    case "year":
      return date.slice(0, 4);
  }
}

/** First and last day (`YYYY-MM-DD`) of a period key. */
export function periodRange(key: string, by: Period): { from: string; to: string } {
  switch (by) {
    case "day":
      return { from: key, to: key };
    case "week": {
      const start = weekMonday(key);
      return { from: isoDate(start), to: isoDate(start + 6 * DAY_MS) };
    }
    case "month": {
      const y = Number(key.slice(0, 4));
      const m = Number(key.slice(5, 7));
      return { from: `${key}-01`, to: isoDate(Date.UTC(y, m, 0)) };
    }
    case "year":
      return { from: `${key}-01-01`, to: `${key}-12-31` };
  }
}

/** The period after `key`. */
export function nextPeriod(key: string, by: Period): string {
  const { to } = periodRange(key, by);
  return periodOf(isoDate(utcDay(to) + DAY_MS), by)!;
}

/** Every period from `first` to `last` inclusive, none skipped (a time axis has no gaps). */
export function periodsBetween(first: string, last: string, by: Period): string[] {
  const out: string[] = [];
  for (let k = first; k <= last; k = nextPeriod(k, by)) out.push(k);
  return out;
}

/** Rolls counts per day up into counts per period, in period order. */
export function rollUp(
  days: readonly { day: string; count: number }[],
  by: Period,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of days) {
    const k = periodOf(d.day, by);
    if (k !== null) out.set(k, (out.get(k) ?? 0) + d.count);
  }
  return new Map([...out].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}
