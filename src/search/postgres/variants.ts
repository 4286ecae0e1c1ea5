/**
 * `word~` on PostgreSQL: the spelling variants of src/search/variants.ts drawn from the archive's
 * vocabulary table (`terms`, migration 003: copied from FTS5 by `migrate`, recounted after each
 * PostgreSQL ingest), read once per archive state and pool, then expanded exactly as SQLite does.
 */
import type { Pool, Sql } from "../../store/postgres/connect.js";
import { PerArchiveState } from "../../store/postgres/per-state.js";
import type { QueryNode } from "../ast.js";
import { expandVariantsWith } from "../variant-terms.js";
import { type Vocabulary, variantsIn, vocabularyOf } from "../variants.js";

const vocabularies = new PerArchiveState<Vocabulary>(async (tx, stamp) =>
  vocabularyOf(
    await tx<{ term: string; doc: number }[]>`SELECT term, docs AS doc FROM terms`,
    stamp,
  ),
);

function hasVariants(n: QueryNode): boolean {
  if (n.kind === "text") return n.fuzzy === true;
  if (n.kind === "and" || n.kind === "or") return n.children.some(hasVariants);
  if (n.kind === "not") return hasVariants(n.child);
  return false;
}

/**
 * A function expanding the `word~` of a query (the query itself when it has none); `hidden`: the
 * words public mode never offers.
 */
export async function variantExpander(
  pool: Pool,
  tx: Sql,
  nodes: readonly QueryNode[],
  hidden: ReadonlyMap<string, unknown> | null,
): Promise<(n: QueryNode) => QueryNode> {
  if (!nodes.some(hasVariants)) return (n) => n;
  const vocab = await vocabularies.get(pool, tx);
  return (n) => expandVariantsWith((w) => variantsIn(vocab, w, hidden), n);
}
