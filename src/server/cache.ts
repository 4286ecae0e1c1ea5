/**
 * A response cache for the read-only pages and API answers. The archive changes only when an
 * ingest commits, which moves SQLite's `data_version`; until then a URL always renders the same
 * bytes, so the rendered answer is kept (LRU, bounded in bytes) and served again with an ETag.
 * Any commit by another connection empties the cache before the next lookup.
 */
import { createHash } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { Db } from "../store/db.js";

export interface CacheOptions {
  /** Total bytes of bodies kept (default 64 MiB). */
  maxBytes?: number;
  /** Bodies larger than this are never kept (default 1 MiB). */
  maxEntryBytes?: number;
}

interface Entry {
  status: number;
  type: string;
  body: string;
  etag: string;
  bytes: number;
}

const CACHED_TYPES = /^(text\/html|text\/plain|application\/json|application\/problem\+json)/;

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private version: number | null = null;
  private readonly dataVersion: () => number;
  hits = 0;
  misses = 0;

  constructor(
    db: Db,
    private readonly maxBytes = 64 * 1024 * 1024,
    private readonly maxEntryBytes = 1024 * 1024,
  ) {
    const stmt = db.prepare<[], number>("PRAGMA data_version").pluck();
    this.dataVersion = () => stmt.get() ?? 0;
  }

  /** Drops everything when the archive changed since the last call. */
  private check(): void {
    const v = this.dataVersion();
    if (v !== this.version) {
      this.entries.clear();
      this.bytes = 0;
      this.version = v;
    }
  }

  get(key: string): Entry | undefined {
    this.check();
    const e = this.entries.get(key);
    if (e) {
      // Re-inserting moves the key to the end: Map order is the LRU order.
      this.entries.delete(key);
      this.entries.set(key, e);
      this.hits++;
    } else this.misses++;
    return e;
  }

  set(key: string, status: number, type: string, body: string): Entry {
    const etag = `"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`;
    const entry = { status, type, body, etag, bytes: body.length * 2 + key.length };
    if (entry.bytes > this.maxEntryBytes) return entry;
    this.check();
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
    return entry;
  }

  get size(): number {
    return this.entries.size;
  }
}

function respond(e: Entry, ifNoneMatch: string | undefined): Response {
  const headers = { "content-type": e.type, etag: e.etag, "cache-control": "no-cache" };
  if (ifNoneMatch && ifNoneMatch === e.etag) return new Response(null, { status: 304, headers });
  return new Response(e.body, { status: e.status, headers });
}

/** Serves GET requests from the cache; renders and keeps 200 and 404 answers of cacheable types. */
export function cacheMiddleware(cache: ResponseCache): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== "GET") return next();
    const key = c.req.url;
    const hit = cache.get(key);
    if (hit) {
      c.res = respond(hit, c.req.header("if-none-match"));
      return;
    }
    await next();
    const type = c.res.headers.get("content-type") ?? "";
    if ((c.res.status !== 200 && c.res.status !== 404) || !CACHED_TYPES.test(type)) return;
    if (c.res.headers.has("set-cookie")) return;
    const body = await c.res.text();
    const entry = cache.set(key, c.res.status, type, body);
    c.res = respond(entry, c.req.header("if-none-match"));
  };
}
