/**
 * The variant operator at plan time: each `word~` of a query becomes `(word OR variant1 OR ...)`
 * with the archive's spellings of it (src/search/variants.ts), so compiling, ranking and snippets
 * treat the variants as if they had been typed.
 */
import type { Db } from "../store/db.js";
import type { QueryNode, TextTerm } from "./ast.js";
import { type Variant, variantsOf } from "./variants.js";

type Variants = (word: string) => Variant[];

function expandTerm(variantsFor: Variants, t: TextTerm): QueryNode {
  const { fuzzy: _drop, ...plain } = t;
  const variants = variantsFor(t.text);
  if (variants.length === 0) return plain;
  return {
    kind: "or",
    pos: t.pos,
    children: [plain, ...variants.map((v): TextTerm => ({ ...plain, text: v.term }))],
  };
}

/** The query with its variant words expanded; the same node when it has none. */
export function expandVariants(db: Db, node: QueryNode): QueryNode {
  return expandVariantsWith((w) => variantsOf(db, w), node);
}

/** expandVariants with the variants of each word from `variantsFor` (any back end). */
export function expandVariantsWith(variantsFor: Variants, node: QueryNode): QueryNode {
  switch (node.kind) {
    case "text":
      return node.fuzzy ? expandTerm(variantsFor, node) : node;
    case "and":
    case "or": {
      const children = node.children.map((c) => expandVariantsWith(variantsFor, c));
      return children.every((c, i) => c === node.children[i]) ? node : { ...node, children };
    }
    case "not": {
      const child = expandVariantsWith(variantsFor, node.child);
      return child === node.child ? node : { ...node, child };
    }
    default:
      return node;
  }
}
