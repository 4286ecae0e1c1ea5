import { BANNER_LEVELS, LEVEL_SPELLINGS } from "../model/classification.js";
/**
 * Field values of the query language: validation and normalisation of what follows `field:`.
 * Everything here is pure; a bad value is a QuerySyntaxError pointing at the value.
 */

import { canonicalId } from "../model/reference-id.js";
import { canonicalStation } from "../reference/stations.js";
import {
  type DateRange,
  type FilterValue,
  HAS_VALUES,
  type HasWhat,
  type TextColumn,
} from "./ast.js";
import { QuerySyntaxError } from "./types.js";

/** Fields searched as full text (`subject:word`, `body:"a phrase"`). */
export const TEXT_FIELDS: ReadonlySet<string> = new Set<TextColumn>(["subject", "body"]);

const FILTER_FIELDS = [
  "tag",
  "origin",
  "station",
  "classification",
  "caveat",
  "marking",
  "signer",
  "classifiedby",
  "person",
  "org",
  "place",
  "reason",
  "year",
  "created",
  "released",
  "cites",
  "citedby",
  "has",
  "partial",
] as const;
const FILTER_SET: ReadonlySet<string> = new Set(FILTER_FIELDS);

/** Every field of the query language, in the order the query help and the docs list them. */
export const FIELD_NAMES: readonly string[] = [...TEXT_FIELDS, ...FILTER_FIELDS];

/** Spellings people type for a field → the field. */
const FIELD_ALIASES: Record<string, string> = {
  tags: "tag",
  caveats: "caveat",
  signers: "signer",
  signed: "signer",
  people: "person",
  organization: "org",
  organisation: "org",
  places: "place",
  classified: "classifiedby",
  reasons: "reason",
  class: "classification",
  cite: "cites",
  cited: "citedby",
  date: "created",
};

/** Fields that take `~` (`created~:`): the condition also matches estimated values. */
const ESTIMATED_FIELDS: ReadonlySet<string> = new Set(["created"]);

export function isFieldName(name: string): boolean {
  const base = name.endsWith("~") ? name.slice(0, -1) : name;
  return TEXT_FIELDS.has(base) || FILTER_SET.has(base) || base in FIELD_ALIASES;
}

/** The field a name stands for, or a syntax error naming the known fields. */
export function resolveField(name: string, pos: number): string {
  if (name.endsWith("~")) {
    const base = resolveField(name.slice(0, -1), pos);
    if (!ESTIMATED_FIELDS.has(base)) {
      throw new QuerySyntaxError(
        `'${base}~:' does not exist: only ${[...ESTIMATED_FIELDS].map((f) => `${f}~:`).join(", ")} takes estimated values`,
        pos,
      );
    }
    return `${base}~`;
  }
  if (TEXT_FIELDS.has(name) || FILTER_SET.has(name)) return name;
  const alias = FIELD_ALIASES[name];
  if (alias) return alias;
  throw new QuerySyntaxError(
    `unknown field '${name}:' (fields: ${[...TEXT_FIELDS, ...FILTER_FIELDS].join(", ")})`,
    pos,
  );
}

export interface RawValue {
  text: string;
  phrase: boolean;
  prefix: boolean;
  /** Written `word~`. */
  fuzzy?: boolean;
  pos: number;
}

const LEVELS: Readonly<Record<string, string>> = LEVEL_SPELLINGS;
const CAVEAT_SHORT: Record<string, string> = { NF: "NOFORN", FOUO: "FOR OFFICIAL USE ONLY" };

