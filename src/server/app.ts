/**
 * The web application: the JSON API under /api and the server-rendered pages over one archive
 * connection. Only GET and HEAD exist; every answer carries the security headers; every error the
 * client caused is a 4xx problem (JSON for the API and `?format=json`, a page for browsers).
 */
import { type Context, Hono } from "hono";
import { type Archive, sqliteArchive } from "../archive/archive.js";
import { type ArchiveFault, archiveError } from "../store/archive-error.js";
import type { Db } from "../store/db.js";
import { isCancelled } from "../store/postgres/cancel.js";
import { PostgresArchiveError } from "../store/postgres/connect.js";
import { type Assets, loadAssets, STATIC_PREFIX } from "./assets.js";
import { type CacheOptions, cacheMiddleware, ResponseCache } from "./cache.js";
import { allowedHostSet, hostAllowList } from "./hosts.js";
import { type Problem, ProblemError, problemResponse } from "./problem.js";
import { publicMasking } from "./public-mode.js";
import { registerApi } from "./routes/api.js";
import { registerBrowse } from "./routes/browse.js";
import { registerCable } from "./routes/cable.js";
import { registerEntities } from "./routes/entities.js";
import { registerHome } from "./routes/home.js";
import { type Deps, errorPage } from "./routes/page.js";
import { registerSearch } from "./routes/search.js";
import { registerTags } from "./routes/tags.js";
import { readOnlyMethods, securityHeaders, urlLimit } from "./security.js";
import { registerSqliteOnly } from "./sqlite-only.js";
import { takeTurns } from "./turns.js";

export interface AppOptions {
  /** The archive served; a SQLite connection `db` stands for the archive over it. */
  archive?: Archive;
  db?: Db;
  /** Built client files (default: dist/client, see scripts/build-client.ts). */
  assets?: Assets;
  /** Response cache; false turns it off (default on, 64 MiB). */
  cache?: CacheOptions | false;
  /**
   * Public mode (`serve --public`): people the cables protect are hidden through this connection
   * (src/store/entities-public.ts) and masked in every answer (src/server/public-mode.ts).
   */
  public?: boolean;
  /** Called with unexpected errors (default: written to stderr). */
  onError?: (err: unknown) => void;
  /** Where the archive is reached, for permalinks and citations (default http://localhost). */
  baseUrl?: string;
  /** Host names answered besides the loopback names and the base URL's host. */
  allowedHosts?: readonly string[];
}

export interface App {
  app: Hono;
  cache: ResponseCache | null;
  assets: Assets;
  /** Sets the base URL once the address is known (a port 0 server learns it when listening). */
  setBaseUrl(url: string): void;
  /**
   * The server is stopping: its connections are being closed and then the archive. A request
   * the archive fails under from then on is answered 503 and not logged (src/server/start.ts).
   */
  stopping(): void;
}

/** What a visitor is told when the archive fails; the operator's log has the path and the remedy. */
const ARCHIVE_FAULTS: Record<ArchiveFault, string> = {
  corrupt: "the archive is damaged; the operator has been told to run 'cablegram check'",
  "not-an-archive": "the archive file is not readable as an archive",
  "is-a-folder": "the archive file is missing",
  "disk-full": "the server's disk is full",
  io: "the archive could not be read (a disk error)",
  busy: "the archive is busy; try again shortly",
  "read-only": "the archive could not be read",
  "cannot-open": "the archive could not be opened",
};

/** The API, and any representation of a page but the page itself (JSON, a CSV download...). */
function wantsProblemJson(url: URL): boolean {
  const format = url.searchParams.get("format");
  return (
    url.pathname.startsWith("/api/") || (format !== null && format !== "" && format !== "html")
  );
}

function archiveOf(opts: AppOptions): Archive {
  if (opts.archive) return opts.archive;
  if (opts.db) return sqliteArchive(opts.db, opts.db.name);
  throw new Error("createApp needs an archive");
}

