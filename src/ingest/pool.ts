import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ReadItem } from "../formats/record.js";
import { type Prepared, prepareItems, rejectAll } from "./prepare.js";
import {
  INDEX,
  type ParseRequest,
  type ParseResponse,
  PROGRESS_BYTES,
  TASK,
  TICK,
} from "./worker-protocol.js";

/** Turns batches of read items into prepared cables, on worker threads or in this thread. */
export interface BatchParser {
  parse(items: ReadItem[]): Promise<Prepared[]>;
  close(): Promise<void>;
  /** Worker threads used; 0 when parsing in process. */
  readonly threads: number;
}

/**
 * Parsing on the calling thread: for tests and small inputs. It has no guard against a parser
 * that never returns; the worker pool has.
 */
export function inProcessParser(): BatchParser {
  return {
    threads: 0,
    parse: async (items) => prepareItems(items),
    close: async () => {},
  };
}

interface Task {
  request: ParseRequest;
  resolve: (results: Prepared[]) => void;
}

export type WorkerEntry = { source: string | URL; eval: boolean };

/** Heap of one parse worker: ample for any real cable (the largest of Cablegate are ~1 MB). */
const WORKER_HEAP_MB = 768;

/**
 * A record of more characters than this is parsed alone, on a worker of its own whose heap and
 * time limit grow with the record (`largeRecordLimits`): a 50 MB record needs more heap than the
 * shared workers have and far longer than the hang watchdog allows a normal record.
 */
export const LARGE_RECORD_CHARS = 4 * 1024 * 1024;

/**
 * Heap and time for one large record, from measurement: a 50 MB single-record CSV row took 49 s
 * and 600 MB of resident memory to parse and store on the main thread of a loaded 2-core machine.
 * The margins (24 MB of heap and 4 s per MB) cover the largest record the readers accept (64 MB,
 * MAX_SINGLE_RECORD_BYTES and the CSV row cap) with room to spare.
 */
export function largeRecordLimits(chars: number): { heapMb: number; timeoutMs: number } {
  const mb = Math.ceil(chars / (1024 * 1024));
  return { heapMb: WORKER_HEAP_MB + 24 * mb, timeoutMs: DEFAULT_RECORD_TIMEOUT_MS + 4000 * mb };
}

function recordChars(item: ReadItem): number {
  return item.kind === "record" ? item.body.length + (item.header?.length ?? 0) : 0;
}

/**
 * How to start the worker. The CLI runs compiled code, where parse-worker.js sits beside this file.
 * Tests and scripts run the TypeScript sources; there the worker registers tsx before importing
 * the .ts entry, so the same pool works in both.
 */
