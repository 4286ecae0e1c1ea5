/**
 * Searches over a public-mode connection (src/store/entities-public.ts): a protecting cable
 * answers a query as if the names it protects were masked out of it. Every term of the query that
 * names a protected word of that cable (text words, phrases, prefixes, NEAR groups, name fields,
 * entity ids) counts as not matching it; the query is run again with those terms false and the
 * cable stays only if it still matches. So `asquino` never finds the cable protecting Asquino,
 * `embassy OR asquino` finds it through `embassy` alone, and `NOT asquino` keeps it, exactly as
 * over the masked text: comparing result sets tells nothing. The snippet of such a cable is made
 * without those terms, so no mark falls where the name was.
 */
import type { Db } from "../store/db.js";
import {
  cablesNamedBy,
  isPublicMode,
  namesProtected,
  type ProtectedIndex,
  type ProtectingCable,
  protectedIndex,
} from "../store/entities-public.js";
import type { QueryNode } from "./ast.js";
import type { HighlightTerm } from "./compile.js";
import { sortedHas } from "./sorted-ids.js";

const NEVER: QueryNode = { kind: "not", child: { kind: "all", pos: 0 }, pos: 0 };

/** The texts a leaf searches for, with whether each is a prefix. */
function leafTexts(node: QueryNode): { text: string; prefix: boolean }[] {
  switch (node.kind) {
    case "text":
      return [{ text: node.text, prefix: node.prefix }];
    case "near":
      return node.terms.map((t) => ({ text: t.text, prefix: t.prefix }));
    case "filter": {
      const f = node.filter as unknown as Record<string, unknown>;
      const name = f.name as { text: string; prefix: boolean } | undefined;
      if (name && typeof name.text === "string") return [{ text: name.text, prefix: name.prefix }];
      if (typeof f.value === "string") return [{ text: f.value, prefix: f.prefix === true }];
      if (typeof f.id === "string") return [{ text: f.id, prefix: false }];
      return [];
    }
    default:
      return [];
  }
}

function leaves(node: QueryNode, out: QueryNode[] = []): QueryNode[] {
  if (node.kind === "and" || node.kind === "or") for (const c of node.children) leaves(c, out);
  else if (node.kind === "not") leaves(node.child, out);
  else out.push(node);
  return out;
}

function touches(p: ProtectingCable, leaf: QueryNode): boolean {
  return leafTexts(leaf).some((t) => namesProtected(p, t.text, t.prefix));
}

function without(node: QueryNode, touched: ReadonlySet<QueryNode>): QueryNode {
  if (touched.has(node)) return NEVER;
  if (node.kind === "and" || node.kind === "or") {
    return { ...node, children: node.children.map((c) => without(c, touched)) };
  }
  if (node.kind === "not") return { ...node, child: without(node.child, touched) };
  return node;
}

/**
 * The rowids (sorted) a public connection may show for `node`, given what it matched (`ids`,
 * sorted) and a way to match another query. Anything but a public connection gets `ids` back.
 */
export function visibleIds(
  db: Db,
  node: QueryNode,
  ids: Int32Array,
  match: (node: QueryNode) => Int32Array,
): Int32Array {
  if (!isPublicMode(db)) return ids;
  const rewrites = publicRewrites(protectedIndex(db), node);
  if (!rewrites) return ids;
  const drop = new Set<number>();
  const add: number[] = [];
  for (const g of rewrites) {
    const again = match(g.node);
    for (const rowid of g.cables) {
      drop.add(rowid);
      if (sortedHas(again, rowid)) add.push(rowid);
    }
  }
  const out: number[] = [];
  for (const id of ids) if (!drop.has(id)) out.push(id);
  out.push(...add);
  return Int32Array.from(out.sort((a, b) => a - b));
}

/**
 * The protecting cables a query could find through a protected name, in groups that answer the
 * same rewritten query (`node`: with the terms naming their protected words made false); null
 * when it reaches none. Such a cable is a hit when it matches its group's query, whatever the
 * original query says: what a back end that compiles queries to SQL (PostgreSQL) composes.
 */
export function publicRewrites(
  index: ProtectedIndex,
  node: QueryNode,
): { cables: number[]; node: QueryNode }[] | null {
  if (index.byRowid.size === 0) return null;
  const all = leaves(node);
  const reached = new Set<ProtectingCable>();
  for (const leaf of all) {
    for (const t of leafTexts(leaf))
      for (const p of cablesNamedBy(index, t.text, t.prefix)) reached.add(p);
  }
  if (reached.size === 0) return null;
  // Cables whose protected words the same leaves name answer the same rewritten query.
  const groups = new Map<string, { touched: Set<QueryNode>; cables: number[] }>();
  for (const p of reached) {
    const touched = all.filter((leaf) => touches(p, leaf));
    const key = touched.map((l) => all.indexOf(l)).join(",");
    const g = groups.get(key) ?? { touched: new Set(touched), cables: [] };
    groups.set(key, g);
    g.cables.push(p.rowid);
  }
  return [...groups.values()].map((g) => ({ cables: g.cables, node: without(node, g.touched) }));
}

/** The highlight terms to snippet a hit with: none that names a name the hit protects. */
export function visibleTerms(db: Db, cableId: number, terms: HighlightTerm[]): HighlightTerm[] {
  if (!isPublicMode(db) || terms.length === 0) return terms;
  return termsVisibleIn(protectedIndex(db), cableId, terms);
}

/** visibleTerms over an index already at hand. */
export function termsVisibleIn(
  index: ProtectedIndex,
  cableId: number,
  terms: HighlightTerm[],
): HighlightTerm[] {
  const p = index.byRowid.get(cableId);
  if (!p) return terms;
  return terms.filter((t) => !namesProtected(p, t.text, t.prefix));
}
