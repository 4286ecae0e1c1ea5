import { availableParallelism } from "node:os";
import { archiveTarget, isPostgresUrl } from "../archive/archive.js";
import { startCluster } from "../server/serve-workers.js";
import { startServer } from "../server/start.js";
import { redactUrl } from "../store/postgres/connect.js";
import { defineCommand } from "./command.js";
import { archiveFailureMessage } from "./io.js";
import { dbOption, dbReadOption } from "./options.js";
import { readTarget } from "./search.js";

/** An http(s) URL without query or fragment, without its trailing slash; null otherwise. */
function baseUrl(raw: string): string | null {
  try {
    const u = new URL(raw);
    if ((u.protocol !== "http:" && u.protocol !== "https:") || u.search || u.hash) return null;
    return u.toString().replace(/\/+$/, "");
  } catch {
    return null;
  }
}

/**
 * The statement timeout of a server on PostgreSQL: far above what a search takes at 251k cables
 * (docs/server-mode.md), short enough that a runaway statement frees its connection.
 */
const DEFAULT_QUERY_TIMEOUT_S = 30;

export const serveCommand = defineCommand({
  name: "serve",
  summary:
    "web UI and JSON API (`docs/api.md`); loopback only unless `--host`; `--public` is read-only",
  options: {
    db: {
      ...dbOption,
      help: "archive to serve: a SQLite file, created from the bundled sample (data/sample/) when it does not exist yet, or postgres://user@host:port/db (docs/server-mode.md)",
    },
    "db-read": dbReadOption,
    port: {
      type: "integer",
      arg: "N",
      min: 0,
      max: 65535,
      default: 8080,
      help: "TCP port (0 picks a free one)",
    },
    host: {
      type: "string",
      arg: "H",
      default: "127.0.0.1",
      help: "address to listen on (127.0.0.1: this machine only)",
    },
    public: {
      type: "boolean",
      help: "public mode: the archive is opened read-only and never created",
    },
    "cache-mb": {
      type: "integer",
      arg: "N",
      min: 0,
      max: 99999,
      default: 64,
      help: "memory for rendered pages and API answers, in megabytes (0 turns the cache off)",
    },
    "base-url": {
      type: "string",
      arg: "URL",
      help: "address of the archive in permalinks and citations, e.g. https://cables.example.org (default: the address it listens on)",
    },
    workers: {
      type: "integer",
      arg: "N",
      min: 1,
      max: 256,
      help: "processes answering on the port, each with its own read-only connection and its own --cache-mb (default: the number of cores; 1 serves from this one process)",
    },
    "query-timeout": {
      type: "integer",
      arg: "S",
      min: 0,
      max: 86400,
      help: `on PostgreSQL, seconds one statement may run before its request answers 503 with Retry-After (default ${DEFAULT_QUERY_TIMEOUT_S}; 0: no limit); a request whose client leaves is cancelled at once`,
    },
    "allowed-host": {
      type: "string",
      arg: "NAMES",
      help: "host names to answer besides localhost, 127.0.0.1, [::1] and the base URL's host, comma-separated; any other Host gets 421 (no DNS rebinding)",
    },
  },
  notes: ["The server only reads: there is no write route."],
  async run(values) {
    // How every line names the archive: a URL's password never reaches the terminal or a log.
    const target = archiveTarget(values.db);
    let dbRead: string | null;
    try {
      dbRead = readTarget(values["db-read"]);
    } catch (err) {
      process.stderr.write(`cablegram serve: ${(err as Error).message}\n`);
      return 2;
    }
    if (dbRead && !isPostgresUrl(target)) {
      process.stderr.write(
        "cablegram serve: --db-read reads a replica of an archive on PostgreSQL: give --db a postgres:// URL too\n",
      );
      return 2;
    }
    if (values["query-timeout"] !== undefined && !isPostgresUrl(target)) {
      process.stderr.write(
        "cablegram serve: --query-timeout limits statements on PostgreSQL; a SQLite archive's searches run to the end\n",
      );
      return 2;
    }
    const queryTimeoutMs = (values["query-timeout"] ?? DEFAULT_QUERY_TIMEOUT_S) * 1000;
    const label = isPostgresUrl(target) ? redactUrl(target) : target;
    const base = values["base-url"] === undefined ? undefined : baseUrl(values["base-url"]);
    if (base === null) {
      process.stderr.write(
        "cablegram serve: --base-url takes an http(s) URL such as https://cables.example.org\n",
      );
      return 2;
    }
    const hosts = (values["allowed-host"] ?? "")
      .split(",")
      .map((h) => h.trim())
      .filter(Boolean);
    const badHost = hosts.find((h) => !/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+)$/.test(h));
    if (badHost !== undefined) {
      process.stderr.write(`cablegram serve: --allowed-host takes host names, not '${badHost}'\n`);
      return 2;
    }
    const workers = values.workers ?? availableParallelism();
    const cacheBytes = values["cache-mb"] * 1024 * 1024;
    const common = {
      db: target,
      ...(dbRead ? { dbRead } : {}),
      port: values.port,
      host: values.host,
      public: values.public,
      ...(base ? { baseUrl: base } : {}),
      allowedHosts: hosts,
      ...(isPostgresUrl(target) ? { queryTimeoutMs } : {}),
    };
    let server: { url: string; close(): Promise<void>; failed?: Promise<Error> };
    try {
      server =
        workers === 1
          ? await startServer({
              ...common,
              cache: cacheBytes === 0 ? false : { maxBytes: cacheBytes },
            })
          : await startCluster({ ...common, workers, cacheBytes });
    } catch (err) {
      process.stderr.write(`cablegram serve: ${archiveFailureMessage(err, label)}\n`);
      return 1;
    }
    const mode = values.public ? " (public, read-only)" : "";
    const processes = workers === 1 ? "" : ` with ${workers} worker processes`;
    return new Promise<number>((resolve) => {
      const stop = (code: number) => {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
        server.close().then(() => resolve(code));
      };
      const onSignal = () => stop(0);
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
      // Announced only once Ctrl-C is ours: whoever waits for this line may signal at once.
      process.stdout.write(`Cablegram serving ${label}${mode} at ${server.url}${processes}\n`);
      server.failed?.then((err) => {
        process.stderr.write(`cablegram serve: ${err.message}; stopping\n`);
        stop(1);
      });
    });
  },
});