export function workerEntry(name = "parse-worker"): WorkerEntry {
  const js = new URL(`./${name}.js`, import.meta.url);
  if (existsSync(fileURLToPath(js))) return { source: js, eval: false };
  const ts = new URL(`./${name}.ts`, import.meta.url);
  if (!existsSync(fileURLToPath(ts))) {
    throw new Error(`${name} not found beside ${fileURLToPath(import.meta.url)}: build first`);
  }
  const meta = import.meta as ImportMeta & { resolve?: (s: string) => string };
  const tsx = typeof meta.resolve === "function" ? meta.resolve("tsx/esm/api") : "tsx/esm/api";
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(ts.href)}); });`;
  return { source: boot, eval: true };
}

class PoolWorker {
  /** Requests sent and not answered, oldest first (Map keeps insertion order). */
  readonly pending = new Map<number, Task>();
  readonly progress = new Int32Array(new SharedArrayBuffer(PROGRESS_BYTES));
  lastTick = 0;
  lastChange = Date.now();
  private readonly worker: Worker;

  constructor(
    entry: WorkerEntry,
    onDeath: (w: PoolWorker, reason: string) => void,
    heapMb = WORKER_HEAP_MB,
  ) {
    this.worker = new Worker(entry.source, {
      eval: entry.eval,
      workerData: this.progress.buffer,
      // A parser bug that allocates without end kills its thread (and one record), not the ingest.
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
    this.worker.on("message", (msg: ParseResponse) => {
      const task = this.pending.get(msg.id);
      if (!task) return;
      this.pending.delete(msg.id);
      task.resolve(msg.results);
    });
    this.worker.on("error", (err) => onDeath(this, `parser worker crashed: ${err.message}`));
    this.worker.on("exit", (code) => {
      if (this.pending.size > 0) onDeath(this, `parser worker exited (code ${code})`);
    });
  }

  send(task: Task) {
    if (this.pending.size === 0) this.lastChange = Date.now();
    this.pending.set(task.request.id, task);
    this.worker.postMessage(task.request);
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

export interface PoolOptions {
  /** A record whose parse takes longer than this is rejected, and its thread replaced. */
  recordTimeoutMs?: number;
}

/** Longest parse of the 6,755 corpus cables is ~0.2 s; this leaves room for a loaded machine. */
export const DEFAULT_RECORD_TIMEOUT_MS = 20_000;

/**
 * A fixed pool of parse workers; each batch goes to the worker with the fewest batches waiting.
 * A parser bug must not stop an ingest: when a worker hangs (watchdog) or dies, a fresh worker
 * takes the thread's place and every record it held is parsed again — the failing batch record by
 * record, so that if it fails again, exactly that one record is rejected with the cause.
 */
export function workerPool(size: number, opts: PoolOptions = {}): BatchParser {
  const limit = opts.recordTimeoutMs ?? DEFAULT_RECORD_TIMEOUT_MS;
  const entry = workerEntry();
  const workers: PoolWorker[] = [];
  let nextId = 0;
  let closing = false;

  const submit = (items: ReadItem[], oneByOne = false): Promise<Prepared[]> =>
    new Promise((resolve) => {
      let best = workers[0]!;
      for (const w of workers) if (w.pending.size < best.pending.size) best = w;
      best.send({ request: { id: nextId++, items, ...(oneByOne ? { oneByOne } : {}) }, resolve });
    });

  const fail = (dead: PoolWorker, reason: string) => {
    const i = workers.indexOf(dead);
    if (i < 0) return;
    const tasks = [...dead.pending.values()];
    dead.pending.clear();
    void dead.terminate();
    if (closing) {
      workers.splice(i, 1);
      for (const t of tasks) t.resolve(rejectAll(t.request.items, reason));
      return;
    }
    workers[i] = new PoolWorker(entry, fail);
    const started = Atomics.load(dead.progress, TICK) > 0;
    const blamedTask = Atomics.load(dead.progress, TASK);
    const blamedIndex = Atomics.load(dead.progress, INDEX);
    for (const t of tasks) {
      const items = t.request.items;
      if (!started) {
        // The thread died before its first record: nothing to blame, nothing to retry safely.
        t.resolve(rejectAll(items, reason));
      } else if (t.request.id === blamedTask && !t.request.oneByOne) {
        // It failed inside a chunk: go again record by record, which names the culprit if it fails again.
        void submit(items, true).then(t.resolve);
      } else if (t.request.id === blamedTask && blamedIndex < items.length) {
        const culprit = rejectAll([items[blamedIndex]!], reason);
        const rest = items.filter((_, j) => j !== blamedIndex);
        const retried = rest.length > 0 ? submit(rest, true) : Promise.resolve([]);
        void retried.then((results) => {
          results.splice(blamedIndex, 0, ...culprit);
          t.resolve(results);
        });
      } else {
        void submit(items).then(t.resolve);
      }
    }
  };

  for (let i = 0; i < Math.max(1, size); i++) workers.push(new PoolWorker(entry, fail));
  const watchdog = setInterval(
    () => {
      const now = Date.now();
      for (const w of [...workers]) {
        const tick = Atomics.load(w.progress, TICK);
        if (w.pending.size === 0 || tick !== w.lastTick) {
          w.lastTick = tick;
          w.lastChange = now;
        } else if (now - w.lastChange > limit) {
          fail(w, `parser did not finish within ${Math.round(limit / 1000)} s (a parser bug)`);
        }
      }
    },
    Math.min(1000, Math.max(10, limit / 4)),
  );
  watchdog.unref();

  // Large records one at a time: two 50 MB parses at once would need twice the memory.
  let largeQueue: Promise<unknown> = Promise.resolve();
  const large = new Set<PoolWorker>();
  const parseLarge = (item: ReadItem): Promise<Prepared> => {
    const next = largeQueue.then(() => parseAlone(entry, item, large));
    largeQueue = next;
    return next;
  };

  return {
    threads: workers.length,
    parse(items) {
      if (!items.some((it) => recordChars(it) > LARGE_RECORD_CHARS)) return submit(items);
      const rest: ReadItem[] = [];
      const places: number[] = [];
      const alone: Promise<void>[] = [];
      const out: Prepared[] = new Array(items.length);
      items.forEach((item, i) => {
        if (recordChars(item) > LARGE_RECORD_CHARS) {
          alone.push(
            parseLarge(item).then((r) => {
              out[i] = r;
            }),
          );
        } else {
          rest.push(item);
          places.push(i);
        }
      });
      const shared = (rest.length > 0 ? submit(rest) : Promise.resolve([])).then((results) => {
        results.forEach((r, j) => {
          out[places[j]!] = r;
        });
      });
      return Promise.all([shared, ...alone]).then(() => out);
    },
    async close() {
      closing = true;
      clearInterval(watchdog);
      await Promise.all([...workers, ...large].map((w) => w.terminate()));
    },
  };
}

/**
 * One large record on a worker of its own, sized for it (largeRecordLimits); the worker ends with
 * the record. A crash, an exhausted heap or a hang rejects this record alone, with the cause.
 */
function parseAlone(entry: WorkerEntry, item: ReadItem, live: Set<PoolWorker>): Promise<Prepared> {
  const chars = recordChars(item);
  const { heapMb, timeoutMs } = largeRecordLimits(chars);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Prepared) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      live.delete(worker);
      void worker.terminate();
      resolve(result);
    };
    const mb = (chars / (1024 * 1024)).toFixed(1);
    const worker = new PoolWorker(
      entry,
      (_w, reason) =>
        finish(rejectAll([item], `${reason} (a ${mb} MB record, heap ${heapMb} MB)`)[0]!),
      heapMb,
    );
    live.add(worker);
    const timer = setTimeout(
      () =>
        finish(
          rejectAll(
            [item],
            `parser did not finish a ${mb} MB record within ${Math.round(timeoutMs / 1000)} s (a parser bug)`,
          )[0]!,
        ),
      timeoutMs,
    );
    worker.send({
      request: { id: 0, items: [item], oneByOne: true },
      resolve: (results) => finish(results[0]!),
    });
  });
}
