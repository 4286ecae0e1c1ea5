import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from "node:worker_threads";
import type { Db } from "./db.js";
import type { MentionWrites } from "./entities-mention-writes.js";

/**
 * The placements of a full run written on a second thread, with a connection of its own
 * (entities-write-worker.ts), while this thread computes the derived tables: the finishing steps
 * of an ingest run on one core and the parse worker's is idle by then. SQLite has one writer at a
 * time, so this thread holds no transaction while the other writes, and waits for it before
 * writing again. Resolution is synchronous (the finish steps are), so the wait blocks on shared
 * memory; the answer is read from a port without the event loop.
 *
 * The worker starts when the run does, so its start-up (loading modules) overlaps the scan.
 */

/** State word: the worker sets it once, with its answer already on the port. */
const PENDING = 0;
const ANSWERED = 1;

export interface WriteAnswer {
  written?: number;
  error?: string;
}

/**
 * How to start the worker: the compiled file where the build put it, else the TypeScript source
 * through tsx (tests and scripts). Either way a failure to load is answered like any other, so the
 * waiting thread never waits for a worker that is gone.
 */
function bootSource(): string {
  const js = new URL("./entities-write-worker.js", import.meta.url);
  const ts = new URL("./entities-write-worker.ts", import.meta.url);
  const compiled = existsSync(fileURLToPath(js));
  const target = JSON.stringify((compiled ? js : ts).href);
  const meta = import.meta as ImportMeta & { resolve?: (s: string) => string };
  const tsx = typeof meta.resolve === "function" ? meta.resolve("tsx/esm/api") : "tsx/esm/api";
  const load = compiled
    ? `import(${target})`
    : `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${target}); })`;
  return `
    const { workerData } = require("node:worker_threads");
    const state = new Int32Array(workerData.state);
    ${load}.then((m) => m.serve(workerData.port, state), (err) => {
      workerData.port.postMessage({ error: "the placement writer did not start: " + (err && err.stack || err) });
      Atomics.store(state, 0, ${ANSWERED});
      Atomics.notify(state, 0);
    });`;
}

export class WriteThread {
  /** Writes handed to a thread in this process (a test checks which path a run took). */
  static started = 0;
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly state = new Int32Array(new SharedArrayBuffer(4));
  private sent = false;
  private closed = false;

  constructor(private readonly path: string) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(bootSource(), {
      eval: true,
      workerData: { port: port2, state: this.state.buffer },
      transferList: [port2],
    });
    // Its failures come back as answers; an event here would only repeat one.
    this.worker.on("error", () => {});
    // Never what keeps a process alive: a run that throws before `wait` leaves it to close.
    this.worker.unref();
  }

  /** A thread for `db` when it is a file another connection can open, else null. */
  static for(db: Db): WriteThread | null {
    if (db.memory || db.name === "" || !existsSync(db.name)) return null;
    return new WriteThread(db.name);
  }

  /** Starts the writes; this connection must hold no transaction until `wait` returns. */
  start(writes: MentionWrites, writesPerTransaction?: number): void {
    this.sent = true;
    WriteThread.started++;
    this.port.postMessage({ path: this.path, writes, writesPerTransaction });
  }

  /** Blocks until the writes are committed; returns how many mentions were written. */
  wait(): number {
    if (!this.sent) throw new Error("placement writer: nothing started");
    Atomics.wait(this.state, 0, PENDING);
    const answer = receiveMessageOnPort(this.port)?.message as WriteAnswer | undefined;
    this.close();
    if (!answer || answer.error !== undefined || answer.written === undefined)
      throw new Error(answer?.error ?? "the placement writer stopped without an answer");
    return answer.written;
  }

  /** Ends the worker (again is harmless). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.port.close();
    void this.worker.terminate();
  }
}