/** `secret`, `S//NF`, `confidential//noforn`, `U//FOUO` → the archive's classification spelling. */
function classification(v: RawValue): string {
  const [level = "", ...rest] = v.text
    .toUpperCase()
    .replace(/[\s_]+/g, " ")
    .trim()
    .split(/\s*\/\/?\s*/);
  const l = LEVELS[level] ?? LEVELS[level.replace(/ /g, "")];
  if (!l) {
    throw new QuerySyntaxError(
      `unknown classification '${v.text}' (${[...BANNER_LEVELS].reverse().join(", ")}, optionally //CAVEAT)`,
      v.pos,
    );
  }
  const caveat = rest.filter(Boolean).map((c) => CAVEAT_SHORT[c] ?? c);
  return caveat.length > 0 ? `${l}//${caveat.join("//")}` : l;
}

const REASON = /^(1\.[3-5])\s*(?:\(?\s*([a-h])\s*\)?)?$/i;

function reason(v: RawValue): { value: string; prefix: boolean } {
  const m = REASON.exec(v.text.trim());
  if (!m) {
    throw new QuerySyntaxError(`not a classification reason '${v.text}' (e.g. 1.4(d))`, v.pos);
  }
  if (!m[2]) return { value: `${m[1]}(`, prefix: true };
  return { value: `${m[1]}(${m[2].toLowerCase()})`, prefix: false };
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Days in a month of the Gregorian calendar (month 1–12). */
function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A date prefix that exists on the calendar: no month 13, no 30 February. */
function datePrefix(text: string, pos: number): string {
  const m = DATE.exec(text);
  if (!m) throw new QuerySyntaxError(`not a date '${text}' (YYYY, YYYY-MM or YYYY-MM-DD)`, pos);
  const month = m[2] ? Number(m[2]) : 1;
  if (month < 1 || month > 12) {
    throw new QuerySyntaxError(`not a date '${text}': months run from 01 to 12`, pos);
  }
  const day = m[3] ? Number(m[3]) : 1;
  const last = daysIn(Number(m[1]), month);
  if (day < 1 || day > last) {
    throw new QuerySyntaxError(
      `not a date '${text}': no such day, ${m[1]}-${m[2]} has ${last} days`,
      pos,
    );
  }
  return text;
}

/** True when the range ends before it starts (`2009..2001`, `2005-06..2005-05-20`). */
function backwards(from: string, to: string): boolean {
  const n = Math.min(from.length, to.length);
  return from.slice(0, n) > to.slice(0, n);
}

/** `2005-05..2005-06`, `2005..`, `..2005-06-30`, or one date (the whole of that period). */
function dateRange(v: RawValue): DateRange {
  const text = v.text.trim();
  const dots = text.indexOf("..");
  if (dots < 0) {
    const d = datePrefix(text, v.pos);
    return { from: d, to: d };
  }
  const from = text.slice(0, dots);
  const to = text.slice(dots + 2);
  if (!from && !to) throw new QuerySyntaxError("empty date range: give at least one end", v.pos);
  const range = {
    from: from ? datePrefix(from, v.pos) : null,
    to: to ? datePrefix(to, v.pos + dots + 2) : null,
  };
  if (range.from && range.to && backwards(range.from, range.to)) {
    throw new QuerySyntaxError(
      `the range ${text} runs backwards: it ends before it starts (did you mean ${range.to}..${range.from}?)`,
      v.pos,
    );
  }
  return range;
}

function yearRange(v: RawValue): { from: number | null; to: number | null } {
  const r = dateRange(v);
  const bad = (s: string | null) => s !== null && s.length !== 4;
  if (bad(r.from) || bad(r.to)) throw new QuerySyntaxError(`not a year '${v.text}'`, v.pos);
  return { from: r.from ? Number(r.from) : null, to: r.to ? Number(r.to) : null };
}

function cableId(v: RawValue): string {
  const id = canonicalId(v.text.replace(/\s+/g, ""));
  if (!id) throw new QuerySyntaxError(`not a cable id '${v.text}' (e.g. 05ALMATY2121)`, v.pos);
  return id;
}

const HAS_ALIASES: Record<string, HasWhat> = {
  ref: "refs",
  references: "refs",
  reference: "refs",
  missingrefs: "missing",
  cited: "citedby",
  strictprotect: "protect",
  redaction: "redactions",
  signers: "signer",
};

function has(v: RawValue): HasWhat {
  const key = v.text.toLowerCase();
  const what = (HAS_VALUES as readonly string[]).includes(key)
    ? (key as HasWhat)
    : HAS_ALIASES[key];
  if (!what) {
    throw new QuerySyntaxError(`unknown has:${v.text} (has: ${HAS_VALUES.join(", ")})`, v.pos);
  }
  return what;
}

function yesNo(v: RawValue): boolean {
  const key = v.text.toLowerCase();
  if (["yes", "true", "1", "y"].includes(key)) return true;
  if (["no", "false", "0", "n"].includes(key)) return false;
  throw new QuerySyntaxError(`partial: takes yes or no, not '${v.text}'`, v.pos);
}

function upper(v: RawValue): string {
  const s = v.text.replace(/\s+/g, " ").trim().toUpperCase();
  if (!s) throw new QuerySyntaxError("empty value", v.pos);
  return s;
}

function station(v: RawValue): string {
  const letters = v.text.toUpperCase().replace(/[^A-Z]/g, "");
  if (!letters) throw new QuerySyntaxError(`not a station '${v.text}' (e.g. ALMATY)`, v.pos);
  return canonicalStation(letters) ?? letters;
}

function noPrefix(field: string, v: RawValue): void {
  if (v.prefix) throw new QuerySyntaxError(`${field}: does not take a prefix*`, v.pos);
}

/**
 * A value must say something: `tag:*` or `origin:"--"` would match nothing at all, silently. A
 * bare `*` most likely meant "any value", which is what leaving the field out gives.
 */
function someValue(field: string, v: RawValue): void {
  if (/[\p{L}\p{N}]/u.test(v.text)) return;
  const star = v.text.includes("*") || v.prefix;
  throw new QuerySyntaxError(
    star
      ? `${field}: needs a value: * alone is no pattern (${field}:P* takes the values starting with P; leave ${field}: out to allow any)`
      : `${field}: needs a value with letters or digits, not '${v.text}'`,
    v.pos,
  );
}

/** Fields whose values are free text; the others check their values' form themselves. */
const FREE_VALUES: ReadonlySet<string> = new Set(["tag", "origin", "caveat", "marking"]);

/** The condition `field:value` stands for. `field` is already resolved (see resolveField). */
export function filterValue(field: string, v: RawValue): FilterValue {
  if (FREE_VALUES.has(field)) someValue(field, v);
  if (!["tag", "signer", "classifiedby", "person", "org", "place"].includes(field)) {
    noPrefix(field, v);
  }
  switch (field) {
    case "tag":
      return { field, value: upper(v), prefix: v.prefix };
    case "origin":
      return { field, value: v.text.replace(/\s+/g, " ").trim() || upper(v) };
    case "station":
      return { field, value: station(v) };
    case "classification":
      return { field, value: classification(v) };
    case "caveat":
      return { field, value: upper(v) };
    case "marking":
      return { field, value: upper(v).replace(/^\((.*)\)$/, "$1") };
    case "signer":
    case "classifiedby":
    case "person":
    case "org":
    case "place":
      if (!/[\p{L}\p{N}]/u.test(v.text)) {
        throw new QuerySyntaxError(`${field}: needs a name`, v.pos);
      }
      return { field, name: { text: v.text, phrase: v.phrase, prefix: v.prefix } };
    case "reason":
      return { field, ...reason(v) };
    case "year":
      return { field, ...yearRange(v) };
    case "created":
    case "released":
      return { field, range: dateRange(v) };
    case "created~":
      return { field: "created", range: dateRange(v), estimated: true };
    case "cites":
    case "citedby":
      return { field, id: cableId(v) };
    case "has":
      return { field, what: has(v) };
    case "partial":
      return { field, value: yesNo(v) };
    default:
      throw new QuerySyntaxError(`unknown field '${field}:'`, v.pos);
  }
}
