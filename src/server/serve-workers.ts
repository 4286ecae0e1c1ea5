/**
 * `serve --workers N`: N processes answering on one port (node:cluster). better-sqlite3 is
 * synchronous, so one process answers one search at a time on one core; several processes, each
 * with its own read-only connection, use every core. Processes rather than worker threads: a
 * listening socket cannot be shared between threads, so threads would need the main thread to
 * parse every request and copy it to a thread and the answer back, and that one thread becomes the
 * bottleneck the workers were meant to remove (docs/server-mode.md, "Scaling one machine").
 *
 * The primary prepares the archive (first-run ingest, schema upgrade) before any worker opens it,
 * prefixes each worker's log lines with its number, replaces a worker that dies, and on SIGINT or
 * SIGTERM stops every worker before it exits. Workers leave with it if it is killed outright.
 */
import cluster, { type Worker } from "node:cluster";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import type { IngestReport } from "../ingest/index.js";
import { prepareArchive, type StartOptions } from "./start.js";
import {
  type ToPrimary,
  type ToWorker,
  WORKER_CONFIG_ENV,
  type WorkerConfig,
} from "./worker-protocol.js";

export interface ClusterOptions
  extends Pick<
    StartOptions,
    | "db"
    | "dbRead"
    | "port"
    | "host"
    | "public"
    | "seed"
    | "baseUrl"
    | "allowedHosts"
    | "queryTimeoutMs"
  > {
  workers: number;
  /** Response cache of each worker, in bytes (0: none). */
  cacheBytes: number;
  log?: (line: string) => void;
}

export interface RunningCluster {
  url: string;
  seeded: IngestReport | null;
  /** Process ids of the workers answering now, by worker number. */
  pids(): number[];
  /** Settles when the cluster cannot go on: a replacement worker died before it listened. */
  failed: Promise<Error>;
  /** Stops every worker (SIGKILL after `graceMs`) and resolves when all have exited. */
  close(): Promise<void>;
}

/** How long a worker may take to close its connections before it is killed. */
const GRACE_MS = 10_000;

function workerEntry(): string {
  const here = fileURLToPath(import.meta.url);
  return here.replace(/serve-workers\.(ts|js)$/, "serve-worker.$1");
}

function pipeLines(stream: Readable | null, write: (line: string) => void): void {
  if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on("line", write);
}

export async function startCluster(opts: ClusterOptions): Promise<RunningCluster> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const seeded = await prepareArchive({ ...opts, log });
  const config: WorkerConfig = {
    db: opts.db,
    ...(opts.dbRead ? { dbRead: opts.dbRead } : {}),
    port: opts.port,
    host: opts.host,
    public: Boolean(opts.public),
    cacheBytes: opts.cacheBytes,
    ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
    allowedHosts: opts.allowedHosts ?? [],
    ...(opts.queryTimeoutMs ? { queryTimeoutMs: opts.queryTimeoutMs } : {}),
  };
  // Round robin: the primary hands each new connection to the next worker, on every platform.
  cluster.schedulingPolicy = cluster.SCHED_RR;
  // No arguments: the configuration travels in the environment, so a password in `--db` is not
  // repeated on each worker's command line for `ps` to show.
  cluster.setupPrimary({ exec: workerEntry(), execArgv: process.execArgv, args: [], silent: true });

  const slots = new Map<number, Worker>();
  let stopping = false;
  let fail: (err: Error) => void = () => {};
  const failed = new Promise<Error>((resolve) => {
    fail = resolve;
  });

  /** Starts worker `n`; resolves with its address once it listens, rejects if it dies first. */
  const fork = (n: number): Promise<string> => {
    const worker = cluster.fork({ [WORKER_CONFIG_ENV]: JSON.stringify(config) });
    const pid = worker.process.pid;
    slots.set(n, worker);
    pipeLines(worker.process.stdout, (line) => log(`[worker ${n} pid ${pid}] ${line}`));
    pipeLines(worker.process.stderr, (line) => log(`[worker ${n} pid ${pid}] ${line}`));
    return new Promise<string>((resolve, reject) => {
      let listening = false;
      worker.on("message", (msg: ToPrimary) => {
        if (msg?.type !== "listening") return;
        listening = true;
        resolve(msg.url);
      });
      worker.once("exit", (code, signal) => {
        if (slots.get(n) === worker) slots.delete(n);
        if (stopping) return;
        const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
        if (!listening) {
          reject(new Error(`worker ${n} ${how} before it listened; its messages are above`));
          return;
        }
        log(`worker ${n} (pid ${pid}) ${how}; starting a replacement`);
        fork(n).then(
          (url) => log(`worker ${n} (pid ${slots.get(n)?.process.pid}) listening at ${url}`),
          (err: Error) => fail(err),
        );
      });
    });
  };

  const close = async () => {
    stopping = true;
    const exits = [...slots.values()].map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.isDead()) return resolve();
          w.once("exit", () => resolve());
          const kill = setTimeout(() => w.process.kill("SIGKILL"), GRACE_MS);
          w.once("exit", () => clearTimeout(kill));
          try {
            w.send({ type: "stop" } satisfies ToWorker);
          } catch {
            w.process.kill("SIGKILL");
          }
        }),
    );
    await Promise.all(exits);
  };

  let url: string;
  try {
    const urls = await Promise.all(Array.from({ length: opts.workers }, (_, i) => fork(i + 1)));
    url = urls[0]!;
  } catch (err) {
    await close();
    throw err;
  }
  for (const [n, w] of slots) log(`worker ${n} (pid ${w.process.pid}) listening at ${url}`);
  return {
    url,
    seeded,
    pids: () => [...slots.values()].map((w) => w.process.pid!),
    failed,
    close,
  };
}
