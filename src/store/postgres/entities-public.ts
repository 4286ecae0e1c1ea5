/**
 * Public mode on PostgreSQL, as src/store/entities-public.ts is on SQLite: a switch per
 * connection pool (set by `serve --public`) that every read through the pool consults, and the
 * index of the cables protecting persons, read once per archive state. The state is the same
 * number the server's response cache follows (highest version id, finished ingest runs): a
 * protected mention only comes or goes with a new version of its cable. The index reads the forms
 * every version protects (`protected_forms`), the persons public mode withholds beside them
 * (`mentions.protected`; src/store/protection-inherit.ts, withheldIn) and the persons of the
 * older versions of those cables (their JSON in `versions`), as PROTECTED_ROWS does.
 */
import {
  indexOf,
  type ProtectedIndex,
  type ProtectedMention,
  type ProtectingText,
  withMaskedWords,
} from "../entities-public.js";
import type { Pool, Sql } from "./connect.js";
import { PerArchiveState } from "./per-state.js";

const publicPools = new WeakSet<Pool>();

export function setPublicModePg(sql: Pool): void {
  publicPools.add(sql);
}

export function isPublicModePg(sql: Pool): boolean {
  return publicPools.has(sql);
}

const protectedIndexes = new PerArchiveState<ProtectedIndex>(async (tx) => {
  const index = indexOf(
    await tx<ProtectedMention[]>`
      SELECT c.id AS cable_id, c.reference_id, p.form AS name, '[]' AS variants, '[]' AS roles,
             1 AS protected, 0 AS older
        FROM protected_forms p JOIN cables c ON c.reference_id = p.reference_id
      UNION ALL
      SELECT m.cable_id, c.reference_id, m.name, m.variants, m.roles, 0, 0
        FROM mentions m JOIN cables c ON c.id = m.cable_id
       WHERE m.protected AND m.type = 'person'
      UNION ALL
      SELECT c.id, c.reference_id, p->>'name', coalesce(p->'variants', '[]')::text,
             coalesce(p->'roles', '[]')::text,
             CASE WHEN p->'protected' = 'true' THEN 1 ELSE 0 END, 1
        FROM versions v JOIN cables c ON c.reference_id = v.reference_id,
             jsonb_array_elements(
               CASE WHEN jsonb_typeof(v.cable_json::jsonb->'persons') = 'array'
                    THEN v.cable_json::jsonb->'persons' ELSE '[]' END) p
       WHERE v.cable_json IS NOT NULL
         AND v.reference_id IN (SELECT reference_id FROM protected_forms)`,
  );
  const ids = [...index.byRowid.keys()];
  return withMaskedWords(
    index,
    await tx<ProtectingText[]>`
      SELECT id AS cable_id, subject, summary, body FROM cables WHERE id = ANY(${ids}::bigint[])`,
  );
});

/**
 * The cables with protected persons. `tx` reads (the caller's snapshot when in a transaction);
 * `pool` keys the cache.
 */
export function protectedIndexPg(pool: Pool, tx: Sql = pool): Promise<ProtectedIndex> {
  return protectedIndexes.get(pool, tx);
}

/** What public mode leaves out of a cable's lists is decided alike on both back ends. */
export { withoutWithheld } from "../entities-public.js";
