import { availableParallelism } from "node:os";
import { readSource } from "../formats/index.js";
import type { ReadItem } from "../formats/record.js";
import type { FormatName } from "../model/cable.js";
import { refreshDateEstimates } from "../store/date-estimates.js";
import type { Db } from "../store/db.js";
import { resolveEntities } from "../store/entities-resolve.js";
import { bulkMerging, steadyMerging } from "../store/fts-merge.js";
import { refreshTrafficCounts } from "../store/traffic-counts.js";
import { type ExpandedInputs, expandInputs } from "./inputs.js";
import { type BatchParser, inProcessParser, workerPool } from "./pool.js";
import type { Prepared } from "./prepare.js";
import type { Progress } from "./progress.js";
import { countOutcome, countRejection, emptyReport, type IngestReport } from "./report.js";
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
  /** How the archive is named in the report (its path). */
  dbLabel?: string;
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
 * Reads the inputs (files, folders, `-` for stdin), parses on worker threads and writes in
 * batched transactions from this thread, streaming throughout: at most a few batches are in memory
 * whatever the input size. Records go into the archive in input order, so which version of a
 * cable ends up current does not depend on thread timing.
 */
export async function ingest(
  db: Db,
  inputs: readonly string[],
  opts: IngestOptions = {},
): Promise<IngestReport> {
  const started = Date.now();
  const expanded = await expandInputs(inputs);
  const threads = opts.workers ?? defaultWorkers();
  const parser: BatchParser =
    threads > 0
      ? workerPool(threads, opts.recordTimeoutMs ? { recordTimeoutMs: opts.recordTimeoutMs } : {})
      : inProcessParser();
  const report = emptyReport(opts.dbLabel ?? db.name, [...inputs], parser.threads);
  report.startedAt = new Date(started).toISOString();
  report.skippedFiles = expanded.skipped;
  for (const m of expanded.missing) {
    countRejection(report, {
      kind: "rejected",
      source: { format: "raw", file: m.path, offset: 0, line: 1 },
      reason: m.reason,
      referenceId: null,
    });
  }
  try {
    bulkMerging(db);
    const done = await run(db, expanded, parser, report, opts, started);
    steadyMerging(db);
    return done;
  } finally {
    await parser.close();
  }
}

async function run(
  db: Db,
  expanded: ExpandedInputs,
  parser: BatchParser,
  report: IngestReport,
  opts: IngestOptions,
  started: number,
): Promise<IngestReport> {
  const runId = Number(
    db
      .prepare("INSERT INTO ingest_runs (started_at, inputs) VALUES (?, ?)")
      .run(report.startedAt, JSON.stringify(report.inputs)).lastInsertRowid,
  );

  const bytesTotal = expanded.files.some((f) => f.size === null)
    ? null
    : expanded.files.reduce((n, f) => n + (f.size ?? 0), 0);
  const batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  const maxInflight = Math.max(2, parser.threads * 2);
  const write = batchWriter(db);
  const inflight: { batch: Batch; parsed: Promise<Prepared[]> }[] = [];
  let bytesDone = 0;

  const commitOldest = async () => {
    const next = inflight.shift()!;
    for (const r of write(await next.parsed)) {
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
    let lastOffset = 0;
    let lastChars = 0;
    for await (const item of readSource(file.path, opts.format ? { format: opts.format } : {})) {
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
  await cut(bytesBefore);
  while (inflight.length > 0) await commitOldest();
  // A cable stored now can be the serial neighbour that dates an undated one.
  refreshDateEstimates(db);

  report.bytes = bytesBefore;
  report.finishedAt = new Date().toISOString();
  report.seconds = (Date.now() - started) / 1000;
  report.peakRssBytes = process.resourceUsage().maxRSS * 1024;
  db.prepare("UPDATE ingest_runs SET finished_at = ?, report_json = ? WHERE id = ?").run(
    report.finishedAt,
    JSON.stringify(report),
    runId,
  );
  // Entities are resolved over the whole archive: a new cable can link mentions stored before.
  resolveEntities(db);
  // Per-month traffic counts for analytics, rebuilt once per run rather than per cable.
  refreshTrafficCounts(db);
  // Fresh statistics for the query planner after a load that may have changed the table sizes.
  db.pragma("optimize");
  return report;
}
