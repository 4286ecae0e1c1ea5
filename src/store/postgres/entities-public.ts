/**
 * Public mode on PostgreSQL, as src/store/entities-public.ts is on SQLite: a switch per
 * connection pool (set by `serve --public`) that every read through the pool consults, and the
 * index of the cables protecting persons, read once per archive state. The state is the same
 * number the server's response cache follows (highest version id, finished ingest runs): a
 * protected mention only comes or goes with a new version of its cable.
 */
import { indexOf, type ProtectedIndex, type ProtectedMention } from "../entities-public.js";
import { isCancelled } from "./cancel.js";
import type { Pool, Sql } from "./connect.js";

const publicPools = new WeakSet<Pool>();

export function setPublicModePg(sql: Pool): void {
  publicPools.add(sql);
}

export function isPublicModePg(sql: Pool): boolean {
  return publicPools.has(sql);
}

/** Changes whenever a write commits (src/archive/postgres-reads.ts dataVersion). */
export async function archiveStamp(sql: Sql): Promise<string> {
  const [row] = await sql<{ v: string }[]>`
    SELECT (SELECT coalesce(max(id), 0) FROM versions) || ':' ||
           (SELECT count(*) FROM ingest_runs WHERE finished_at IS NOT NULL) AS v`;
  return row?.v ?? "";
}

const cache = new WeakMap<Pool, { stamp: string; index: Promise<ProtectedIndex> }>();

/**
 * The cables with protected persons. `tx` reads (the caller's snapshot when in a transaction);
 * `pool` keys the cache.
 */
export async function protectedIndexPg(pool: Pool, tx: Sql = pool): Promise<ProtectedIndex> {
  const stamp = await archiveStamp(tx);
  const hit = cache.get(pool);
  if (hit && hit.stamp === stamp) {
    try {
      return await hit.index;
    } catch (err) {
      // The read runs in the transaction of the request that started it: when that client left,
      // it was cancelled (./cancel.ts), which says nothing about this request: it reads anew.
      if (!isCancelled(err)) throw err;
    }
  }
  const index = (async () =>
    indexOf(
      await tx<ProtectedMention[]>`
        SELECT m.cable_id, c.reference_id, m.name, m.variants
          FROM mentions m JOIN cables c ON c.id = m.cable_id WHERE m.protected`,
    ))();
  cache.set(pool, { stamp, index });
  try {
    return await index;
  } catch (err) {
    // A failed read is not an index: the next call tries again.
    if (cache.get(pool)?.index === index) cache.delete(pool);
    throw err;
  }
}

/** A cable as public mode shows it: without the persons it protects (publicView on SQLite). */
export function withoutProtected<C extends { persons?: { protected: boolean }[] }>(cable: C): C {
  if (!cable.persons?.some((p) => p.protected)) return cable;
  return { ...cable, persons: cable.persons.filter((p) => !p.protected) };
}
