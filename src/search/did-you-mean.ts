/**
 * "Did you mean": when a query finds nothing or next to nothing, the words of it that the archive
 * rarely or never spells so are offered in the archive's own spelling (src/search/variants.ts):
 * `Kadhafi` (0 cables) → `Qadhafi` (302). Only plain words the query requires count: a word under
 * NOT, in a phrase, a prefix or already a variant search is left as typed.
 */
import type { Db } from "../store/db.js";
import type { QueryNode, TextTerm } from "./ast.js";
import { termDocs, variantsOf } from "./variants.js";

/** Results at or below this many ask for spellings. */
export const FEW_HITS = 3;
const MAX_WORDS = 6;

export interface SpellingSuggestion {
  /** The word as typed. */
  word: string;
  /** The archive's spelling offered instead. */
  suggestion: string;
  /** Cables holding the suggestion. */
  docs: number;
}

function requiredWords(node: QueryNode, out: TextTerm[]): TextTerm[] {
  if (node.kind === "text") {
    if (!node.phrase && !node.prefix && !node.fuzzy) out.push(node);
  } else if (node.kind === "and") {
    for (const c of node.children) requiredWords(c, out);
  } else if (node.kind === "or") {
    // Every branch may be the one misspelt; all are offered.
    for (const c of node.children) requiredWords(c, out);
  }
  return out;
}

export function didYouMean(db: Db, node: QueryNode, total: number): SpellingSuggestion[] {
  if (total > FEW_HITS) return [];
  const out: SpellingSuggestion[] = [];
  for (const term of requiredWords(node, []).slice(0, MAX_WORDS)) {
    const own = termDocs(db, term.text);
    const best = variantsOf(db, term.text, 5).find((v) => v.docs > Math.max(own, total));
    if (best) out.push({ word: term.text, suggestion: best.term, docs: best.docs });
  }
  return out;
}
