import { Worker } from "node:worker_threads";
import type { Cable } from "../model/cable.js";
import { EXTRACTOR_VERSION } from "../model/extractor.js";
import type { Entities } from "../parse/entities/index.js";
import { restoreCable, slimCableJson } from "../store/cable-json.js";
import type { Db } from "../store/db.js";
import { type ResolveReport, resolveEntities } from "../store/entities-resolve.js";
import { refreshEntitySummaries, type SummaryReport } from "../store/entity-summary.js";
import {
  finishReextract,
  reextractProgress,
  saveReextractProgress,
} from "../store/extractor-state.js";
import { reextracted } from "../store/protected-forms.js";
import { writeElementRows } from "../store/write.js";
import { defaultWorkers } from "./index.js";
import { workerEntry } from "./pool.js";
import {
  extractEntities,
  type ReextractRequest,
  type ReextractResponse,
} from "./reextract-extract.js";

/**
 * `cablegram reextract`: every stored cable's current version extracted again by this build's
 * extractor, for an archive whose mentions an older one wrote (src/model/extractor.ts). Like an
 * ingest: parse workers extract while the one writer stores the batch before; each batch (its
 * mentions replaced, its stored Cable JSON's persons, organisations and places with them, and the
 * run's progress) is one transaction, so a run stopped anywhere resumes after its last committed
 * batch; then one full resolution and the summaries, and the archive records the version.
 * Protected persons come from the extractor, and from the cable's older versions: a person one of
 * them protects stays protected (src/store/protection-inherit.ts).
 */

export interface ReextractOptions {
  /** Worker threads extracting (default: one fewer than the cores; 0 = in this thread). */
  workers?: number;
  /** Cables per batch and transaction. */
  batchSize?: number;
  onProgress?: (p: ReextractProgress) => void;
  /** Stop after this many batches, as a crash would (tests of resuming). */
  stopAfterBatches?: number;
}

export interface ReextractProgress {
  cables: number;
  total: number;
  elapsedMs: number;
}

export interface ReextractReport {
  version: number;
  /** Cables extracted by this run (a resumed run skips those committed before). */
  cables: number;
  /** Cables committed by an earlier run that stopped. */
  resumedAfter: number;
  mentionsBefore: number;
  mentionsAfter: number;
  extractSeconds: number;
  resolution: ResolveReport | null;
  summaries: SummaryReport | null;
  seconds: number;
  /** False when stopped by `stopAfterBatches`. */
  finished: boolean;
}

export const REEXTRACT_BATCH = 256;

interface Batch {
  /** The last cable id of the batch (where the next one starts). */
  last: number;
  ids: number[];
  cables: Cable[];
}

interface Row {
  id: number;
  cable_json: string;
  body: string;
  subject: string | null;
  summary: string | null;
  comment: string | null;
}

function statements(db: Db) {
  return {
    page: db.prepare<[number, number], Row>(
      `SELECT id, cable_json, body, subject, summary, comment FROM cables
        WHERE id > ? ORDER BY id LIMIT ?`,
    ),
    texts: db
      .prepare<[number], string>("SELECT text FROM paragraphs WHERE cable_id = ? ORDER BY seq")
      .pluck(),
    remaining: db.prepare<[number], number>("SELECT count(*) FROM cables WHERE id > ?").pluck(),
    mentions: db.prepare<[], number>("SELECT count(*) FROM mentions").pluck(),
    deleteMentions: db.prepare("DELETE FROM mentions WHERE cable_id = ?"),
    putJson: db.prepare("UPDATE cables SET cable_json = ? WHERE id = ?"),
  };
}

/** Extracts batches on worker threads (or in this thread), answers in the order asked. */
class Extractors {
  private readonly workers: Worker[] = [];
  private next = 0;
  private seq = 0;
  /** Requests sent and not answered: a worker's failure fails them all (the run then stops). */
  private readonly waiting = new Map<
    number,
    { resolve: (e: ReextractResponse) => void; reject: (err: Error) => void }
  >();

  constructor(threads: number) {
    const entry = workerEntry("reextract-worker");
    for (let i = 0; i < threads; i++) {
      const w = new Worker(entry.source, { eval: entry.eval });
      w.on("message", (msg: ReextractResponse) => {
        this.waiting.get(msg.id)?.resolve(msg);
        this.waiting.delete(msg.id);
      });
      w.on("error", (err) => this.failAll(err));
      this.workers.push(w);
    }
  }

