/**
 * AST → plan. A plan is a tree of id sets: every leaf is one parameterised SQL query answered from
 * an index (an FTS5 match, `tag = ?` on tags_tag, `year BETWEEN` on cables_year...) that returns
 * cable rowids; AND / OR / NOT combine the sets in memory (src/search/evaluate.ts). Each leaf then
 * costs what its own index range costs, whatever the other conditions, and nothing reads the wide
 * `cables` rows. Pure-text parts merge into one FTS5 expression, which also drives BM25 ranking.
 * User text only ever travels as a bound parameter.
 */
import type { Filter, FilterValue, NameValue, QueryNode, TextColumn } from "./ast.js";
import { entityQuery } from "./entity-field.js";
import { andExpression, ftsExpression, quoteTerm } from "./fts.js";

export type IdExpr =
  /** `archiveWide`: the set depends on the whole archive only (kept until the archive changes). */
  | { kind: "ids"; sql: string; params: unknown[]; archiveWide?: boolean }
  | { kind: "and"; children: IdExpr[] }
  | { kind: "or"; children: IdExpr[] }
  | { kind: "not"; child: IdExpr }
  | { kind: "all" };

export interface Plan {
  root: IdExpr;
  /** FTS5 expression every hit satisfies (the query's text, AND-ed at the top), for BM25; or null. */
  fts: string | null;
  /** The same expression for subject_fts (subjects only), null when it names the body column. */
  subjectFts: string | null;
  /** The positive text terms as typed, for snippets. */
  terms: HighlightTerm[];
}

export interface HighlightTerm {
  text: string;
  prefix: boolean;
  /** The column the term is limited to, or null. */
  column: TextColumn | null;
  /**
   * Set on the terms of a NEAR group (the group's ordinal in the query, and its distance): the
   * paragraph search (src/search/paragraph-match.ts) keeps the group together.
   */
  near?: { group: number; distance: number };
}

/** What compiling needs to know about the archive (values that are matched loosely). */
export interface Catalog {
  /** Distinct origin labels of the archive (`Embassy Almaty`). */
  origins(): string[];
  /** The connection is in public mode: name fields match open mentions' words (entity-field.ts). */
  publicMode?: boolean;
}

/** Above every character a value can hold: `x < prefix + HIGH` bounds a prefix range. */
const HIGH = "\uffff";

const ids = (sql: string, ...params: unknown[]): IdExpr => ({ kind: "ids", sql, params });
const NONE: IdExpr = ids("SELECT 0 WHERE 0");

export function ftsIds(expr: string): IdExpr {
  return ids("SELECT rowid FROM cables_fts WHERE cables_fts MATCH ?", expr);
}

/** Each has: value → its id set; the partial indexes of migration 002 hold exactly these ids. */
const HAS: Record<string, string> = {
  refs: "SELECT id FROM cables WHERE ref_count > 0",
  protect: "SELECT id FROM cables WHERE protect IS NOT NULL",
  redactions: "SELECT id FROM cables WHERE redactions > 0",
  signer: "SELECT id FROM cables WHERE signers IS NOT NULL",
  classifiedby: "SELECT id FROM cables WHERE classified_by IS NOT NULL",
  summary: "SELECT id FROM cables WHERE has_summary = 1",
  comment: "SELECT id FROM cables WHERE has_comment = 1",
  missing: `SELECT r.cable_id FROM refs r WHERE r.target_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM cables x WHERE x.reference_id = r.target_id)`,
  citedby: `SELECT x.id FROM cables x
    WHERE x.reference_id IN (SELECT target_id FROM refs WHERE target_id IS NOT NULL)`,
};

function idSet(table: string, column: string, value: string, prefix: boolean): IdExpr {
  return prefix
    ? ids(
        `SELECT cable_id FROM ${table} WHERE ${column} >= ? AND ${column} < ?`,
        value,
        value + HIGH,
      )
    : ids(`SELECT cable_id FROM ${table} WHERE ${column} = ?`, value);
}

