/**
 * FTS5 query strings built from AST text nodes. Every term the user typed reaches FTS5 inside a
 * double-quoted string (inner quotes doubled), so FTS5 operators and syntax in user text are inert:
 * `"AND"`, `"NEAR("` and `"col:x"` are just strings to tokenize.
 */
import type { NearGroup, QueryNode, TextColumn, TextTerm } from "./ast.js";

/** Control characters separate tokens anyway; FTS5 reads its query as a C string, so NUL must go. */
const CONTROL = /\p{Cc}/gu;

export function quoteTerm(text: string, prefix: boolean): string {
  return `"${text.replace(CONTROL, " ").replace(/"/g, '""')}"${prefix ? " *" : ""}`;
}

function withColumn(column: TextColumn | null, expr: string): string {
  return column ? `${column} : ${expr}` : expr;
}

function term(t: TextTerm): string {
  return withColumn(t.column, quoteTerm(t.text, t.prefix));
}

function near(n: NearGroup): string {
  const phrases = n.terms.map((t) => quoteTerm(t.text, t.prefix)).join(" ");
  return withColumn(n.column, `NEAR(${phrases}, ${n.distance})`);
}

/**
 * The FTS5 expression for a node made only of text (terms, NEAR groups, AND/OR of them, NOT of them
 * beside at least one positive term), or null when the node needs SQL. FTS5 has no unary NOT, hence
 * the rule for NOT.
 */
export function ftsExpression(node: QueryNode): string | null {
  switch (node.kind) {
    case "text":
      return term(node);
    case "near":
      return near(node);
    case "or": {
      const parts = node.children.map(ftsExpression);
      if (parts.some((p) => p === null)) return null;
      return parts.map((p) => `(${p})`).join(" OR ");
    }
    case "and":
      return andExpression(node.children);
    default:
      return null;
  }
}

/** `(p1) AND (p2) NOT (n1)`, or null when some child is not pure text or nothing is positive. */
export function andExpression(children: QueryNode[]): string | null {
  const positive: string[] = [];
  const negative: string[] = [];
  for (const c of children) {
    const e = c.kind === "not" ? ftsExpression(c.child) : ftsExpression(c);
    if (e === null) return null;
    (c.kind === "not" ? negative : positive).push(e);
  }
  if (positive.length === 0) return null;
  const base = positive.length === 1 ? positive[0]! : positive.map((p) => `(${p})`).join(" AND ");
  return negative.reduce((acc, n) => `(${acc}) NOT (${n})`, base);
}
