import { referenceTable } from "../reference/reference-data.js";
import { exactStation, resolveStation } from "../reference/stations.js";

/**
 * Reference ids (`05ALMATY2121`): two-digit year + canonical station + serial without leading
 * zeros. canonicalId turns an id as written anywhere — WikiLeaks ids including the malformed ones,
 * ids built from REF lines, PlusD ids — into that form.
 */

export interface IdParts {
  /** Four-digit year. */
  year: number;
  station: string;
  serial: number;
}

/** Ids are stricter context than free text: `BAU` before a serial can only be BAKU. */
const ID_FUZZY_MIN_LENGTH = 4;
const MAX_SERIAL_DIGITS = 7;
const MIN_UNKNOWN_STATION = 4;
const MEMO_LIMIT = 100_000;
const memo = new Map<string, string | null>();
let malformed: Map<string, string> | undefined;

/**
 * Words glued into WikiLeaks ids from the first line of the body: captions, addressee prefixes and
 * the garbled `SECTION nn OF nn`. A station is looked for after them; fragments (`SIFIED` of
 * CLASSIFIED, `ECTION` of SECTION) count too.
 */
const DEBRIS_PREFIXES = [
  "UNCLASSIFIED",
  "CONFIDENTIAL",
  "SECRET",
  "EFTO",
  "NOFORN",
  "SIPDIS",
  "SENSITIVE",
  "AMEMBASSY",
  "EMBASSY",
  "USMISSION",
  "AMCONSUL",
  "SECTION",
  "LIMDIS",
  "EXDIS",
  "NODIS",
];

/** Tokens after the serial that are not part of the id: TOSEC/SECTO numbers, operating signals. */
const DEBRIS_SUFFIX = /^(?:TOSEC|SECTO|Z[A-Z]{2}|SUSPECTED|DUPLICATE|SUSPECTEDDUPLICATE)$/;

/** Canonical id for an id as written anywhere, or null when it is not a cable id. */
export function canonicalId(raw: string): string | null {
  if (typeof raw !== "string") return null;
  const fast = wellFormed(raw);
  if (fast) return fast;
  const hit = memo.get(raw);
  if (hit !== undefined) return hit;
  const id = canonicalUncached(raw, true);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(raw, id);
  return id;
}

/** Parts of a canonical id. */
export function splitId(id: string): IdParts | null {
  const m = /^(\d{2})([A-Z]+)(\d+)$/.exec(id);
  if (!m) return null;
  return { year: fullYear(Number(m[1])), station: m[2]!, serial: Number(m[3]) };
}

/** Canonical id from parts already resolved (two- or four-digit year). */
export function formatId(year: number, station: string, serial: number): string {
  return `${String(year % 100).padStart(2, "0")}${station}${serial}`;
}

/** Four-digit year of a two-digit one: Cablegate runs from 1966 to 2010. */
export function fullYear(yy: number): number {
  return yy > 50 ? 1900 + yy : 2000 + yy;
}

/**
 * The common case, kept cheap because ids are canonicalised by the million: a well-formed id whose
 * station is known exactly and which is not one of the table's malformed ids.
 */
function wellFormed(raw: string): string | null {
  const m = WELL_FORMED.exec(raw);
  if (!m) return null;
  const upper = raw.trim().toUpperCase();
  if (malformedIds().has(upper)) return null;
  const station = exactStation(m[2]!.toUpperCase());
  return station ? `${m[1]}${station}${m[3]}` : null;
}

const WELL_FORMED = /^\s*(\d{2})([A-Za-z]{2,})0*([1-9]\d{0,6})\s*$/;

/**
 * canonicalId without the malformed-id table: what the rules alone make of an id. Exported so the
 * tests can check that the rules generalise beyond the table.
 */
export function canonicalIdByRules(raw: string): string | null {
  return canonicalUncached(raw, false);
}

