import { fullYear } from "../../model/reference-id.js";
import { stationKey } from "../../reference/station-tables.js";
import { knownStation, resolveStation } from "../../reference/stations.js";
import { type Token, tokenize } from "./tokens.js";

/**
 * Cable citations inside one REF item: optional year + station as written + serial, with the
 * forms drafters use — year before (`06 TBILISI 2601`, `2007 MANAGUA 2135`, `'08`, `(99) ROME`,
 * `09DHAHRAN`, `10-OTTAWA-57`), inside (`STATE (01) 201265`) or after (`ASUNCION 701 (08)`,
 * `PANAMA 00930/08`, `QUITO 4525-91`, `AMMAN 07718 99`); `#`, a marking or `CABLE` between station
 * and serial; `AND`, `&`, `,` and `/` lists of further serials; and the serial first
 * (`870 Ulaanbaatar`). A station is any spelling canonicalStation knows.
 */

export interface CitedSerial {
  serial: number;
  /** Two-digit year written for this citation, or null (the citing cable's year applies). */
  yy: string | null;
}

export interface CableAtom {
  /** Offsets in the item text. */
  start: number;
  end: number;
  station: string;
  serials: CitedSerial[];
}

const MAX_STATION_WORDS = 4;
const MAX_SERIAL_DIGITS = 7;
/** Free-text typo repair needs a longer word than ids do: `PARAS 5` must stay PARAS. */
const FUZZY_MIN_LENGTH = 5;
const FILLER_WORDS = new Set(["CABLE", "CABLES", "TEL", "TELS", "TELEGRAM", "REFTEL", "NO", "NR"]);
const MARKINGS = /^(?:U|C|S|TS|SBU|LOU|NF|[CS]\/NF|SBU\/NF)$/i;
const CONNECTORS = new Set(["AND", "&", ",", "/", "PLUS"]);

export function findCableAtoms(text: string, docYear: number | null): CableAtom[] {
  const t = tokenize(text);
  const atoms: CableAtom[] = [];
  let i = 0;
  while (i < t.length) {
    const tok = t[i]!;
    // Only a word, a number, `(99)` or `'08` can open a citation.
    if (
      tok.kind === "punct"
        ? tok.value !== "'" && tok.value !== "’"
        : tok.kind === "paren" && !/^\d+$/.test(tok.value)
    ) {
      i++;
      continue;
    }
    const found = atomAt(t, i, docYear) ?? reverseAtomAt(t, i, docYear);
    if (found) {
      atoms.push(found.atom);
      i = found.next;
    } else i++;
  }
  return atoms;
}

/** The text opens with a cable citation (used to tell `A Montreal 365` from `A MEETING`). */
export function startsWithCable(text: string, docYear: number | null): boolean {
  const t = tokenize(text.slice(0, 80));
  return atomAt(t, 0, docYear) !== null;
}

interface Found {
  atom: CableAtom;
  next: number;
}

function atomAt(t: Token[], i: number, docYear: number | null): Found | null {
  let k = i;
  const prefix = yearPrefix(t, k);
  if (prefix) k = prefix.next;
  const st = stationBeforeSerial(t, k);
  if (!st) return null;
  const s = st.serial;
  const suffix = yearSuffix(t, s.index + 1, docYear);
  const first: CitedSerial = { serial: s.serial, yy: suffix?.yy ?? s.yy ?? prefix?.yy ?? null };
  const atom: CableAtom = { start: t[i]!.start, end: 0, station: st.station, serials: [first] };
  const next = continuations(t, suffix?.next ?? s.index + 1, docYear, atom, s.yy ?? prefix?.yy);
  atom.end = t[next - 1]!.end;
  return { atom, next };
}

/** `870 Ulaanbaatar`, `377 KATHMANDU,`: the serial written before a station that ends the item. */
function reverseAtomAt(t: Token[], i: number, docYear: number | null): Found | null {
  const n = t[i];
  if (n?.kind !== "num" || n.value.length < 3 || n.value.length > MAX_SERIAL_DIGITS) return null;
  if (/^(?:19|20)\d\d$/.test(n.value)) return null;
  const serial = Number(n.value);
  if (!serial) return null;
  const { words, ends } = wordsFrom(t, i + 1);
  for (let w = words.length; w >= 1; w--) {
    const next = ends[w - 1]!;
    const after = t[next];
    // The station must close the citation, else the number was a year (`06 TBILISI 2601`).
    if (after && after.kind !== "paren" && !(after.kind === "punct" && /[,;:]/.test(after.value))) {
      continue;
    }
    const station = knownStation(words.slice(0, w).join(" "));
    if (!station) continue;
    const suffix = yearSuffix(t, next, docYear);
    const end = suffix?.next ?? next;
    const atom: CableAtom = {
      start: n.start,
      end: t[end - 1]!.end,
      station,
      serials: [{ serial, yy: suffix?.yy ?? null }],
    };
    return { atom, next: end };
  }
  return null;
}

