import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from "node:worker_threads";
import type { Db } from "./db.js";
import type { MentionWrites } from "./entities-mention-writes.js";
import type { PlaceAnswer, PlaceHelper, PlaceRequest } from "./entities-place.js";
import type { ScanHelper } from "./entities-scan.js";
import type { ScanPart } from "./entities-scan-state.js";

/**
 * A second thread for a full resolution run, with a connection of its own
 * (entities-thread-worker.ts): the finishing steps of an ingest run on one core, and the parse
 * worker's is idle by then. It reads the upper half of the mentions while this thread reads the
 * lower (entities-scan.ts), places half the groups while this thread places the other
 * (entities-place.ts), and later writes the placements while this thread derives the entity
 * tables (entities-full.ts). SQLite has one writer at a time: this thread holds no transaction
 * while the other writes, and waits for it before writing again.
 *
 * Resolution is synchronous (the finish steps are), so each wait blocks on shared memory and the
 * answer is read from a port without the event loop. The thread starts when the run does, so its
 * start-up (loading modules) overlaps the run's first reads.
 */

export type Request =
  | {
      kind: "scan";
      path: string;
      from: number;
      cableId: readonly number[];
      signers: readonly (string | null)[];
    }
  | { kind: "place"; path: string; place: PlaceRequest }
  | { kind: "write"; path: string; writes: MentionWrites; writesPerTransaction?: number };

export type Answer = { part?: ScanPart; placed?: PlaceAnswer; written?: number; error?: string };

/**
 * How to start the worker: the compiled file where the build put it, else the TypeScript source
 * through tsx (tests and scripts). A failure to load is answered as every request's failure, so
 * the waiting thread never waits for a worker that is gone.
 */
function bootSource(): string {
  const js = new URL("./entities-thread-worker.js", import.meta.url);
  const ts = new URL("./entities-thread-worker.ts", import.meta.url);
  const compiled = existsSync(fileURLToPath(js));
  const target = JSON.stringify((compiled ? js : ts).href);
  const meta = import.meta as ImportMeta & { resolve?: (s: string) => string };
  const tsx = typeof meta.resolve === "function" ? meta.resolve("tsx/esm/api") : "tsx/esm/api";
  const load = compiled
    ? `import(${target})`
    : `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${target}); })`;
  return `
    const { workerData } = require("node:worker_threads");
    const answered = new Int32Array(workerData.answered);
    ${load}.then((m) => m.serve(workerData.port, answered), (err) => {
      workerData.port.postMessage({ error: "the resolution thread did not start: " + (err && err.stack || err) });
      Atomics.store(answered, 0, 0x3fffffff);
      Atomics.notify(answered, 0);
    });`;
}

export class ResolveThread implements ScanHelper, PlaceHelper {
  /** Requests handed to a thread in this process (a test checks which path a run took). */
  static started = 0;
  private readonly worker: Worker;
  private readonly port: MessagePort;
  /** Answers the worker has posted; it adds one after each. */
  private readonly answered = new Int32Array(new SharedArrayBuffer(4));
  private asked = 0;
  private failure: string | null = null;
  private closed = false;

  constructor(private readonly path: string) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(bootSource(), {
      eval: true,
      workerData: { port: port2, answered: this.answered.buffer },
      transferList: [port2],
    });
    // Its failures come back as answers; an event here would only repeat one.
    this.worker.on("error", () => {});
    // Never what keeps a process alive: a run that throws before its last wait leaves it to close.
    this.worker.unref();
  }

  /**
   * A thread for `db` when it is a file another connection can open and the machine has a second
   * core to run it on, else null: on one core it only adds its own cost (about a tenth more CPU).
   */
  static for(db: Db): ResolveThread | null {
    if (availableParallelism() < 2) return null;
    if (db.memory || db.name === "" || !existsSync(db.name)) return null;
    return new ResolveThread(db.name);
  }

  private ask(request: Request): void {
    if (this.closed) throw new Error("resolution thread: already closed");
    ResolveThread.started++;
    this.asked++;
    this.port.postMessage(request);
  }

  /** Blocks until the worker has answered every request; returns the last answer. */
  private answer(): Answer {
    for (;;) {
      if (this.failure !== null) throw new Error(this.failure);
      const seen = Atomics.load(this.answered, 0);
      if (seen >= this.asked) break;
      Atomics.wait(this.answered, 0, seen);
    }
    const answer = receiveMessageOnPort(this.port)?.message as Answer | undefined;
    if (!answer) this.failure = "the resolution thread stopped without an answer";
    else if (answer.error !== undefined) this.failure = answer.error;
    if (this.failure !== null) throw new Error(this.failure);
    return answer!;
  }

  /** Starts reading the mentions of the cables from id `from` on (this connection reads the rest). */
  startScan(from: number, cableId: readonly number[], signers: readonly (string | null)[]): void {
    this.ask({ kind: "scan", path: this.path, from, cableId, signers });
  }

  waitScan(): ScanPart {
    const { part } = this.answer();
    if (!part) throw new Error("resolution thread: a scan answered without its part");
    return part;
  }

  /** Starts placing the groups from `place.from` on (this thread places the rest). */
  startPlace(place: PlaceRequest): void {
    this.ask({ kind: "place", path: this.path, place });
  }

  waitPlace(): PlaceAnswer {
    const { placed } = this.answer();
    if (!placed) throw new Error("resolution thread: placing answered without its placements");
    return placed;
  }

  /** Starts the writes; this connection must hold no transaction until `waitWrites` returns. */
  startWrites(writes: MentionWrites, writesPerTransaction?: number): void {
    this.ask({ kind: "write", path: this.path, writes, writesPerTransaction });
  }

  /** Blocks until the writes are committed; returns how many mentions were written. */
  waitWrites(): number {
    const { written } = this.answer();
    if (written === undefined)
      throw new Error("resolution thread: writes answered without a count");
    return written;
  }

  /** Ends the worker (again is harmless). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.port.close();
    void this.worker.terminate();
  }
}
