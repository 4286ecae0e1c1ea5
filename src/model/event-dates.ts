/**
 * Dates of events reported inside a cable's text (`on May 13`, `13 May 2005`, `May 13-15`,
 * `May 30 to June 2`), resolved to calendar days against the cable's own date. Pure: the store keeps
 * what it finds (src/store/event-dates.ts) so timelines can place what cables report beside when
 * they were sent.
 *
 * Handled: month names (full or abbreviated, any case) with a day before or after, an optional
 * ordinal suffix, an optional year (four digits, or two after a comma), day
 * ranges and ranges across months, and lists of days (`May 13 and 14`). A date without a year takes
 * the year that puts it nearest the cable's date (a cable of 10 January 2005 reporting `December 28`
 * means 2004); a weekday written beside it (`Tuesday, May 13`) picks among the nearest years.
 *
 * Not handled, on purpose: relative dates (`yesterday`, `last Tuesday`): a cable is dated when it
 * was transmitted, often days after it was drafted, so "last Tuesday" counted from that date is
 * wrong by a week whenever a weekend or a slow clearance fell in between. Numeric dates
 * (`5/13/05`) are read both ways across posts. Date-time groups (`131245Z MAY 05`) date other
 * messages, not events. Month-day names of movements and alliances (`the March 14 coalition`,
 * `April 6 Youth Movement`) are names, not dates.
 */

