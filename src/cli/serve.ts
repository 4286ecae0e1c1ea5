import { parseArgs } from "node:util";
import { startServer } from "../server/start.js";
import { DEFAULT_ARCHIVE } from "../store/db.js";
import { archiveFailureMessage, errorMessage } from "./io.js";

const HELP = `usage: cablegram serve [--db PATH] [--port 8080] [--host 127.0.0.1] [--public] [--cache-mb N]
  --db PATH     archive to serve (default ${DEFAULT_ARCHIVE}); created from the bundled
                sample (data/sample/) when it does not exist yet
  --port N      TCP port (default 8080; 0 picks a free one)
  --host H      address to listen on (default 127.0.0.1: this machine only)
  --public      public mode: the archive is opened read-only and never created
  --cache-mb N  memory for rendered pages and API answers (default 64; 0 turns the cache off)
The server only reads: there is no write route.`;

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
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      db: values.db,
      port,
      host: values.host,
      public: values.public,
      cache: cacheMb === 0 ? false : { maxBytes: cacheMb * 1024 * 1024 },
    });
  } catch (err) {
    process.stderr.write(`cablegram serve: ${archiveFailureMessage(err, values.db)}\n`);
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