/** A year written before the station: `06`, `2006`, `'06`, `(06)`, `094`, glued `09DHAHRAN`. */
function yearPrefix(t: Token[], k: number): { yy: string; next: number } | null {
  const tok = t[k];
  if (!tok) return null;
  let yy: string | null = null;
  let next = k + 1;
  if (tok.kind === "punct" && /['’]/.test(tok.value)) {
    const n = t[k + 1];
    if (n?.kind === "num" && n.value.length === 2 && !n.gap) {
      yy = n.value;
      next = k + 2;
    }
  } else if (tok.kind === "num") {
    yy = yearDigits(tok.value);
    if (yy && t[next]?.kind === "punct" && t[next]!.value === "-" && !t[next]!.gap) next++;
  } else if (tok.kind === "paren" && /^\d{2}(?:\d{2})?$/.test(tok.value)) {
    yy = tok.value.slice(-2);
  }
  return yy && t[next]?.kind === "word" ? { yy, next } : null;
}

function yearDigits(digits: string): string | null {
  if (digits.length === 2) return digits;
  if (digits.length === 4 && /^(?:19|20)/.test(digits)) return digits.slice(2);
  // `094 QUITO 841`: a zero-padded year.
  if (digits.length === 3 && digits[0] === "0") return digits.slice(1);
  return null;
}

interface Serial {
  serial: number;
  index: number;
  yy: string | null;
}

/**
 * The station written from token k on, when a serial follows it: the longest known spelling
 * first, then a repaired typo of one or two words. Only spans that a serial follows are looked
 * up, which keeps the lookups few.
 */
function stationBeforeSerial(t: Token[], k: number): { station: string; serial: Serial } | null {
  if (!numberWithin(t, k, MAX_STATION_WORDS + 4)) return null;
  const { words, ends } = wordsFrom(t, k);
  for (let n = words.length; n >= 1; n--) {
    const serial = serialAfter(t, ends[n - 1]!);
    if (!serial) continue;
    const station = knownStation(words.slice(0, n).join(" ")) ?? reversedPair(words, n);
    if (station) return { station, serial };
  }
  for (let n = Math.min(2, words.length); n >= 1; n--) {
    // Two words are repaired together only when both are words (`SAO PAUO`), not an enumerator
    // glued to a name (`L BRUSSELS`) or a possessive (`TEHRAN'S A-077`, an airgram).
    if (n === 2 && (words[0]!.length < 2 || words[1]!.length < 2 || /'S$/.test(words[0]!)))
      continue;
    const serial = serialAfter(t, ends[n - 1]!);
    if (!serial) continue;
    const station = resolveStation(stationKey(words.slice(0, n).join("")), FUZZY_MIN_LENGTH);
    if (station) return { station, serial };
  }
  return null;
}

/** A number among the next `span` tokens: without one there is no citation to look up. */
function numberWithin(t: Token[], k: number, span: number): boolean {
  for (let j = k; j < t.length && j < k + span; j++) if (t[j]!.kind === "num") return true;
  return false;
}

/** `DUBAI RPO 378`: two words written the other way round. */
function reversedPair(words: string[], n: number): string | null {
  return n === 2 ? knownStation(`${words[1]} ${words[0]}`) : null;
}

/** Up to four words from k (`ST. PETERSBURG` counts as two), with the token index after each. */
function wordsFrom(t: Token[], k: number): { words: string[]; ends: number[] } {
  const words: string[] = [];
  const ends: number[] = [];
  for (let j = k; j < t.length && words.length < MAX_STATION_WORDS; j++) {
    const tok = t[j]!;
    if (tok.kind === "word") {
      words.push(tok.value);
      ends.push(j + 1);
    } else if (!(tok.kind === "punct" && tok.value === "." && !tok.gap && words.length > 0)) {
      break;
    }
  }
  return { words, ends };
}

/** The serial after a station, past `#`, `-`, a marking `(C)`, a year `(01)` or `CABLE`/`NO.`. */
function serialAfter(t: Token[], k: number): Serial | null {
  let yy: string | null = null;
  for (let steps = 0; steps < 3; steps++) {
    const tok = t[k];
    if (!tok) return null;
    if (tok.kind === "punct" && (tok.value === "#" || (tok.value === "-" && !tok.gap))) k++;
    else if (tok.kind === "punct" && tok.value === "," && (t[k + 1]?.value.length ?? 0) >= 3) k++;
    else if (tok.kind === "paren" && MARKINGS.test(tok.value)) k++;
    else if (tok.kind === "paren" && /^\d{2}(?:\d{2})?$/.test(tok.value)) {
      yy = tok.value.slice(-2);
      k++;
    } else if (tok.kind === "word" && FILLER_WORDS.has(tok.value)) {
      k++;
      if (t[k]?.value === "." && !t[k]!.gap) k++;
    } else break;
  }
  const n = t[k];
  if (n?.kind !== "num") return null;
  const serial = serialValue(n.value);
  if (serial === null) return null;
  const after = t[k + 1];
  // `251847Z` is a date-time group, `1.4` a paragraph or reason number.
  if (
    after &&
    !after.gap &&
    (after.kind === "word" || (after.value === "." && t[k + 2]?.kind === "num" && !t[k + 2]!.gap))
  ) {
    return null;
  }
  return { serial, index: k, yy };
}

function serialValue(digits: string): number | null {
  // Zero padding does not count: `RECIFE 00000074` is serial 74.
  if (digits.replace(/^0+/, "").length > MAX_SERIAL_DIGITS) return null;
  const serial = Number(digits);
  return serial > 0 ? serial : null;
}

/** A year written after a serial: `/08`, `-91`, `(08)`, `(2002)`, or ` 99` closing the citation. */
function yearSuffix(
  t: Token[],
  k: number,
  docYear: number | null,
): { yy: string; next: number } | null {
  const tok = t[k];
  if (!tok) return null;
  let yy: string | null = null;
  let next = k + 1;
  const n = t[k + 1];
  if (tok.kind === "punct" && (tok.value === "/" || tok.value === "-") && !tok.gap) {
    if (n?.kind === "num" && n.value.length === 2 && !n.gap) {
      const chained = t[k + 2]?.value === "/" && !t[k + 2]!.gap;
      if (!chained) {
        yy = n.value;
        next = k + 2;
      }
    }
  } else if (tok.kind === "paren" && /^\d{2}(?:\d{2})?$/.test(tok.value)) {
    yy = tok.value.slice(-2);
  } else if (tok.kind === "num" && tok.value.length === 2 && tok.gap) {
    const after = t[k + 1];
    if (!after || (after.kind === "punct" && /[,;:]/.test(after.value))) yy = tok.value;
  }
  if (yy === null) return null;
  // A citation cannot be later than the citing cable.
  return fullYear(Number(yy)) <= (docYear ?? 2011) ? { yy, next } : null;
}

/** Further serials of the same station: `2799 AND 2764`, `188314, 259032`, `936/935`. */
function continuations(
  t: Token[],
  k: number,
  docYear: number | null,
  atom: CableAtom,
  atomYy: string | null | undefined,
): number {
  for (;;) {
    let j = k;
    while (t[j]?.kind === "paren" && !/^\d{2}(?:\d{2})?$/.test(t[j]!.value)) j++;
    const conn = t[j];
    const n = t[j + 1];
    if (!conn || !n || n.kind !== "num") return k;
    if (!CONNECTORS.has(conn.value)) return k;
    if (conn.value === "/" && (conn.gap || n.gap)) return k;
    const serial = serialValue(n.value);
    if (serial === null) return k;
    const after = t[j + 2];
    if (after?.kind === "word" && !after.gap) return k;
    // A number before a station opens the next citation (`TEHRAN 1091, 06 TEHRAN 263`).
    if (after?.kind === "word" && stationBeforeSerial(t, j + 2)) return k;
    const suffix = yearSuffix(t, j + 2, docYear);
    atom.serials.push({ serial, yy: suffix?.yy ?? atomYy ?? null });
    k = suffix?.next ?? j + 2;
  }
}
