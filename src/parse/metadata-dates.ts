/**
 * Dates written in the sources' metadata → ISO 8601 UTC, and the repair of the 2011 WikiLeaks
 * site's created times. Pure functions; the identity resolver decides which date wins.
 */

export interface DateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// `2005-06-06 14:16` (HTML, mirror; `:SS` in raw database rows) and `6/6/2005 14:16` (cables.csv).
const ISO_LIKE = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:Z|\.\d+Z?)?$/;
const US_STYLE = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function valid(d: DateTime): DateTime | null {
  const ok =
    d.month >= 1 &&
    d.month <= 12 &&
    d.day >= 1 &&
    d.day <= daysIn(d.year, d.month) &&
    d.hour <= 23 &&
    d.minute <= 59 &&
    d.second <= 59;
  return ok ? d : null;
}

/** A metadata date as written, or an ISO string (the DTG), → its parts; null when not a date. */
export function parseMetadataDate(text: string | null | undefined): DateTime | null {
  const s = text?.trim();
  if (!s) return null;
  let m = ISO_LIKE.exec(s);
  if (m) {
    return valid({
      year: Number(m[1]),
      month: Number(m[2]),
      day: Number(m[3]),
      hour: Number(m[4]),
      minute: Number(m[5]),
      second: Number(m[6] ?? 0),
    });
  }
  m = US_STYLE.exec(s);
  if (m) {
    return valid({
      year: Number(m[3]),
      month: Number(m[1]),
      day: Number(m[2]),
      hour: Number(m[4]),
      minute: Number(m[5]),
      second: Number(m[6] ?? 0),
    });
  }
  return null;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

export function toIso(d: DateTime): string {
  return (
    `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}T` +
    `${pad(d.hour)}:${pad(d.minute)}:${pad(d.second)}Z`
  );
}

function sameDateAndHour(a: DateTime, b: DateTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour;
}

/**
 * The created time: metadata, else the DTG. The 2011 WikiLeaks site printed the hour on a 12-hour
 * clock where the minute belongs (`18:06` for 18:48): when metadata and DTG agree on date and hour
 * the metadata minute is not evidence, so the DTG's minute is taken (with a warning).
 */
export function resolveCreated(
  metadataCreated: string | null | undefined,
  dtg: string | null,
  warnings: string[],
): string | null {
  const meta = parseMetadataDate(metadataCreated);
  const fromDtg = parseMetadataDate(dtg);
  if (metadataCreated?.trim() && !meta) {
    warnings.push(
      `metadata created date ${JSON.stringify(metadataCreated)} is not a date; ignored`,
    );
  }
  if (!meta) return fromDtg ? toIso(fromDtg) : null;
  if (fromDtg && sameDateAndHour(meta, fromDtg) && meta.minute !== fromDtg.minute) {
    const fixed = { ...meta, minute: fromDtg.minute, second: 0 };
    warnings.push(
      `created time ${pad(meta.hour)}:${pad(meta.minute)} corrected to the DTG's ` +
        `${pad(fixed.hour)}:${pad(fixed.minute)} (the 2011 WikiLeaks site printed the hour in place of the minute)`,
    );
    return toIso(fixed);
  }
  return toIso(meta);
}

/** The released date (HTML pages only); null when absent or unreadable. */
export function resolveReleased(
  metadataReleased: string | null | undefined,
  warnings: string[],
): string | null {
  if (!metadataReleased?.trim()) return null;
  const d = parseMetadataDate(metadataReleased);
  if (!d) {
    warnings.push(
      `metadata released date ${JSON.stringify(metadataReleased)} is not a date; ignored`,
    );
  }
  return d ? toIso(d) : null;
}
