import type { MessagePort } from "node:worker_threads";
import { type Db, openArchive } from "./db.js";
import { applyMentionWrites } from "./entities-mention-writes.js";
import { placeRequested } from "./entities-place.js";
import { ScanState } from "./entities-scan-state.js";
import type { Answer, Request } from "./entities-thread.js";
import { Batches } from "./entities-walk.js";

/**
 * The worker of entities-thread.ts: each request answered in turn, on a connection of its own
 * opened for it.
 */

function connect(path: string): Db {
  const db = openArchive(path);
  // As the calling connection during a full run (`unmapped`, db.ts): pages read
  // stay in the kernel's cache, not in this process.
  db.pragma("mmap_size = 0");
  // Its reads and writes walk the table once, in order, and its index build spills to files: a
  // cache of the archive's 64 MB beside the calling connection's added as much to the peak memory
  // and built mentions_entity no faster (1.2 M mentions: 1.5 s CPU with 16 MB, 1.9–2.5 s with 64).
  db.pragma("cache_size = -16384");
  return db;
}

function scan(db: Db, r: Extract<Request, { kind: "scan" }>): Answer {
  const n = db
    .prepare<[number], number>("SELECT count(*) FROM mentions WHERE cable_id >= ?")
    .pluck()
    .get(r.from)!;
  const index = new Map<number, number>();
  for (let i = 0; i < r.cableId.length; i++) index.set(r.cableId[i]!, i);
  const cols = {
    cable: new Int32Array(n),
    seq: new Int32Array(n),
    flags: new Uint8Array(n),
    roles: new Int32Array(n),
    combo: new Int32Array(n),
    entity: new Int32Array(n),
    link: new Int32Array(n),
  };
  const state = new ScanState(cols, { index, signers: r.signers });
  state.read(db, r.from, null);
  return { part: state.part() };
}

function write(db: Db, r: Extract<Request, { kind: "write" }>): Answer {
  const batches = new Batches(db, r.writesPerTransaction);
  try {
    const written = applyMentionWrites(db, r.writes, batches);
    batches.commit();
    return { written };
  } catch (err) {
    batches.rollback();
    throw err;
  }
}

function handle(request: Request): Answer {
  // Placing reads the request, not the archive.
  if (request.kind === "place") return { placed: placeRequested(request.place) };
  const db = connect(request.path);
  try {
    return request.kind === "scan" ? scan(db, request) : write(db, request);
  } finally {
    db.close();
  }
}

export function serve(port: MessagePort, answered: Int32Array): void {
  port.on("message", (request: Request) => {
    try {
      const answer = handle(request);
      const p = answer.part;
      // The part's columns are moved, not copied.
      const moved = p
        ? [p.cable, p.seq, p.flags, p.roles, p.combo, p.entity, p.link].map((a) => a.buffer)
        : [];
      port.postMessage(answer, moved as ArrayBuffer[]);
    } catch (err) {
      port.postMessage({ error: err instanceof Error ? err.message : String(err) });
    } finally {
      Atomics.add(answered, 0, 1);
      Atomics.notify(answered, 0);
    }
  });
}
