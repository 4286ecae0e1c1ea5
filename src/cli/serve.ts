import { parseArgs } from "node:util";
import { startServer } from "../server/start.js";
import { DEFAULT_ARCHIVE } from "../store/db.js";
import { errorMessage } from "./io.js";

const HELP = `usage: cablegram serve [--db PATH] [--port 8080] [--host 127.0.0.1] [--public] [--cache-mb N]
                       [--base-url URL] [--allowed-host NAME]...
  --db PATH     archive to serve (default ${DEFAULT_ARCHIVE}); created from the bundled
                sample (data/sample/) when it does not exist yet
  --port N      TCP port (default 8080; 0 picks a free one)
  --host H      address to listen on (default 127.0.0.1: this machine only)
  --public      public mode: the archive is opened read-only and never created
  --cache-mb N  memory for rendered pages and API answers (default 64; 0 turns the cache off)
  --base-url URL        address of the archive in permalinks and citations, e.g.
                        https://cables.example.org (default: the address it listens on)
  --allowed-host NAME   a host name to answer besides localhost, 127.0.0.1, [::1] and the
                        base URL's host; repeatable. Requests for any other Host get 421,
                        so a web page cannot read the archive through DNS rebinding
The server only reads: there is no write route.`;

/** An http(s) URL without query or fragment, or null. */
function baseUrl(raw: string): string | null {
  try {
    const u = new URL(raw);
    if ((u.protocol !== "http:" && u.protocol !== "https:") || u.search || u.hash) return null;
    return u.toString().replace(/\/+$/, "");
  } catch {
    return null;
  }
}

export async function runServe(args: string[]): Promise<number> {
  const parse = () =>
    parseArgs({
      args,
      options: {
        db: { type: "string", default: DEFAULT_ARCHIVE },
        port: { type: "string", default: "8080" },
        host: { type: "string", default: "127.0.0.1" },
        public: { type: "boolean", default: false },
        "cache-mb": { type: "string", default: "64" },
        "base-url": { type: "string" },
        "allowed-host": { type: "string", multiple: true },
        help: { type: "boolean", short: "h" },
      },
    });
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse().values;
  } catch (err) {
    process.stderr.write(`cablegram serve: ${errorMessage(err)}\n${HELP}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const port = Number(values.port);
  if (!/^\d{1,5}$/.test(values.port) || port > 65535) {
    process.stderr.write(`cablegram serve: --port takes a number from 0 to 65535\n`);
    return 2;
  }
  const cacheMb = Number(values["cache-mb"]);
  if (!/^\d{1,5}$/.test(values["cache-mb"])) {
    process.stderr.write("cablegram serve: --cache-mb takes a whole number of megabytes\n");
    return 2;
  }
  const base = values["base-url"] === undefined ? undefined : baseUrl(values["base-url"]);
  if (base === null) {
    process.stderr.write(
      "cablegram serve: --base-url takes an http(s) URL such as https://cables.example.org\n",
    );
    return 2;
  }
  const hosts = values["allowed-host"] ?? [];
  const badHost = hosts.find((h) => !/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+)$/.test(h));
  if (badHost !== undefined) {
    process.stderr.write(`cablegram serve: --allowed-host takes a host name, not '${badHost}'\n`);
    return 2;
  }
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      db: values.db,
      port,
      host: values.host,
      public: values.public,
      cache: cacheMb === 0 ? false : { maxBytes: cacheMb * 1024 * 1024 },
      ...(base ? { baseUrl: base } : {}),
      allowedHosts: hosts,
    });
  } catch (err) {
    process.stderr.write(`cablegram serve: ${errorMessage(err)}\n`);
    return 1;
  }
  const mode = values.public ? " (public, read-only)" : "";
  process.stdout.write(`Cablegram serving ${values.db}${mode} at ${server.url}\n`);
  return new Promise<number>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      server.close().then(() => resolve(0));
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
