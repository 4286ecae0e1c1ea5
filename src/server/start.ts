/**
 * Starting the web server over an archive file: on first run (no archive yet) the bundled sample
 * (data/sample/) is ingested into it, then the app is served with @hono/node-server. `--public`
 * opens the archive read-only at the SQLite level as well. An archive on PostgreSQL
 * (`postgres://…`) is never seeded: its schema is brought up to date, and it is served as it is;
 * publicly only through a read-only role.
 */
import { existsSync } from "node:fs";
import { STATUS_CODES } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import {
  type Archive,
  isPostgresUrl,
  openPostgresArchive,
  sqliteArchive,
} from "../archive/archive.js";
import { type IngestReport, ingest } from "../ingest/index.js";
import { type Db, openArchive } from "../store/db.js";
import {
  archiveFailure,
  openPostgres,
  PostgresArchiveError,
  pendingMigrations,
} from "../store/postgres/connect.js";
import { assertReadOnlyRole } from "../store/postgres/roles.js";
import { type App, createApp } from "./app.js";
import type { Assets } from "./assets.js";
import type { CacheOptions } from "./cache.js";
import { PROBLEM_TYPE, ProblemError } from "./problem.js";
import { SECURITY_HEADERS } from "./security.js";
import {
  buildPendingSummaries,
  oldExtractorWarning,
  pendingResolutionWarning,
  staleSummariesWarning,
} from "./summaries.js";

export const SAMPLE_DIR = fileURLToPath(new URL("../../data/sample/", import.meta.url));
const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export interface StartOptions {
  /** Archive file, or the URL of an archive on PostgreSQL. */
  db: string;
  /**
   * A PostgreSQL server every read goes to, a streaming replica of `db` (`--db-read`): the schema
   * is still brought up to date through `db`, once, at start.
   */
  dbRead?: string;
  port: number;
  host: string;
  /** Read-only public mode: the archive is opened read-only and never created. */
  public?: boolean;
  /**
   * Open the archive read-only and never create it, without public mode's masking: what each of
   * `serve --workers N`'s processes does once the first process has made the archive ready.
   */
  readonly?: boolean;
  /** What to ingest when the archive does not exist yet (default: the bundled sample). */
  seed?: string[];
  assets?: Assets;
  /** Response cache size, or false for none (default 64 MiB). */
  cache?: CacheOptions | false;
  /** Base URL of permalinks and citations (default: the address the server listens on). */
  baseUrl?: string;
  /** Host names to answer besides loopback names and the base URL's host (DNS rebinding). */
  allowedHosts?: string[];
  /** Progress and notices (default: stderr). */
  log?: (line: string) => void;
  /**
   * On PostgreSQL, how long one statement may run, in milliseconds (statement_timeout; 0 or
   * absent: no limit): a request whose statement runs longer answers 503 (src/server/app.ts).
   */
  queryTimeoutMs?: number;
}

export interface RunningServer {
  url: string;
  archive: Archive;
  /** The SQLite connection; null for an archive on PostgreSQL. */
  db: Db | null;
  app: App;
  seeded: IngestReport | null;
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith("127.");
}

async function seedArchive(path: string, inputs: string[], log: (s: string) => void) {
  log(`no archive at ${path}: ingesting ${inputs.join(", ")} (first run)`);
  const db = openArchive(path);
  try {
    const report = await ingest(db, inputs, { dbLabel: path });
    log(
      `ingested ${report.new} cables (${report.rejected} rejected) in ${report.seconds.toFixed(1)} s`,
    );
    return report;
  } finally {
    db.close();
  }
}

/**
 * Makes the archive servable before any connection reads it: ingests the seed on first run and
 * brings an existing archive's schema up to date (public mode does neither: it never writes).
 * Returns the first-run ingest report, or null.
 */
export async function prepareArchive(
  opts: Pick<StartOptions, "db" | "public" | "readonly" | "seed" | "log">,
): Promise<IngestReport | null> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (isPostgresUrl(opts.db)) {
    // Migrating here, once, lets every worker open it read-only; failures name it without
    // password. Public mode never writes: it checks its role and the schema instead.
    if (opts.public) await checkPublicPostgres(opts.db);
    else await (await openPostgresArchive(opts.db, { readonly: Boolean(opts.readonly) })).close();
    return null;
  }
  if (opts.db !== ":memory:" && !existsSync(opts.db)) {
    if (opts.public) throw new Error(`no archive at ${opts.db} (public mode never creates one)`);
    if (opts.readonly) throw new Error(`no archive at ${opts.db}`);
    return seedArchive(opts.db, opts.seed ?? [SAMPLE_DIR], log);
  }
  // Opening once here also turns a damaged or foreign file into its clear error before any worker;
  // a writable opening builds pending summaries once, for workers that open it read-only.
  if (opts.db !== ":memory:") {
    const writable = !opts.public && !opts.readonly;
    const db = openArchive(opts.db, { readonly: !writable });
    try {
      if (writable) buildPendingSummaries(db, log);
    } finally {
      db.close();
    }
  }
  return null;
}

