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

/**
 * Periods as consecutive integers, for series over tens of thousands of days: a day is its number
 * since 1970-01-01, a week the number of its Monday's week, a month year · 12 + month − 1, a year
 * itself. Consecutive periods are consecutive integers, so an axis is a range and a count an array
 * slot; keys and ranges are written only for the periods shown.
 */

/** Days since 1970-01-01 of `YYYY-MM-DD...`, NaN when it is not a date. */
export function dayNumber(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}/.test(date)) return Number.NaN;
  return utcDay(date) / DAY_MS;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Year, month (1–12) and day of a day number (the proleptic Gregorian calendar, as Date uses). */
function civil(day: number): [number, number, number] {
  // Howard Hinnant's days_from_civil inverse: exact integer arithmetic, no Date per day.
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** `YYYY-MM-DD` of a day number. */
export function dayText(day: number): string {
  const [y, m, d] = civil(day);
  return `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)}`;
}

/** The period index holding a day number. */
export function periodIndex(day: number, by: Period): number {
  switch (by) {
    case "day":
      return day;
    case "week":
      // 1970-01-01 was a Thursday: day −3 is the Monday that starts week 0.
      return Math.floor((day + 3) / 7);
    case "month": {
      const [y, m] = civil(day);
      return y * 12 + m - 1;
    }
    case "year":
      return civil(day)[0];
  }
}

/** First and last day number of a period index. */
function indexDays(index: number, by: Period): [number, number] {
  switch (by) {
    case "day":
      return [index, index];
    case "week":
      return [index * 7 - 3, index * 7 + 3];
    case "month": {
      const y = Math.floor(index / 12);
      const m = index - y * 12;
      return [Date.UTC(y, m, 1) / DAY_MS, Date.UTC(y, m + 1, 0) / DAY_MS];
    }
    case "year":
      return [Date.UTC(index, 0, 1) / DAY_MS, Date.UTC(index, 11, 31) / DAY_MS];
  }
}

/** The key and first and last day of a period index (what periodOf and periodRange give). */
export function periodAt(index: number, by: Period): { period: string; from: string; to: string } {
  const [first, last] = indexDays(index, by);
  const from = dayText(first);
  const to = first === last ? from : dayText(last);
  switch (by) {
    case "day":
      return { period: from, from, to };
    case "week":
      return { period: isoWeek(first * DAY_MS), from, to };
    case "month":
      return { period: from.slice(0, 7), from, to };
    case "year":
      return { period: from.slice(0, 4), from, to };
  }
}
