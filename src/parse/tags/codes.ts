import { referenceTable } from "../../reference/reference-data.js";
import { SECTION_SYMBOLS } from "./vocabulary.js";

/**
 * The TAGS code lists (spec §7): subject (`PREL`), program (`KDEM`), organisation (`NATO`,
 * `ZANU-PF`) and geographic FIPS 10-4 codes (`KZ`), read once from data/reference. They decide what
 * a written word is: a code, a glued run of codes, a misspelt code, or free text.
 */

export interface CodeTables {
  /** Every known code, upper-case. */
  all: Set<string>;
  /** Four-letter subject and program codes and organisation codes of four or more letters. */
  long: Set<string>;
  /** Two-letter geographic codes (FIPS 10-4 plus EU). */
  geo: Set<string>;
  /** Subject TAGS that must carry a person's name (OVIP, OREP, OTRA, OEXC, OCON). */
  needsName: Set<string>;
  /** Codes grouped by length, for splitting glued runs. */
  byLength: Map<number, Set<string>>;
}

let tables: CodeTables | undefined;

function load(): CodeTables {
  const all = new Set<string>();
  const long = new Set<string>();
  const geo = new Set<string>();
  const needsName = new Set<string>();
  const addAll = (code: string) => {
    const c = code.trim().toUpperCase();
    if (c === "") return;
    all.add(c);
    if (c.length >= 4) long.add(c);
  };
  for (const r of referenceTable("tags-subject.csv")) {
    addAll(r.tag ?? "");
    if (/individual's name/i.test(r.usage_note ?? "")) needsName.add((r.tag ?? "").toUpperCase());
  }
  for (const r of referenceTable("tags-program.csv")) addAll(r.tag ?? "");
  for (const r of referenceTable("tags-organization.csv")) addAll(r.tag ?? "");
  for (const r of referenceTable("tags-geographic-fips.csv")) {
    const c = (r.tag ?? "").toUpperCase();
    if (c.length === 2) geo.add(c);
    addAll(c);
  }
  for (const s of SECTION_SYMBOLS) addAll(s);
  const byLength = new Map<number, Set<string>>();
  for (const c of all) {
    if (!/^[A-Z]+$/.test(c)) continue;
    const set = byLength.get(c.length) ?? new Set<string>();
    set.add(c);
    byLength.set(c.length, set);
  }
  return { all, long, geo, needsName, byLength };
}

export function codeTables(): CodeTables {
  tables ??= load();
  return tables;
}

/** Program TAGS are K + three letters even when the 2010 list lacks them (`KSEP`, `KAWK`). */
const PROGRAM_SHAPE = /^K[A-Z]{3}$/;
/** Regional geographic TAGS (`XF`, `XR`...) are not in the FIPS table. */
const REGIONAL_SHAPE = /^X[A-Z]$/;

/** A code by the tables or by shape (program K-codes, regional X-codes). */
export function isKnownCode(word: string): boolean {
  const t = codeTables();
  return t.all.has(word) || PROGRAM_SHAPE.test(word) || REGIONAL_SHAPE.test(word);
}

/** A piece allowed inside a glued run: known code, program shape, or a geographic/regional code. */
function pieceKind(piece: string): "long" | "short" | null {
  const t = codeTables();
  if (piece.length === 2) return t.geo.has(piece) || REGIONAL_SHAPE.test(piece) ? "short" : null;
  if (t.all.has(piece) || PROGRAM_SHAPE.test(piece)) return "long";
  return null;
}

/**
 * Splits a glued run of codes (`ETRDEINVECINPGOVCS`, `ITPHUM`, `POLMIL`) into the fewest known
 * codes, or null. A split must contain a code of four or more letters unless it has no two-letter
 * piece: otherwise ordinary words would come apart into country codes (`POLITICAL` = POL IT IC AL).
 */
const gluedCache = new Map<string, string[] | null>();

export function splitGlued(word: string, extra: ReadonlySet<string> = new Set()): string[] | null {
  if (!/^[A-Z]{5,60}$/.test(word)) return null;
  const key = extra.size ? `${word}|${[...extra].join(",")}` : word;
  let hit = gluedCache.get(key);
  if (hit === undefined) {
    hit = splitGluedUncached(word, extra);
    if (gluedCache.size > 5_000) gluedCache.clear();
    gluedCache.set(key, hit);
  }
  return hit;
}

function splitGluedUncached(word: string, extra: ReadonlySet<string>): string[] | null {
  const n = word.length;
  // best[i]: fewest pieces covering word[i..]; ties keep the split with more long pieces.
  const best: ({ pieces: string[]; long: number } | null)[] = Array(n + 1).fill(null);
  best[n] = { pieces: [], long: 0 };
  const t = codeTables();
  const lengths = [...t.byLength.keys(), ...[...extra].map((e) => e.length)];
  const uniq = [...new Set(lengths)].sort((a, b) => b - a);
  for (let i = n - 1; i >= 0; i--) {
    for (const len of uniq) {
      if (i + len > n) continue;
      const piece = word.slice(i, i + len);
      const kind = extra.has(piece) ? "short" : pieceKind(piece);
      const tail = best[i + len];
      if (!kind || !tail) continue;
      const cand = { pieces: [piece, ...tail.pieces], long: tail.long + (len >= 4 ? 1 : 0) };
      const cur = best[i];
      if (
        !cur ||
        cand.pieces.length < cur.pieces.length ||
        (cand.pieces.length === cur.pieces.length && cand.long > cur.long)
      ) {
        best[i] = cand;
      }
    }
  }
  const found = best[0];
  if (!found || found.pieces.length < 2) return null;
  const hasShort = found.pieces.some((p) => p.length === 2);
  return found.long > 0 || !hasShort ? found.pieces : null;
}

/**
 * A misspelt code one letter off a subject, program or organisation code: a letter doubled or
 * inserted (`MOPPS`, `POGOV`, `KWWMN`, `UNDESCO`) or dropped (`UNFCYP`). Only words of five or more
 * letters are read this way; shorter ones (`GOV`) are too ambiguous.
 */
const typoCache = new Map<string, string | null>();

export function fixTypo(word: string): string | null {
  if (!/^[A-Z]{5,9}$/.test(word)) return null;
  let hit = typoCache.get(word);
  if (hit === undefined) {
    hit = fixTypoUncached(word);
    if (typoCache.size > 5_000) typoCache.clear();
    typoCache.set(word, hit);
  }
  return hit;
}

function fixTypoUncached(word: string): string | null {
  const t = codeTables();
  const found = new Set<string>();
  for (let i = 0; i < word.length; i++) {
    const del = word.slice(0, i) + word.slice(i + 1);
    if (t.long.has(del)) found.add(del);
  }
  const longer = t.byLength.get(word.length + 1);
  if (longer) {
    for (const code of longer) {
      for (let i = 0; i < code.length; i++) {
        if (code.slice(0, i) + code.slice(i + 1) === word) found.add(code);
      }
    }
  }
  return found.size === 1 ? [...found][0]! : null;
}