function canonicalUncached(raw: string, useTable: boolean): string | null {
  // Spaces, hyphens and dots are how ids get written in prose and REF lines (`10-OTTAWA-57`,
  // `06 PORT-OF-SPAIN 123`); PlusD appends `_a`/`_b` to the Cablegate id.
  let s = raw
    .trim()
    .toUpperCase()
    .replace(/_[AB]$/, "")
    .replace(/[\s\-'’.,#/]+/g, "");
  if (s.length < 4 || s.length > 80 || !/^[A-Z0-9]+$/.test(s)) return null;
  const fixed = useTable ? malformedIds().get(s) : undefined;
  if (fixed) s = fixed;
  // A zero between letters is a letter O (`COTON0U`).
  s = s.replace(/(?<=[A-Z])0(?=[A-Z])/g, "O");
  const tokens = s.match(/[A-Z]+|[0-9]+/g) ?? [];
  const head = tokens[0];
  if (!head || !/^\d/.test(head)) return null;
  const year = splitYear(head, tokens[1]);
  if (!year) return null;
  const rest = year.rest ? [year.rest, ...tokens.slice(1)] : tokens.slice(1);
  if (year.letterO) rest[0] = `O${rest[0]}`;
  const found = findStationAndSerial(rest);
  return found ? `${year.yy}${found.station}${found.serial}` : null;
}

interface YearSplit {
  yy: string;
  /** Digits after the year that belong to the debris before the station (`0901OF02…`). */
  rest: string;
  /** The last year digit was a letter O starting the station (`050TTAWA`). */
  letterO: boolean;
}

function splitYear(digits: string, next: string | undefined): YearSplit | null {
  if (digits.length === 2) return { yy: digits, rest: "", letterO: false };
  if (digits.length === 3) {
    if (digits[2] === "0" && next && exactStation(`O${next}`)) {
      return { yy: digits.slice(0, 2), rest: "", letterO: true };
    }
    // `094 QUITO 841`: a zero-padded two-digit year.
    return digits[0] === "0" ? { yy: digits.slice(1), rest: "", letterO: false } : null;
  }
  if (digits.length === 4) {
    if (/^(?:19|20)/.test(digits)) return { yy: digits.slice(2), rest: "", letterO: false };
    // `7575LIBREVILLE1895`: the year written twice; otherwise section debris follows the year.
    if (digits.slice(0, 2) === digits.slice(2))
      return { yy: digits.slice(0, 2), rest: "", letterO: false };
    return { yy: digits.slice(0, 2), rest: digits.slice(2), letterO: false };
  }
  return null;
}

/**
 * Station and serial among the tokens after the year (letters and digits alternating). The
 * rightmost letters that name a known station win, so debris before them (`SETION02OF02BAKU`) is
 * skipped and debris after their serial (`MADRID002583ZFR2585`) is dropped.
 */
function findStationAndSerial(tokens: string[]): { station: string; serial: number } | null {
  const pairs: { letters: string; digits: string; index: number }[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]!;
    const d = tokens[i + 1]!;
    if (/^[A-Z]/.test(t) && /^\d/.test(d)) pairs.push({ letters: t, digits: d, index: i });
  }
  if (pairs.length === 0) return null;
  const lastIndex = tokens.length - 1;
  const tailIsDebris = (index: number) =>
    index + 1 === lastIndex || DEBRIS_SUFFIX.test(tokens[index + 2] ?? "");

  const usable = pairs.filter((p) => tailIsDebris(p.index) && !DEBRIS_SUFFIX.test(p.letters));
  for (let k = usable.length - 1; k >= 0; k--) {
    const p = usable[k]!;
    const station = exactStation(p.letters) ?? exactStation(stripDebris(p.letters));
    if (station) return withSerial(station, p.digits);
  }
  const last = usable[usable.length - 1];
  if (!last) return null;
  const bare = stripDebris(last.letters);
  const station = resolveStation(bare, ID_FUZZY_MIN_LENGTH);
  // A station the tables do not know is kept as written (old posts, new missions), but only with
  // a station's length: two or three letters before a number are abbreviations or debris.
  if (!station && bare.length < MIN_UNKNOWN_STATION) return null;
  return withSerial(station ?? bare, last.digits);
}

function withSerial(station: string, digits: string): { station: string; serial: number } | null {
  const serial = digits.replace(/^0+/, "");
  if (!serial || serial.length > MAX_SERIAL_DIGITS) return null;
  return { station, serial: Number(serial) };
}

/** Letters with a glued caption or addressee prefix removed (`EFTOBAKU` → `BAKU`). */
function stripDebris(letters: string): string {
  for (const word of DEBRIS_PREFIXES) {
    if (letters.startsWith(word) && letters.length > word.length + 2) {
      return letters.slice(word.length);
    }
  }
  // Fragments: the longest tail of the letters that is a known station, after a piece of a
  // debris word (`SIFIEDABUJA`, `ECTIONMANAMA`).
  for (let cut = 3; cut <= letters.length - 3; cut++) {
    const head = letters.slice(0, cut);
    if (!DEBRIS_PREFIXES.some((w) => w.endsWith(head) || w.startsWith(head))) continue;
    const tail = letters.slice(cut);
    if (exactStation(tail)) return tail;
  }
  return letters;
}

function malformedIds(): Map<string, string> {
  if (!malformed) {
    malformed = new Map();
    for (const r of referenceTable("malformed-reference-ids.csv")) {
      const from = r.wikileaks_reference_id;
      const to = r.corrected_reference_id;
      if (from && to) malformed.set(from.toUpperCase(), to.toUpperCase());
    }
  }
  return malformed;
}
