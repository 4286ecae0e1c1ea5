/**
 * The query AST: what the parser produces and the SQL compiler consumes. Every node keeps the
 * 0-based position of its first character in the query so later stages can still point at it.
 */

/** Full-text columns a text term may be limited to (null: subject and body). */
export type TextColumn = "subject" | "body";

/** A word, `prefix*`, `variant~` or `"phrase"` searched in the full text. */
export interface TextTerm {
  kind: "text";
  column: TextColumn | null;
  text: string;
  phrase: boolean;
  prefix: boolean;
  /** `word~`: the word and its spelling variants in the archive (src/search/variants.ts). */
  fuzzy?: boolean;
  pos: number;
}

/** `NEAR(a "b c" d*, 5)`: the terms within `distance` tokens of each other. */
export interface NearGroup {
  kind: "near";
  column: TextColumn | null;
  terms: TextTerm[];
  distance: number;
  pos: number;
}

/** A term over people's names: `signer:` and `classifiedby:` (word, phrase or prefix). */
export interface NameValue {
  text: string;
  phrase: boolean;
  prefix: boolean;
}

/** An inclusive range of ISO date prefixes (`2005`, `2005-05`, `2005-05-17`); null = open end. */
export interface DateRange {
  from: string | null;
  to: string | null;
}

/** Structured conditions, one variant per field. Values are already validated and normalised. */
export type FilterValue =
  | { field: "tag"; value: string; prefix: boolean }
  | { field: "origin"; value: string }
  | { field: "station"; value: string }
  | { field: "classification"; value: string }
  | { field: "caveat"; value: string }
  | { field: "marking"; value: string }
  | { field: "signer"; name: NameValue }
  | { field: "classifiedby"; name: NameValue }
  /** People, organisations and places of the entity layer: an entity id or words of a name. */
  | { field: "person" | "org" | "place"; name: NameValue }
  | { field: "reason"; value: string; prefix: boolean }
  | { field: "year"; from: number | null; to: number | null }
  /** `estimated`: `created~:` — undated cables match by their estimated date too. */
  | { field: "created"; range: DateRange; estimated?: boolean }
  | { field: "released"; range: DateRange }
  | { field: "cites"; id: string }
  | { field: "citedby"; id: string }
  | { field: "has"; what: HasWhat }
  | { field: "partial"; value: boolean };

export type FilterField = FilterValue["field"];

export const HAS_VALUES = [
  "refs",
  "missing",
  "citedby",
  "protect",
  "summary",
  "comment",
  "redactions",
  "signer",
  "classifiedby",
] as const;
export type HasWhat = (typeof HAS_VALUES)[number];

export interface Filter {
  kind: "filter";
  filter: FilterValue;
  pos: number;
}

export interface And {
  kind: "and";
  children: QueryNode[];
  pos: number;
}

export interface Or {
  kind: "or";
  children: QueryNode[];
  pos: number;
}

export interface Not {
  kind: "not";
  child: QueryNode;
  pos: number;
}

/** The empty query: every cable. */
export interface All {
  kind: "all";
  pos: number;
}

export type QueryNode = TextTerm | NearGroup | Filter | And | Or | Not | All;
