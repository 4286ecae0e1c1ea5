/**
 * What a pool reads once per archive state and shares among its requests: the protected-name
 * index, the `word~` vocabulary, the columnar copy of search. The state is archiveStamp's, read in
 * the caller's snapshot. A read runs in the transaction
 * of the request that started it; when that client left, it was cancelled (./cancel.ts), which
 * says nothing about the next request: it reads anew. A failed read is not kept.
 */
import { isCancelled } from "./cancel.js";
import type { Pool, Sql } from "./connect.js";

/**
 * Changes whenever a write commits: the highest version id (a batch commits its versions with its
 * cables), the finished ingest runs, and the entity resolutions (migration 012; an archive not
 * migrated to it yet has none). Servers' response caches and the reads here compare it.
 */
export async function archiveStamp(sql: Sql): Promise<string> {
  const [row] = await sql<{ v: string; resolutions: boolean }[]>`
    SELECT (SELECT coalesce(max(id), 0) FROM versions) || ':' ||
           (SELECT count(*) FROM ingest_runs WHERE finished_at IS NOT NULL) AS v,
           to_regclass('entity_resolutions') IS NOT NULL AS resolutions`;
  if (!row?.resolutions) return row?.v ?? "";
  const [r] = await sql<{ runs: string }[]>`SELECT runs FROM entity_resolutions`;
  return `${row.v}:${r?.runs ?? 0}`;
}

interface Entry<T> {
  stamp: string;
  startedAt: number;
  value: Promise<T>;
}

export class PerArchiveState<T> {
  private readonly cache = new WeakMap<Pool, Entry<T>>();

  /** `read` gets the transaction and the state it reads. */
  constructor(private readonly read: (tx: Sql, stamp: string) => Promise<T>) {}

  /** The value for `tx`'s archive state; `pool` keys the cache. */
  async get(pool: Pool, tx: Sql = pool): Promise<T> {
    return (await this.lookup(pool, tx, 0)) as T;
  }

  /**
   * As get, but null instead of a read while the value of another state is younger than
   * `quietMs`: an ingest committing batches would otherwise have every request read it anew.
   */
  getUnlessRecent(pool: Pool, tx: Sql, quietMs: number): Promise<T | null> {
    return this.lookup(pool, tx, quietMs);
  }

  private async lookup(pool: Pool, tx: Sql, quietMs: number): Promise<T | null> {
    const stamp = await archiveStamp(tx);
    const hit = this.cache.get(pool);
    if (hit && hit.stamp === stamp) {
      try {
        return await hit.value;
      } catch (err) {
        if (!isCancelled(err)) throw err;
      }
    } else if (hit && Date.now() - hit.startedAt < quietMs) {
      return null;
    }
    const entry: Entry<T> = { stamp, startedAt: Date.now(), value: this.read(tx, stamp) };
    this.cache.set(pool, entry);
    try {
      return await entry.value;
    } catch (err) {
      if (this.cache.get(pool) === entry) this.cache.delete(pool);
      throw err;
    }
  }
}
