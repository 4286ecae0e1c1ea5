/**
 * `word~` on PostgreSQL: the spelling variants of src/search/variants.ts drawn from the archive's
 * vocabulary table (`terms`, migration 003: copied from FTS5 by `migrate`, recounted after each
 * PostgreSQL ingest), read once per archive state and pool, then expanded exactly as SQLite does.
 */
import { isCancelled } from "../../store/postgres/cancel.js";
import type { Pool, Sql } from "../../store/postgres/connect.js";
import { archiveStamp } from "../../store/postgres/entities-public.js";
import type { QueryNode } from "../ast.js";
import { expandVariantsWith } from "../variant-terms.js";
import { type Vocabulary, variantsIn, vocabularyOf } from "../variants.js";

const cache = new WeakMap<Pool, { stamp: string; vocab: Promise<Vocabulary> }>();

async function vocabulary(pool: Pool, tx: Sql): Promise<Vocabulary> {
  const stamp = await archiveStamp(tx);
  const hit = cache.get(pool);
  if (hit && hit.stamp === stamp) {
    try {
      return await hit.vocab;
    } catch (err) {
      // Read in the transaction of the request that started it, and cancelled when that client
      // left (src/store/postgres/cancel.ts): this request reads it anew.
      if (!isCancelled(err)) throw err;
    }
  }
  const vocab = (async () =>
    vocabularyOf(
      await tx<{ term: string; doc: number }[]>`SELECT term, docs AS doc FROM terms`,
      stamp,
    ))();
  cache.set(pool, { stamp, vocab });
  try {
    return await vocab;
  } catch (err) {
    if (cache.get(pool)?.vocab === vocab) cache.delete(pool);
    throw err;
  }
}

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
  const vocab = await vocabulary(pool, tx);
  return (n) => expandVariantsWith((w) => variantsIn(vocab, w, hidden), n);
}
