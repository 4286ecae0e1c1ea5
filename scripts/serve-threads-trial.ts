/**
 * The alternative `serve --workers N` did not take, kept to measure it again: worker threads.
 * A listening socket cannot be shared between threads, so the main thread parses every request,
 * hands it to the least busy of N threads (each with its own read-only connection and the same
 * app as `serve`), and writes the answer the thread sends back. Prints `{"url": ...}` and serves
 * until SIGTERM; measure it with `npm run load -- --url URL --server-pid PID`.
 *
 *   tsx scripts/serve-threads-trial.ts --db PATH [--threads 2] [--no-cache]
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

interface Ask {
  id: number;
  url: string;
  headers: Record<string, string>;
}
interface Answer {
  id: number;
  status: number;
  headers: [string, string][];
  body: ArrayBuffer;
}

async function thread(): Promise<void> {
  const { createApp } = await import("../src/server/app.js");
  const { openArchive } = await import("../src/store/db.js");
  const { columnsIfFresh } = await import("../src/search/columns.js");
  const { db: path, cache } = workerData as { db: string; cache: boolean };
  const db = openArchive(path, { readonly: true });
  columnsIfFresh(db);
  const app = createApp({ db, ...(cache ? {} : { cache: false }) });
  parentPort!.on("message", async (ask: Ask) => {
    const res = await app.app.fetch(new Request(ask.url, { headers: ask.headers }));
    const body = await res.arrayBuffer();
    const headers: [string, string][] = [];
    res.headers.forEach((v, k) => {
      headers.push([k, v]);
    });
    const answer: Answer = { id: ask.id, status: res.status, headers, body };
    parentPort!.postMessage(answer, [body]);
  });
  parentPort!.postMessage("ready");
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: "string" },
      threads: { type: "string", default: "2" },
      "no-cache": { type: "boolean", default: false },
    },
  });
  const pool = await Promise.all(
    Array.from({ length: Number(values.threads) }, async () => {
      // Threads do not inherit tsx: register it before importing this file again (src/ingest/pool.ts).
      const boot = `import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); });`;
      const w = new Worker(boot, {
        eval: true,
        workerData: { db: values.db, cache: !values["no-cache"] },
      });
      await new Promise((r) => w.once("message", r));
      return { w, busy: 0 };
    }),
  );
  const waiting = new Map<number, (a: Answer) => void>();
  for (const t of pool) {
    t.w.on("message", (a: Answer) => {
      t.busy--;
      waiting.get(a.id)?.(a);
      waiting.delete(a.id);
    });
  }
  let next = 0;
  const server = createServer((req, res) => {
    const t = pool.reduce((a, b) => (b.busy < a.busy ? b : a));
    t.busy++;
    const id = next++;
    waiting.set(id, (a) => {
      res.writeHead(a.status, a.headers);
      res.end(Buffer.from(a.body));
    });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
    t.w.postMessage({ id, url: `http://${req.headers.host}${req.url}`, headers } satisfies Ask);
  });
  server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(
      `${JSON.stringify({ url: `http://127.0.0.1:${port}/`, pid: process.pid })}\n`,
    );
  });
  process.on("SIGTERM", () => process.exit(0));
}

(isMainThread ? main() : thread()).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
