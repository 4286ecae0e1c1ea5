import { DTG_LINE } from "./lines.js";

/**
 * FL5, the precedence and date-time group line (spec §3.5, precedence.csv): `O P 180800Z MAR 08 ZDS`
 * → action precedence IMMEDIATE, DTG 2008-03-18T08:00:00Z.
 */

const PROSIGN: Record<string, string> = {
  Z: "FLASH",
  O: "IMMEDIATE",
  P: "PRIORITY",
  R: "ROUTINE",
  Y: "EMERGENCY COMMAND PRECEDENCE",
};

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

export interface DtgLine {
  /** Precedence of the action addressees, from the first prosign. */
  precedence: string | null;
  /** ISO 8601 UTC, or null when the group is not a real date. */
  dtg: string | null;
}

/** Precedence word for a prosign letter (`O` → IMMEDIATE), or null. */
export function precedenceOfProsign(letter: string): string | null {
  return PROSIGN[letter.toUpperCase()] ?? null;
}

/** Cablegate runs from 1966: two-digit years from 66 on are 19xx, the rest 20xx. */
function fullYear(yy: string): number {
  const n = Number(yy);
  if (yy.length === 4) return n;
  return n >= 66 ? 1900 + n : 2000 + n;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** `131503` + `MAR` + `08` → `2008-03-13T15:03:00Z`, or null for an impossible date. */
export function dtgToIso(ddhhmm: string, mon: string, yy: string): string | null {
  const month = MONTHS.indexOf(mon.toUpperCase());
  const day = Number(ddhhmm.slice(0, 2));
  const hour = Number(ddhhmm.slice(2, 4));
  const minute = Number(ddhhmm.slice(4, 6));
  const year = fullYear(yy);
  if (month < 0 || day < 1 || hour > 23 || minute > 59) return null;
  const date = new Date(Date.UTC(year, month, day, hour, minute));
  if (date.getUTCDate() !== day) return null;
  return `${year}-${pad(month + 1)}-${pad(day)}T${pad(hour)}:${pad(minute)}:00Z`;
}

const DTG_ANY_LINE = new RegExp(DTG_LINE.source, "m");

/** A date-time group without prosign, all that partial extracts keep of their header. */
export const BARE_DTG = /^[ \t]*(\d{6})Z[ \t]+([A-Za-z]{3})[ \t]+(\d{4}|\d{2})(?!\d)/m;

/** Reads the first DTG line of a header, or null when there is none. */
export function parseDtgLine(header: string): DtgLine | null {
  const m = DTG_ANY_LINE.exec(header);
  if (!m) {
    const bare = BARE_DTG.exec(header);
    return bare ? { precedence: null, dtg: dtgToIso(bare[1]!, bare[2]!, bare[3]!) } : null;
  }
  return {
    precedence: precedenceOfProsign(m[1]!),
    dtg: dtgToIso(m[3]!, m[4]!, m[5]!),
  };
}
