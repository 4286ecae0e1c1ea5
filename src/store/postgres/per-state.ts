/**
 * What a pool reads once per archive state and shares among its requests: the protected-name
 * index, the `word~` vocabulary, the columnar copy of search. The state is archiveStamp's (highest
 * version id, finished ingest runs), read in the caller's snapshot. A read runs in the transaction
 * of the request that started it; when that client left, it was cancelled (./cancel.ts), which
 * says nothing about the next request: it reads anew. A failed read is not kept.
 */
import { isCancelled } from "./cancel.js";
import type { Pool, Sql } from "./connect.js";

/** Changes whenever a write commits (src/archive/postgres-reads.ts dataVersion). */
export async function archiveStamp(sql: Sql): Promise<string> {
  const [row] = await sql<{ v: string }[]>`
    SELECT (SELECT coalesce(max(id), 0) FROM versions) || ':' ||
           (SELECT count(*) FROM ingest_runs WHERE finished_at IS NOT NULL) AS v`;
  return row?.v ?? "";
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