/** `from` inclusive; `to` inclusive, or exclusive when `toExclusive` (prefix upper bounds). */
function range<T>(column: string, from: T | null, to: T | null, toExclusive = false): IdExpr {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (from !== null) {
    parts.push(`${column} >= ?`);
    params.push(from);
  }
  if (to !== null) {
    parts.push(`${column} ${toExclusive ? "<" : "<="} ?`);
    params.push(to);
  }
  if (parts.length === 0) parts.push(`${column} IS NOT NULL`);
  return ids(`SELECT id FROM cables WHERE ${parts.join(" AND ")}`, ...params);
}

function names(column: "signers" | "classified_by", name: NameValue): IdExpr {
  return ids(
    "SELECT rowid FROM people_fts WHERE people_fts MATCH ?",
    `${column} : ${quoteTerm(name.text, name.prefix)}`,
  );
}

function inList(column: string, values: string[]): IdExpr {
  if (values.length === 0) return NONE;
  return ids(
    `SELECT id FROM cables WHERE ${column} IN (${values.map(() => "?").join(", ")})`,
    ...values,
  );
}

function filter(node: Filter, catalog: Catalog): IdExpr {
  const f: FilterValue = node.filter;
  switch (f.field) {
    case "tag":
      return idSet("tags", "tag", f.value, f.prefix);
    case "caveat":
      return idSet("caveats", "caveat", f.value, false);
    case "reason":
      return idSet("reasons", "reason", f.value, f.prefix);
    case "origin":
      return inList("origin", matchOrigins(catalog.origins(), f.value));
    case "station":
      return ids("SELECT id FROM cables WHERE station = ?", f.value);
    case "classification":
      return f.value.includes("//")
        ? ids("SELECT id FROM cables WHERE classification = ?", f.value)
        : ids("SELECT id FROM cables WHERE level = ?", f.value);
    case "marking": {
      const variants = markingVariants(f.value);
      return ids(
        `SELECT cable_id FROM paragraphs WHERE marking IN (${variants.map(() => "?").join(", ")})`,
        ...variants,
      );
    }
    case "signer":
      return names("signers", f.name);
    case "classifiedby":
      return names("classified_by", f.name);
    case "person":
    case "org":
    case "place":
      return { kind: "ids", ...entityQuery(f.field, f.name, catalog.publicMode === true) };
    case "year":
      return range("year", f.from, f.to);
    case "created":
    case "released": {
      const to = f.range.to === null ? null : f.range.to + HIGH;
      const dated = range(f.field, f.range.from, to, true);
      if (f.field !== "created" || !f.estimated) return dated;
      // Undated cables by their estimate (src/store/date-estimates.ts); the estimate is a day.
      return { kind: "or", children: [dated, range("created_est", f.range.from, to, true)] };
    }
    case "cites":
      return ids("SELECT cable_id FROM refs WHERE target_id = ?", f.id);
    case "citedby":
      return ids(
        `SELECT x.id FROM cables x WHERE x.reference_id IN (SELECT r.target_id FROM refs r
          WHERE r.cable_id = (SELECT y.id FROM cables y WHERE y.reference_id = ?))`,
        f.id,
      );
    case "has":
      // Missing and cited-by compare every REF edge with the whole archive: computed once per
      // archive state, like the columnar copy.
      return {
        kind: "ids",
        sql: HAS[f.what]!,
        params: [],
        archiveWide: f.what === "missing" || f.what === "citedby",
      };
    case "partial":
      return f.value
        ? ids("SELECT id FROM cables WHERE partial = 1")
        : { kind: "not", child: ids("SELECT id FROM cables WHERE partial = 1") };
  }
}

function splitText(children: QueryNode[]): { text: QueryNode[]; rest: QueryNode[] } {
  const text: QueryNode[] = [];
  const rest: QueryNode[] = [];
  for (const c of children) {
    const inner = c.kind === "not" ? c.child : c;
    (ftsExpression(inner) !== null ? text : rest).push(c);
  }
  return { text, rest };
}