  private failAll(err: Error) {
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }

  /** The batch split across the workers, each part extracted in parallel. */
  async extract(cables: Cable[]): Promise<Entities[]> {
    if (this.workers.length === 0) return cables.map((c) => extractEntities(c));
    const parts = this.workers.map((_, i) =>
      cables.filter((_c, j) => j % this.workers.length === i),
    );
    const answers = await Promise.all(
      parts.map((part, i) => {
        if (part.length === 0) return Promise.resolve<ReextractResponse>({ id: -1, entities: [] });
        const id = this.seq++;
        const w = this.workers[(this.next + i) % this.workers.length]!;
        return new Promise<ReextractResponse>((resolve, reject) => {
          this.waiting.set(id, { resolve, reject });
          const req: ReextractRequest = { id, cables: part };
          w.postMessage(req);
        });
      }),
    );
    // Back into the batch's order: part i holds cables i, i + n, i + 2n…
    const n = this.workers.length;
    return cables.map((_c, j) => answers[j % n]!.entities[Math.floor(j / n)]!);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

export async function reextract(db: Db, opts: ReextractOptions = {}): Promise<ReextractReport> {
  const started = performance.now();
  const version = EXTRACTOR_VERSION;
  const s = statements(db);
  const batchSize = opts.batchSize ?? REEXTRACT_BATCH;
  const mentionsBefore = s.mentions.get()!;
  const resumed = reextractProgress(db, version);
  let after = resumed ?? -1;
  if (resumed === null) db.transaction(() => saveReextractProgress(db, version, after))();
  const total = s.remaining.get(after)!;
  const read = (from: number): Batch => {
    const rows = s.page.all(from, batchSize);
    const cables = rows.map((r) =>
      restoreCable(
        r.cable_json,
        { body: r.body, subject: r.subject, summary: r.summary, comment: r.comment },
        s.texts.all(r.id),
      ),
    );
    return { last: rows.at(-1)?.id ?? from, ids: rows.map((r) => r.id), cables };
  };
  const extractors = new Extractors(opts.workers ?? defaultWorkers());
  let done = 0;
  let batches = 0;
  let extractMs = 0;
  try {
    let batch = read(after);
    let pending = batch.cables.length ? extractors.extract(batch.cables) : null;
    while (pending) {
      const t = performance.now();
      const entities = await pending;
      extractMs += performance.now() - t;
      const current = batch;
      // The next batch extracts on the workers while this one is written.
      batch = read(current.last);
      pending = batch.cables.length ? extractors.extract(batch.cables) : null;
      db.transaction(() => {
        current.cables.forEach((cable, i) => {
          const id = current.ids[i]!;
          const e = entities[i]!;
          cable.persons = e.persons;
          cable.organizations = e.organizations;
          cable.places = e.places;
          // Protection an older version marks is not the extractor's to drop.
          if (cable.referenceId) reextracted(db, cable.referenceId, cable);
          s.deleteMentions.run(id);
          writeElementRows(db, id, cable, ["mentions"]);
          s.putJson.run(slimCableJson(cable), id);
        });
        saveReextractProgress(db, version, current.last);
      })();
      after = current.last;
      done += current.cables.length;
      batches++;
      opts.onProgress?.({ cables: done, total, elapsedMs: performance.now() - started });
      if (opts.stopAfterBatches !== undefined && batches >= opts.stopAfterBatches) {
        await pending?.catch(() => {});
        return report(false, null, null);
      }
    }
  } finally {
    await extractors.close();
  }
  // Every mention was replaced: one full resolution, then the summaries of what it placed.
  const resolution = resolveEntities(db, { full: true });
  const summaries = refreshEntitySummaries(db);
  finishReextract(db, version);
  return report(true, resolution, summaries);

  function report(
    finished: boolean,
    resolution: ResolveReport | null,
    summaries: SummaryReport | null,
  ): ReextractReport {
    return {
      version,
      cables: done,
      resumedAfter: resumed === null ? 0 : s.remaining.get(-1)! - total,
      mentionsBefore,
      mentionsAfter: s.mentions.get()!,
      extractSeconds: extractMs / 1000,
      resolution,
      summaries,
      seconds: (performance.now() - started) / 1000,
      finished,
    };
  }
}