export function createApp(opts: AppOptions): App {
  const assets = opts.assets ?? loadAssets();
  const baseUrl = (opts.baseUrl ?? "http://localhost").replace(/\/+$/, "");
  const archive = archiveOf(opts);
  const db = archive.sqlite;
  const deps: Deps = { archive, assets, public: opts.public === true, baseUrl };
  const cache =
    opts.cache === false
      ? null
      : new ResponseCache(
          db ?? (() => archive.dataVersion()),
          opts.cache?.maxBytes,
          opts.cache?.maxEntryBytes,
        );
  const logError =
    opts.onError ??
    ((err: unknown) =>
      process.stderr.write(`cablegram serve: ${describeForLog(err, archive.label)}\n`));
  const app = new Hono();
  let stopping = false;

  app.use("*", securityHeaders());
  // Before anything else answers: a page reached through a foreign name learns nothing.
  const hosts = allowedHostSet(opts.allowedHosts ?? [], baseUrl);
  app.use("*", hostAllowList(hosts));
  app.use("*", readOnlyMethods());
  app.use("*", urlLimit());

  app.get(`${STATIC_PREFIX}:file`, (c) => {
    const file = assets.file(c.req.param("file"));
    if (!file) throw new ProblemError(404, "no such static file");
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      "content-type": file.type,
      "cache-control": "public, max-age=31536000, immutable",
    });
  });
  app.get("/favicon.ico", (c) => c.body(null, 204));

  // What the cache does not answer reaches the archive: one such request starts per turn of the
  // event loop, so new connections are accepted between searches (src/server/turns.ts).
  const turns = takeTurns();
  const turn = async (c: Context) => {
    await turns();
    if (!c.req.raw.signal.aborted) return true;
    // Its client closed the connection while it waited: nobody would read the page, and the
    // search would only lengthen the wait of those still there. nginx's "client closed request".
    c.res = clientClosed();
    return false;
  };
  app.use(
    "*",
    cache
      ? cacheMiddleware(cache, turn)
      : async (c, next) => {
          if (await turn(c)) await next();
        },
  );
  // Whatever reads the archive from here on stops when the client goes: on PostgreSQL its
  // statements are cancelled, and the request answers 499 below.
  app.use("*", (c, next) => archive.cancelledBy(c.req.raw.signal, next));
  if (opts.public) {
    archive.enterPublicMode();
    // Read now rather than on the first request: at full scale it masks every protecting cable's
    // text to find its descriptions (src/store/entities-public.ts). A failure is the request's.
    archive.protectedIndex().catch(() => undefined);
    app.use(
      "*",
      publicMasking(() => archive.protectedIndex()),
    );
  }
  // Before the API, whose catch-all answers any other /api path.
  registerEntities(app, deps);
  registerSqliteOnly(app, deps);
  registerApi(app, deps);
  registerHome(app, deps);
  registerSearch(app, deps);
  registerCable(app, deps);
  registerBrowse(app, deps);
  registerTags(app, deps);

  const answer = (c: Context, problem: Problem) => {
    const headers: Record<string, string> = problem.status === 405 ? { allow: "GET, HEAD" } : {};
    const url = new URL(c.req.url);
    const bare = problem.status === 405 || problem.status === 414 || problem.status === 421;
    if (wantsProblemJson(url) || bare) {
      return problemResponse(problem, headers);
    }
    return errorPage(c, deps, problem);
  };

  app.notFound((c) =>
    answer(c, new ProblemError(404, `no page at ${new URL(c.req.url).pathname}`).problem),
  );
  app.onError((err, c) => {
    if (err instanceof ProblemError) return answer(c, err.problem);
    // The client left, so its statements were cancelled (or cut as the server stopped): nobody
    // reads the answer, and an error per abandoned request would drown the log under load.
    if (c.req.raw.signal.aborted) return clientClosed();
    if (stopping) {
      return answer(
        c,
        new ProblemError(503, "the server is stopping; try again shortly", {
          title: "Stopping",
        }).problem,
      );
    }
    logError(err);
    if (err instanceof PostgresArchiveError && isCancelled(err)) {
      // statement_timeout (`serve --query-timeout`): the archive is too busy for this request
      // now, which is the server's state, not the client's error; a retry later may well succeed.
      const res = answer(
        c,
        new ProblemError(
          503,
          "the archive took too long to answer this request; try again shortly",
          {
            title: "Archive busy",
            type: "urn:cablegram:problem:query-timeout",
          },
        ).problem,
      );
      return withRetryAfter(res);
    }
    const fault = err instanceof PostgresArchiveError ? "pg" : archiveError(err, archive.label);
    if (fault) {
      // The server's fault, not the client's: a 5xx that says so without the database's words,
      // the path or the URL.
      const detail =
        fault === "pg" ? "the archive's database did not answer" : ARCHIVE_FAULTS[fault.fault];
      return answer(
        c,
        new ProblemError(500, detail, {
          title: "Archive unavailable",
          type: "urn:cablegram:problem:archive-failure",
        }).problem,
      );
    }
    return answer(
      c,
      new ProblemError(500, "the server failed to answer; the error is logged").problem,
    );
  });
  const setBaseUrl = (url: string) => {
    deps.baseUrl = url.replace(/\/+$/, "");
    for (const h of allowedHostSet([], deps.baseUrl)) hosts.add(h);
  };
  return {
    app,
    cache,
    assets,
    setBaseUrl,
    stopping: () => {
      stopping = true;
    },
  };
}

/** nginx's "client closed request": the client went before its answer; no body, never cached. */
function clientClosed(): Response {
  return new Response(null, { status: 499 });
}

/** Seconds a client is asked to wait before it tries a timed-out request again. */
const RETRY_AFTER_S = "5";

async function withRetryAfter(res: Response | Promise<Response>): Promise<Response> {
  const answered = await res;
  answered.headers.set("retry-after", RETRY_AFTER_S);
  return answered;
}

/** A stack for bugs; for a failing archive, which archive and what to do (the stack says nothing). */
function describeForLog(err: unknown, path: string): string {
  // Already names the archive and says what PostgreSQL said; its stack is this file's.
  if (err instanceof PostgresArchiveError) return err.message;
  const archive = archiveError(err, path);
  if (archive) return `${archive.message} (${err instanceof Error ? err.message : String(err)})`;
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