/** The id-set tree of a node; pure-text conjunctions become one FTS5 leaf. */
export function idExpr(node: QueryNode, catalog: Catalog): IdExpr {
  const text = ftsExpression(node);
  if (text !== null) return ftsIds(text);
  switch (node.kind) {
    case "all":
      return { kind: "all" };
    case "not":
      return { kind: "not", child: idExpr(node.child, catalog) };
    case "or":
      return { kind: "or", children: node.children.map((c) => idExpr(c, catalog)) };
    case "and": {
      const { text: t, rest } = splitText(node.children);
      const merged = t.length > 0 ? andExpression(t) : null;
      const parts = merged !== null ? [ftsIds(merged)] : t.map((c) => idExpr(c, catalog));
      return { kind: "and", children: [...parts, ...rest.map((c) => idExpr(c, catalog))] };
    }
    case "filter":
      return filter(node, catalog);
    default:
      return { kind: "all" };
  }
}

/** The nodes of the query's text that all hits satisfy: the whole query, or its text conjuncts. */
function rankingNodes(node: QueryNode): QueryNode[] {
  if (ftsExpression(node) !== null) return [node];
  if (node.kind !== "and") return [];
  const { text } = splitText(node.children);
  return andExpression(text) !== null ? text : [];
}

function namesBody(node: QueryNode): boolean {
  switch (node.kind) {
    case "text":
    case "near":
      return node.column === "body";
    case "and":
    case "or":
      return node.children.some(namesBody);
    case "not":
      return namesBody(node.child);
    default:
      return false;
  }
}

/** The text terms not under a NOT, for highlighting. */
function positiveTerms(node: QueryNode): HighlightTerm[] {
  const out: HighlightTerm[] = [];
  let groups = 0;
  const walk = (n: QueryNode): void => {
    if (n.kind === "text") out.push({ text: n.text, prefix: n.prefix, column: n.column });
    else if (n.kind === "near") {
      const near = { group: groups++, distance: n.distance };
      for (const t of n.terms) out.push({ text: t.text, prefix: t.prefix, column: n.column, near });
    } else if (n.kind === "and" || n.kind === "or") n.children.forEach(walk);
  };
  walk(node);
  return out;
}

/** `S/NF` and `S//NF` are written both ways in cables; match either spelling. */
export function markingVariants(value: string): string[] {
  const single = value.replace(/\/+/g, "/");
  return [...new Set([value, single, single.replace(/\//g, "//")])];
}

/**
 * Origin labels a value stands for: the label itself (any case), else every label containing the
 * value as whole words (`almaty` → `Embassy Almaty`, `consulate` → every consulate).
 */
export function matchOrigins(origins: string[], value: string): string[] {
  const v = value.toLowerCase();
  const exact = origins.filter((o) => o.toLowerCase() === v);
  if (exact.length > 0) return exact;
  const escaped = v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const re = new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, "u");
  return origins.filter((o) => re.test(o.toLowerCase()));
}

/**
 * The text nodes whose match by the subject alone puts a cable in the subject tier of relevance
 * (what subjectFts says in FTS5 syntax), for back ends that build their own text conditions;
 * null when there is no such tier.
 */
export function subjectRankingNodes(node: QueryNode): QueryNode[] | null {
  const ranking = rankingNodes(node);
  return ranking.length > 0 && !ranking.some(namesBody) ? ranking : null;
}

/** The plan of a parsed query. */
export function compile(node: QueryNode, catalog: Catalog): Plan {
  const ranking = rankingNodes(node);
  const fts =
    ranking.length === 0
      ? null
      : ranking.length === 1
        ? ftsExpression(ranking[0]!)
        : andExpression(ranking);
  return {
    root: idExpr(node, catalog),
    fts,
    subjectFts: fts !== null && !ranking.some(namesBody) ? fts : null,
    terms: positiveTerms(node),
  };
}
