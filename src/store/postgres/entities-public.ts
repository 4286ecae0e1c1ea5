/**
 * Public mode on PostgreSQL, as src/store/entities-public.ts is on SQLite: a switch per
 * connection pool (set by `serve --public`) that every read through the pool consults, and the
 * index of the cables protecting persons, read once per archive state. The state is the same
 * number the server's response cache follows (highest version id, finished ingest runs): a
 * protected mention only comes or goes with a new version of its cable. The index reads the forms
 * every version protects (`protected_forms`) and the persons public mode withholds beside them
 * (`mentions.protected`; src/store/protection-inherit.ts, withheldIn), as PROTECTED_ROWS does.
 */
import { indexOf, type ProtectedIndex, type ProtectedMention } from "../entities-public.js";
import type { Pool, Sql } from "./connect.js";
import { PerArchiveState } from "./per-state.js";

const publicPools = new WeakSet<Pool>();

export function setPublicModePg(sql: Pool): void {
  publicPools.add(sql);
}

export function isPublicModePg(sql: Pool): boolean {
  return publicPools.has(sql);
}

const protectedIndexes = new PerArchiveState<ProtectedIndex>(async (tx) =>
  indexOf(
    await tx<ProtectedMention[]>`
      SELECT c.id AS cable_id, c.reference_id, p.form AS name, '[]' AS variants, '[]' AS roles,
             1 AS protected
        FROM protected_forms p JOIN cables c ON c.reference_id = p.reference_id
      UNION ALL
      SELECT m.cable_id, c.reference_id, m.name, m.variants, m.roles, 0
        FROM mentions m JOIN cables c ON c.id = m.cable_id
       WHERE m.protected AND m.type = 'person'`,
  ),
);

/**
 * The cables with protected persons. `tx` reads (the caller's snapshot when in a transaction);
 * `pool` keys the cache.
 */
export function protectedIndexPg(pool: Pool, tx: Sql = pool): Promise<ProtectedIndex> {
  return protectedIndexes.get(pool, tx);
}

/** What public mode leaves out of a cable's lists is decided alike on both back ends. */
export { withoutWithheld } from "../entities-public.js";
