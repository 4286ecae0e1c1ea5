import { availableParallelism } from "node:os";
import { readSource } from "../formats/index.js";
import type { ReadItem } from "../formats/record.js";
import type { FormatName } from "../model/cable.js";
import { archiveError } from "../store/archive-error.js";
import type { Db } from "../store/db.js";
import { bulkMerging } from "../store/fts-merge.js";
import { ArchiveBusyError, claimRun, endRun } from "../store/ingest-runs.js";
import { finishIngest, peakRss } from "./finish.js";
import { type ExpandedInputs, expandInputs } from "./inputs.js";
import { type BatchParser, inProcessParser, workerPool } from "./pool.js";
import type { Prepared } from "./prepare.js";
import type { Progress } from "./progress.js";
import {
  assertCountsAddUp,
  countOutcome,
  countRejection,
  emptyReport,
  type IngestReport,
} from "./report.js";
import { batchWriter } from "./writer.js";

export type { Progress } from "./progress.js";
export type { IngestReport, RejectedRecord } from "./report.js";

export interface IngestOptions {
  /** Force one input format instead of detecting it per file. */
  format?: FormatName;
  /** Parse worker threads; 0 parses on the calling thread. Default: one less than the cores, at least 1. */
  workers?: number;
  /** Records per transaction. */
  batchSize?: number;
  /** With workers: a record whose parse takes longer is rejected (the parser hangs on it). */
  recordTimeoutMs?: number;
  /** Called after each committed batch. */
  onProgress?: (p: Progress) => void;
  /** How the archive is named in the report and messages (its path). */
  dbLabel?: string;
  /** Stops the run (Ctrl-C): it ends as interrupted, with what was written kept. */
  signal?: AbortSignal;
}

export const DEFAULT_BATCH_SIZE = 1000;
/** A batch also ends at this much text, so a run of huge cables cannot balloon memory. */
const MAX_BATCH_CHARS = 32 * 1024 * 1024;

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism() - 1);
}

interface Batch {
  items: ReadItem[];
  chars: number;
  /** Input bytes read when the batch was cut: what is done once it is written. */
  bytesAt: number;
}

/**
 * An ingest that stopped before the end: the report says how far it got (and is complete for
 * what was written), the message says what happened, to which file, and what to do.
 */
export class IngestError extends Error {
  readonly report: IngestReport;

  constructor(message: string, report: IngestReport, cause: unknown) {
    super(message, { cause });
    this.name = "IngestError";
    this.report = report;
  }
}

/** Where the run was when it stopped, for the message. */
interface Position {
  file: string | null;
}

/**
 * Reads the inputs (files, folders, `-` for stdin), parses on worker threads and writes in
 * batched transactions from this thread, streaming throughout: at most a few batches are in memory
 * whatever the input size. Records go into the archive in input order, so which version of a
 * cable ends up current does not depend on thread timing.
 *
 * The run holds the archive while it writes (src/store/ingest-runs.ts): a second ingest into the
 * same archive stops at once, naming this one. Whatever stops a run (a full disk, a damaged
 * archive, `signal`) ends it with an IngestError carrying the report so far, and the run is logged
 * as failed or interrupted; everything committed before stays, and the same ingest run again
 * skips it.
 */
export async function ingest(
  db: Db,
  inputs: readonly string[],
  opts: IngestOptions = {},
): Promise<IngestReport> {
  const started = Date.now();
  const label = opts.dbLabel ?? db.name;
  const report = emptyReport(label, [...inputs], 0);
  report.startedAt = new Date(started).toISOString();
  const at: Position = { file: null };
  let runId: number;
  try {
    runId = claimRun(db, label, report.startedAt, report.inputs);
  } catch (err) {
    throw stopped(report, err, at, started, opts);
  }
  const { expanded, parser } = await startParsing(inputs, opts, report);
  try {
    bulkMerging(db);
    await run(db, expanded, parser, report, opts, started, at);
    // Every record is parsed: the workers' heaps (tables, lexicon, what their last batches left)
    // go before the finishing steps, which hold the most memory of the run.
    await parser.close();
    report.finishing = await finishIngest(db);
    report.finishedAt = new Date().toISOString();
    settle(report, started);
    endRun(db, runId, "finished", report);
    // Fresh statistics for the query planner after a load that may have changed the table sizes.
    db.pragma("optimize");
    return report;
  } catch (err) {
    const failure = stopped(report, err, at, started, opts);
    try {
      endRun(db, runId, report.status, report, report.error);
    } catch {
      // The archive cannot take even this (a full disk): the next ingest marks the run interrupted.
    }
    throw failure;
  } finally {
    await parser.close();
  }
}

function settle(report: IngestReport, started: number): void {
  report.seconds = (Date.now() - started) / 1000;
  report.peakRssBytes = peakRss();
  assertCountsAddUp(report);
}

