/**
 * A response cache for the read-only pages and API answers. The archive changes only when an
 * ingest commits, which moves SQLite's `data_version`; until then a URL always renders the same
 * bytes, so the rendered answer is kept (LRU, bounded in bytes) and served again with an ETag.
 * A commit by another connection empties the cache: the archive's version is looked up at most
 * every CHECK_EVERY_MS (a pragma per request cost 5 % of the server's time under load), so a
 * new ingest shows within that delay. On PostgreSQL the look-up is a query: it runs in the
 * background and the cache empties when its answer differs, a query's time later. Bodies are kept encoded, so a hit is written as it is.
 * Hand-written, not an LRU package: the LRU is a Map in insertion order, the rest (ETag per
 * representation, gzip once, data_version invalidation) is HTTP no cache library does; a hit costs
 * 3.4 ms against 15.2 ms for rendering a reader page (scripts/measure-handwritten.ts).
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Context, MiddlewareHandler } from "hono";
import type { Db } from "../store/db.js";
import { SECURED, SECURITY_HEADERS } from "./security.js";

export interface CacheOptions {
  /** Total bytes of bodies kept (default 64 MiB). */
  maxBytes?: number;
  /** Bodies larger than this are never kept (default 1 MiB). */
  maxEntryBytes?: number;
}

interface Entry {
  status: number;
  type: string;
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  /** The body gzipped once, for clients that accept it (every browser); null when not worth it. */
  gzip: Uint8Array<ArrayBuffer> | null;
  bytes: number;
}

/** Smaller bodies go out as they are: gzip would save less than a packet. */
const GZIP_FROM = 1024;

const ENCODER = new TextEncoder();

/** How stale the archive version may be: a commit elsewhere is seen within this delay. */
export const CHECK_EVERY_MS = 20;

type Version = number | string;

const CACHED_TYPES = /^(text\/html|text\/plain|application\/json|application\/problem\+json)/;

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private version: Version | null = null;
  private checkedAt = -Infinity;
  private looking = false;
  private readonly dataVersion: () => Version | Promise<Version>;
  hits = 0;
  misses = 0;

  /** `source`: a SQLite connection, or what tells the archive's version (src/archive/reads.ts). */
  constructor(
    source: Db | (() => Version | Promise<Version>),
    private readonly maxBytes = 64 * 1024 * 1024,
    private readonly maxEntryBytes = 1024 * 1024,
  ) {
    if (typeof source === "function") this.dataVersion = source;
    else {
      const stmt = source.prepare<[], number>("PRAGMA data_version").pluck();
      this.dataVersion = () => stmt.get() ?? 0;
    }
  }

  /** Drops everything when the archive changed since the last call. */
  private check(): void {
    const now = performance.now();
    if (now - this.checkedAt < CHECK_EVERY_MS || this.looking) return;
    this.checkedAt = now;
    const v = this.dataVersion();
    if (!(v instanceof Promise)) {
      this.seen(v);
      return;
    }
    this.looking = true;
    v.then(
      (x) => this.seen(x),
      // An archive that cannot answer now empties the cache: nothing stale outlives a failure.
      () => this.seen(null),
    ).finally(() => {
      this.looking = false;
    });
  }

  private seen(v: Version | null): void {
    if (v !== this.version || v === null) {
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

  set(key: string, status: number, type: string, text: string): Entry {
    const body = ENCODER.encode(text);
    const etag = `"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`;
    const gzip = body.byteLength >= GZIP_FROM ? new Uint8Array(gzipSync(body)) : null;
    const bytes = body.byteLength + (gzip?.byteLength ?? 0) + key.length * 2;
    const entry = { status, type, body, etag, gzip, bytes };
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

/** Whether an Accept-Encoding header admits gzip (present, and not with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  for (const part of header.toLowerCase().split(",")) {
    const [coding, ...params] = part.trim().split(";");
    if (coding !== "gzip" && coding !== "*") continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

function respond(e: Entry, ifNoneMatch: string | undefined, gzip: boolean): Response {
  const zipped = gzip && e.gzip !== null;
  // Each representation has its own validator (RFC 9110 §8.8.3): the gzipped one is tagged.
  const etag = zipped ? `${e.etag.slice(0, -1)}-gz"` : e.etag;
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    "content-type": e.type,
    etag,
    "cache-control": "no-cache",
  };
  if (e.gzip) headers.vary = "accept-encoding";
  const notModified = ifNoneMatch !== undefined && ifNoneMatch === etag;
  if (zipped && !notModified) headers["content-encoding"] = "gzip";
  const res = notModified
    ? new Response(null, { status: 304, headers })
    : new Response(zipped ? e.gzip : e.body, { status: e.status, headers });
  SECURED.add(res);
  return res;
}

/**
 * Serves GET requests from the cache; renders and keeps 200 and 404 answers of cacheable types.
 * `turn` (src/server/app.ts, src/server/turns.ts) is awaited before anything is rendered and says
 * whether the request is still wanted; the cache is looked at again after it, since requests for
 * the same page that arrived together wait their turns while the first of them renders it.
 *
 * On SQLite a render ends within its turn, so that second look is enough. On PostgreSQL a render
 * awaits its queries and the next turns start meanwhile: 64 connections asking for the same new
 * page rendered it 64 times at once (each search holding a pooled connection), and on a cold cache
 * the load test's 71 pages cost 140–210 ms of database CPU per answer and timed out. So one render
 * per page is in flight: a request for a page being rendered waits for it and is served the
 * answer that render gave (kept in the cache or, too big for it, not). If that render gave nothing
 * to share (its client left and it was cancelled, an error, a status not kept), each waiting
 * request renders its own, as before.
 */
export function cacheMiddleware(
  cache: ResponseCache,
  turn: (c: Context) => Promise<boolean> = async () => true,
): MiddlewareHandler {
  /** Pages being rendered now, by cache key: resolved when the render ends, however it ends. */
  const rendering = new Map<string, Promise<Entry | undefined>>();
  return async (c, next) => {
    if (c.req.method !== "GET") {
      if (await turn(c)) await next();
      return;
    }
    const key = c.req.url;
    const answer = (entry: Entry) =>
      respond(entry, c.req.header("if-none-match"), acceptsGzip(c.req.header("accept-encoding")));
    const served = () => {
      const hit = cache.get(key);
      if (hit) c.res = answer(hit);
      return hit !== undefined;
    };
    /** Keeps a rendered 200 or 404 of a cacheable type and answers from it; else leaves it. */
    const keep = async (): Promise<Entry | undefined> => {
      const type = c.res.headers.get("content-type") ?? "";
      if ((c.res.status !== 200 && c.res.status !== 404) || !CACHED_TYPES.test(type)) return;
      if (c.res.headers.has("set-cookie")) return;
      const entry = cache.set(key, c.res.status, type, await c.res.text());
      c.res = answer(entry);
      return entry;
    };
    if (served()) return;
    if (!(await turn(c))) return;
    const pending = rendering.get(key);
    if (pending) {
      const entry = await pending;
      if (c.req.raw.signal.aborted) {
        c.res = new Response(null, { status: 499 });
        return;
      }
      if (entry) {
        c.res = answer(entry);
        return;
      }
      // That render gave nothing to share (its client left, an error, a status not kept): this
      // request renders its own, as every request did before.
      await next();
      await keep();
      return;
    }
    if (served()) return;
    let done: (entry: Entry | undefined) => void = () => {};
    rendering.set(key, new Promise((resolve) => (done = resolve)));
    let entry: Entry | undefined;
    try {
      await next();
      entry = await keep();
    } finally {
      rendering.delete(key);
      done(entry);
    }
  };
}