/**
 * A public server on PostgreSQL reads through a role that cannot write (docs/server-mode.md,
 * "Roles"), from a schema that holds the mentions its masking reads: it cannot migrate one.
 */
async function checkPublicPostgres(url: string): Promise<void> {
  const pg = await openPostgres(url, { readonly: true, max: 1 });
  try {
    const pending = await pendingMigrations(pg.sql);
    if (pending.length > 0) {
      throw new PostgresArchiveError(
        `${pg.label} lacks ${pending.join(", ")}: open it once with a role that may write (cablegram stats --db URL), then serve it publicly`,
      );
    }
    await assertReadOnlyRole(pg);
  } catch (err) {
    throw archiveFailure(url, err);
  } finally {
    await pg.close();
  }
}

/** The archive to serve, opened: SQLite seeded on first run; PostgreSQL migrated unless read-only. */
async function openServed(
  opts: StartOptions,
): Promise<{ archive: Archive; db: Db | null; seeded: IngestReport | null }> {
  if (isPostgresUrl(opts.db)) {
    if (opts.public) await checkPublicPostgres(opts.dbRead ?? opts.db);
    const archive = await openPostgresArchive(opts.db, {
      readonly: Boolean(opts.readonly || opts.public),
      ...(opts.queryTimeoutMs ? { statementTimeoutMs: opts.queryTimeoutMs } : {}),
      ...(opts.dbRead ? { readUrl: opts.dbRead } : {}),
    });
    return { archive, db: null, seeded: null };
  }
  let seeded: IngestReport | null = null;
  if (opts.db !== ":memory:" && !existsSync(opts.db)) seeded = await prepareArchive(opts);
  const db = openArchive(opts.db, { readonly: Boolean(opts.public || opts.readonly) });
  return { archive: sqliteArchive(db, opts.db), db, seeded };
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { archive, db, seeded } = await openServed(opts);
  // The address it listens on is a name it answers to, unless it is "every interface".
  const listening = /^(0\.0\.0\.0|::|\[::\])$/.test(opts.host) ? [] : [opts.host];
  const app = createApp({
    archive,
    public: Boolean(opts.public),
    ...(opts.assets ? { assets: opts.assets } : {}),
    ...(opts.cache !== undefined ? { cache: opts.cache } : {}),
    ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
    allowedHosts: [...listening, ...(opts.allowedHosts ?? [])],
  });
  if (app.assets.problem) log(`warning: ${app.assets.problem}`);
  if (db) {
    const extractor = oldExtractorWarning(db, opts.db);
    if (extractor) log(extractor);
    const resolution = pendingResolutionWarning(db, opts.db);
    if (resolution) log(resolution);
    if (!opts.public && !opts.readonly) buildPendingSummaries(db, log);
    else {
      const warning = staleSummariesWarning(db, opts.db);
      if (warning) log(warning);
    }
  }
  // After createApp, which puts a public server's connection in public mode: what is warmed is
  // what this connection's searches read. Before listening, so no request waits behind it.
  const t = performance.now();
  try {
    await archive.warmUp();
    const ms = Math.round(performance.now() - t);
    if (ms >= 1000) log(`search caches built in ${ms} ms`);
  } catch (err) {
    // The first searches build what is missing; a server that cannot warm up can still answer.
    log(`warning: search caches not built: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!isLoopback(opts.host)) log(`warning: listening on ${opts.host}, beyond this machine`);

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      {
        fetch: app.app.fetch,
        port: opts.port,
        hostname: opts.host,
        // Long URLs reach the app, which answers 414 with a problem, instead of Node's bare 431.
        serverOptions: { maxHeaderSize: 64 * 1024 },
      },
      () => resolve(s),
    );
    s.once("error", reject);
    s.on("clientError", answerClientError);
  }).catch(async (err: unknown) => {
    // A pool of connections left open would keep the process alive after the failure.
    await archive.close();
    throw err;
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}/`;
  if (!opts.baseUrl) {
    app.setBaseUrl(url);
    if (listening.length === 0) {
      log(`warning: permalinks use ${url}; give --base-url with the address visitors use`);
    }
  }
  return {
    url,
    archive,
    db,
    app,
    seeded,
    close: () =>
      new Promise<void>((resolve) => {
        app.stopping();
        server.close(() => {
          archive.close().then(resolve, resolve);
        });
        // Keep-alive connections would hold close() open until they time out.
        if ("closeAllConnections" in server) server.closeAllConnections();
      }),
  };
}

/**
 * Requests Node refuses before the app sees them (headers over maxHeaderSize, a malformed request
 * line) get a problem+json answer like every other error, instead of Node's bare status line.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = err.code === "HPE_HEADER_OVERFLOW" ? 431 : 400;
  const detail =
    status === 431
      ? "the request headers are larger than the server accepts"
      : "the request could not be read as HTTP";
  const body = JSON.stringify(new ProblemError(status, detail).problem);
  const headers = {
    "content-type": PROBLEM_TYPE,
    "content-length": String(Buffer.byteLength(body)),
    connection: "close",
    ...SECURITY_HEADERS,
  };
  const head = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("");
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n${body}`);
}