/** The report of a run that stopped, and the error that says so. */
function stopped(
  report: IngestReport,
  err: unknown,
  at: Position,
  started: number,
  opts: IngestOptions,
): IngestError {
  const interrupted = opts.signal?.aborted === true;
  report.status = interrupted ? "interrupted" : "failed";
  report.unwritten =
    report.records - report.new - report.newVersions - report.unchanged - report.rejected;
  const n = (x: number) => x.toLocaleString("en-US");
  const written = report.new + report.newVersions + report.unchanged;
  const progress =
    report.records === 0 && at.file === null
      ? "nothing was written"
      : `stopped${at.file ? ` while reading ${at.file}` : ""} after ${n(report.records)} records: ${n(written)} written (${n(report.new)} new), ${n(report.rejected)} rejected, ${n(report.unwritten)} read but not written; what was written stays, and running the same ingest again skips it`;
  let message: string;
  if (interrupted) {
    message = `ingest into ${report.db} interrupted; ${progress}`;
  } else if (err instanceof ArchiveBusyError) {
    message = err.message;
  } else {
    const archive = archiveError(err, report.db);
    message = archive
      ? `${archive.what}; ${progress}. To do: ${archive.remedy}`
      : `ingest into ${report.db} failed: ${err instanceof Error ? err.message : String(err)}; ${progress}`;
  }
  report.error = message;
  settle(report, started);
  return new IngestError(message, report, err);
}

async function run(
  db: Db,
  expanded: ExpandedInputs,
  parser: BatchParser,
  report: IngestReport,
  opts: IngestOptions,
  started: number,
  at: Position,
): Promise<void> {
  const bytesTotal = expanded.files.some((f) => f.size === null)
    ? null
    : expanded.files.reduce((n, f) => n + (f.size ?? 0), 0);
  const batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  const maxInflight = Math.max(2, parser.threads * 2);
  const write = batchWriter(db);
  const inflight: { batch: Batch; parsed: Promise<Prepared[]> }[] = [];
  let bytesDone = 0;
  const checkSignal = () => {
    if (opts.signal?.aborted) throw new Error("interrupted");
  };

  const commitOldest = async () => {
    const next = inflight.shift()!;
    const parsed = await next.parsed;
    checkSignal();
    for (const r of write(parsed)) {
      if (r.kind === "rejected") countRejection(report, r);
      else countOutcome(report, r.outcome);
    }
    bytesDone = next.batch.bytesAt;
    opts.onProgress?.({
      records: report.new + report.newVersions + report.unchanged + report.rejected,
      bytesDone,
      bytesTotal,
      elapsedMs: Date.now() - started,
      new: report.new,
      newVersions: report.newVersions,
      unchanged: report.unchanged,
      rejected: report.rejected,
    });
  };

  let batch: Batch = { items: [], chars: 0, bytesAt: 0 };
  let bytesBefore = 0;
  const cut = async (bytesAt: number) => {
    if (batch.items.length === 0) return;
    batch.bytesAt = bytesAt;
    inflight.push({ batch, parsed: parser.parse(batch.items) });
    batch = { items: [], chars: 0, bytesAt: 0 };
    while (inflight.length >= maxInflight) await commitOldest();
  };
  for (const file of expanded.files) {
    at.file = file.path;
    let lastOffset = 0;
    let lastChars = 0;
    for await (const item of readSource(file.path, opts.format ? { format: opts.format } : {})) {
      checkSignal();
      report.records++;
      batch.items.push(item);
      lastChars = item.kind === "record" ? item.body.length + (item.header?.length ?? 0) : 0;
      batch.chars += lastChars;
      lastOffset = item.source.offset;
      if (batch.items.length >= batchSize || batch.chars >= MAX_BATCH_CHARS) {
        await cut(bytesBefore + lastOffset);
      }
    }
    // Stdin has no size: what arrived is about where its last record began, plus that record.
    bytesBefore += file.size ?? lastOffset + lastChars;
  }
  at.file = null;
  await cut(bytesBefore);
  while (inflight.length > 0) await commitOldest();
  report.bytes = bytesBefore;
}

/**
 * What every back end's ingest does first: expand the inputs, start the parse workers, and count
 * the inputs that are missing as rejected records (the report's arithmetic includes them).
 */
export async function startParsing(
  inputs: readonly string[],
  opts: Pick<IngestOptions, "workers" | "recordTimeoutMs">,
  report: IngestReport,
): Promise<{ expanded: ExpandedInputs; parser: BatchParser }> {
  const expanded = await expandInputs(inputs);
  const threads = opts.workers ?? defaultWorkers();
  const parser: BatchParser =
    threads > 0
      ? workerPool(threads, opts.recordTimeoutMs ? { recordTimeoutMs: opts.recordTimeoutMs } : {})
      : inProcessParser();
  report.workers = parser.threads;
  report.skippedFiles = expanded.skipped;
  for (const m of expanded.missing) {
    report.records++;
    countRejection(report, {
      kind: "rejected",
      source: { format: "raw", file: m.path, offset: 0, line: 1 },
      reason: m.reason,
      referenceId: null,
    });
  }
  return { expanded, parser };
}
