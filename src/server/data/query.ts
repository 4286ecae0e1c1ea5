/**
 * The query a page or an export runs: the text the user typed (`q`) plus the facet filters the UI
 * adds (`tag`, `origin`, `classification`, `caveat`, `from`/`to`), combined into one query of the
 * query language (docs/query-language.md) so the search layer sees a single, documented input.
 */
import type { QueryNode } from "../../search/ast.js";
import { parseQuery, QuerySyntaxError } from "../../search/index.js";
import { badRequest } from "../problem.js";

export interface Filters {
  tag: string[];
  origin: string[];
  classification: string[];
  caveat: string[];
  from?: string | undefined;
  to?: string | undefined;
}

export interface QueryInput extends Filters {
  q?: string | undefined;
}

/**
 * The typed query and the filters, taken out of something larger (request parameters, a page's
 * state): what a page's state starts from and what its links carry, in that order.
 */
export function queryAndFilters(s: QueryInput): QueryInput & { q: string } {
  return {
    q: s.q ?? "",
    tag: s.tag,
    origin: s.origin,
    classification: s.classification,
    caveat: s.caveat,
    from: s.from,
    to: s.to,
  };
}

export const FACET_FIELDS = ["tag", "origin", "classification", "caveat"] as const;
export type FacetField = (typeof FACET_FIELDS)[number];

/** The query-language terms standing for the filters (values never hold `"`: params refuse it). */
export function filterTerms(f: Filters): string[] {
  const terms: string[] = [];
  for (const field of FACET_FIELDS) {
    for (const v of f[field]) terms.push(`${field}:"${v}"`);
  }
  if (f.from || f.to) terms.push(`created:${f.from ?? ""}..${f.to ?? ""}`);
  return terms;
}

export interface ComposedQuery {
  /** The whole query as one string of the query language. */
  text: string;
  node: QueryNode;
}

/**
 * Checks `q` on its own first, so a syntax error points into what the user typed, then the whole.
 * Throws a 400 problem with the message and, for `q`, the position.
 */
export function composeQuery(input: QueryInput): ComposedQuery {
  const q = input.q?.trim() ?? "";
  let qNode: QueryNode;
  try {
    qNode = parseQuery(q);
  } catch (err) {
    if (err instanceof QuerySyntaxError) {
      throw badRequest(err.message, { param: "q", position: err.position });
    }
    throw err;
  }
  const terms = filterTerms(input);
  if (terms.length === 0) return { text: q, node: qNode };
  const text = [q ? `(${q})` : "", ...terms].filter(Boolean).join(" ");
  try {
    return { text, node: parseQuery(text) };
  } catch (err) {
    if (err instanceof QuerySyntaxError) throw badRequest(`filters: ${err.message}`);
    throw err;
  }
}

/** Whether any filter narrows the query. */
export function hasFilters(f: Filters): boolean {
  return FACET_FIELDS.some((k) => f[k].length > 0) || Boolean(f.from || f.to);
}