export interface EventDate {
  /** First day, `YYYY-MM-DD`. */
  start: string;
  /** Last day (the same as `start` for a single day). */
  end: string;
  /** The words the date was read from, as written. */
  text: string;
  /** Whether the year was written (else inferred from the cable's date). */
  yearGiven: boolean;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const MONTH =
  "(?:jan(?:uary|\\.)?|feb(?:ruary|\\.)?|mar(?:ch|\\.)?|apr(?:il|\\.)?|may|june?|july?|aug(?:ust|\\.)?|sept?(?:ember|\\.)?|oct(?:ober|\\.)?|nov(?:ember|\\.)?|dec(?:ember|\\.)?)";
const DAY = "(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?";
const RANGE = "\\s*(?:-|–|—|to|through|thru|until|and)\\s*";
const YEAR = "(?:,?\\s*(?:19|20)\\d\\d|,\\s*'?\\d\\d)";
const WEEKDAY = "(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\\.?";

/**
 * One pattern, tried left to right; named groups say which form matched. Day and month are apart
 * and stand alone (no digit, colon or slash beside them), so times, serials, paragraph numbers and
 * document codes (`AG/Apr08/CL/USA/15`) do not count.
 */
const PATTERN = new RegExp(
  [
    "(?:",
    // Month first: May 13[, 2005] | May 13-15[, 2005] | May 30 - June 2[, 2005]
    `(?<![/\\w])(?<m1>${MONTH})\\s+(?<d1>${DAY})(?![\\d:/])`,
    `(?:${RANGE}(?:(?<m1b>${MONTH})\\s+)?(?<d1b>${DAY})(?![\\d:/]))?`,
    `(?<y1>${YEAR})?`,
    "|",
    // Day first: 13 May[ 2005] | 13-15 May[ 2005] | 30 May - 2 June[ 2005]
    `(?<![/\\w])(?<d2>${DAY})(?:\\s+(?<m2a>${MONTH}))?${RANGE.replace("and)", "and|&)")}(?<d2b>${DAY})\\s+(?:of\\s+)?(?<m2>${MONTH})(?<y2>${YEAR})?`,
    "|",
    `(?<![/\\w])(?<d3>${DAY})\\s+(?:of\\s+)?(?<m3>${MONTH})(?<y3>${YEAR})?`,
    ")",
    "(?![a-z\\d])",
  ].join(""),
  "gi",
);

/** A month word beside a number somewhere: most paragraphs have none, and this test is cheap. */
const CANDIDATE =
  /(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z.]*\s*\d|\d(?:st|nd|rd|th)?\s*(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;

/** Words after a month-day that make it the name of a group, not a date. */
const NAME_AFTER =
  /^\s*(?:coalition|alliance|forces?|movement|bloc|camp|group|organi[sz]ation|party|parties|revolution|youth|majority|opposition|leaders?|mps?|deputies|members|politicians|figures|list|current|generation|protesters|supporters|rallies|agreement|accords?|activists?|militants?)\b/i;
/**
 * Month-days that name movements in the cables' countries (Lebanon's March 14 and March 8, Egypt's
 * April 6, Libya's February 17, Cuba's July 26, Greece's November 17): read as a date only after a
 * word that introduces one ("on March 14") or with a year ("for March 14 and western interests"
 * is the coalition).
 */
const MOVEMENT_NAMES = new Set(["3-14", "3-8", "4-6", "2-17", "7-26", "11-17"]);
const DATE_BEFORE =
  /\b(?:on|since|until|till|by|before|after|from|through|of|between|and|to|early|late|mid|dated|the)\s*$/i;
/** A weekday just before a date: `Tuesday, May 13`, `Tuesday (May 13)`. */
const WEEKDAY_BEFORE = new RegExp(`\\b(${WEEKDAY}),?\\s*\\(?\\s*$`, "i");
/** A date-time group: `131245Z MAY 05` — the day is glued to a time and a Z. */
const DTG_BEFORE = /\d{4,}\s*z\s*$/i;

const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

function monthOf(word: string | undefined): number | null {
  if (!word) return null;
  const w = word.toLowerCase().replace(".", "");
  return MONTHS[w.slice(0, w.startsWith("sept") ? 4 : 3)] ?? null;
}

function dayOf(word: string | undefined): number | null {
  if (!word) return null;
  const n = Number.parseInt(word, 10);
  return n >= 1 && n <= 31 ? n : null;
}

function yearOf(word: string | undefined): number | null {
  if (!word) return null;
  const digits = word.replace(/[^\d]/g, "");
  if (digits.length === 4) return Number(digits);
  const n = Number(digits);
  return n < 50 ? 2000 + n : 1900 + n;
}

function valid(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const iso = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

const DAY_MS = 86_400_000;

/**
 * The year for month/day nearest `anchor` (ms): of the year before, of and after the cable's, the
 * one closest in time — restricted to those falling on `weekday` (0 = Sunday) when one is given
 * and any does.
 */
function nearestYear(anchor: number, m: number, d: number, weekday: number | null): number | null {
  const year = new Date(anchor).getUTCFullYear();
  const candidates = [year - 1, year, year + 1].filter((y) => valid(y, m, d));
  const onDay =
    weekday === null
      ? candidates
      : candidates.filter((y) => new Date(Date.UTC(y, m - 1, d)).getUTCDay() === weekday);
  const pool = onDay.length > 0 ? onDay : candidates;
  let best: number | null = null;
  for (const y of pool) {
    if (
      best === null ||
      Math.abs(Date.UTC(y, m - 1, d) - anchor) < Math.abs(Date.UTC(best, m - 1, d) - anchor)
    ) {
      best = y;
    }
  }
  return best;
}

function weekdayOf(word: string | undefined): number | null {
  if (!word) return null;
  const i = WEEKDAYS.indexOf(word.trim().toLowerCase().slice(0, 3));
  return i === -1 ? null : i;
}

/** Years a written year may take: a cable reports the past freely, the future only a little. */
const EARLIEST_YEAR = 1900;
const FUTURE_YEARS = 25;

/**
 * Event dates in one paragraph, resolved against `created` (the cable's `YYYY-MM-DD...` date; null
 * when the cable is undated, and then only dates with a written year are kept).
 */
export function eventDates(text: string, created: string | null): EventDate[] {
  const anchor =
    created && /^\d{4}-\d{2}-\d{2}/.test(created)
      ? Date.parse(`${created.slice(0, 10)}T00:00:00Z`)
      : null;
  const latest =
    (anchor === null ? new Date().getUTCFullYear() : new Date(anchor).getUTCFullYear()) +
    FUTURE_YEARS;
  const out: EventDate[] = [];
  if (!CANDIDATE.test(text)) return out;
  for (const match of text.matchAll(PATTERN)) {
    const g = match.groups ?? {};
    const at = match.index ?? 0;
    const after = text.slice(at + match[0].length, at + match[0].length + 40);
    if (NAME_AFTER.test(after)) continue;
    if (DTG_BEFORE.test(text.slice(Math.max(0, at - 12), at))) continue;
    let m: number | null;
    let d: number | null;
    let mEnd: number | null;
    let dEnd: number | null;
    let yearWord: string | undefined;
    if (g.m1) {
      m = monthOf(g.m1);
      d = dayOf(g.d1);
      mEnd = g.m1b ? monthOf(g.m1b) : m;
      dEnd = g.d1b ? dayOf(g.d1b) : d;
      yearWord = g.y1;
    } else if (g.m2) {
      mEnd = monthOf(g.m2);
      m = g.m2a ? monthOf(g.m2a) : mEnd;
      d = dayOf(g.d2);
      dEnd = dayOf(g.d2b);
      yearWord = g.y2;
    } else {
      m = monthOf(g.m3);
      d = dayOf(g.d3);
      mEnd = m;
      dEnd = d;
      yearWord = g.y3;
    }
    if (m === null || d === null || mEnd === null || dEnd === null) continue;
    if (!yearWord && [g.m1, g.m2a, g.m2, g.m3].includes("may")) continue;
    // "may" in lower case is as often the verb beside a number ("point 3 may be"): only with a year.
    if (
      !yearWord &&
      MOVEMENT_NAMES.has(`${m}-${d}`) &&
      m === mEnd &&
      d === dEnd &&
      !DATE_BEFORE.test(text.slice(Math.max(0, at - 10), at))
    ) {
      continue;
    }
    const written = yearOf(yearWord);
    let y: number | null;
    if (written !== null) y = written;
    else if (anchor === null) continue;
    else {
      const weekday = WEEKDAY_BEFORE.exec(text.slice(Math.max(0, at - 14), at))?.[1];
      y = nearestYear(anchor, m, d, weekdayOf(weekday));
    }
    if (y === null || y < EARLIEST_YEAR || y > latest || !valid(y, m, d)) continue;
    // A range ends in the same year unless it runs over New Year (December 30 to January 2).
    const yEnd = mEnd < m ? y + 1 : y;
    if (!valid(yEnd, mEnd, dEnd)) continue;
    let start = Date.UTC(y, m - 1, d);
    let end = Date.UTC(yEnd, mEnd - 1, dEnd);
    if (end < start || end - start > 92 * DAY_MS) {
      // Not a range after all ("May 13 and 2 others"): keep the first day alone.
      end = start;
    }
    if (start > end) [start, end] = [end, start];
    out.push({
      start: iso(y, m, d),
      end: new Date(end).toISOString().slice(0, 10),
      text: match[0].trim(),
      yearGiven: written !== null,
    });
  }
  return out;
}
