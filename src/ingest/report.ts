import type { Provenance } from "../model/cable.js";
import type { RunStatus } from "../store/ingest-runs.js";
import type { WriteOutcome } from "../store/write.js";
import type { FinishStep } from "./finish.js";
import type { SkippedPath } from "./inputs.js";
import type { Rejection } from "./prepare.js";

/** What an ingest did, record by record, as the JSON `--report FILE` writes. */
export interface IngestReport {
  db: string;
  inputs: string[];
  startedAt: string;
  finishedAt: string | null;
  seconds: number;
  /** How the run ended: finished, or stopped by a failure (`error` says which) or a signal. */
  status: Exclude<RunStatus, "running">;
  /** Why the run stopped before the end (what happened, to which file, what to do); null when finished. */
  error: string | null;
  /**
   * Items the readers produced (records and read errors) plus paths that could not be read.
   * Always `new + newVersions + unchanged + rejected + unwritten`.
   */
  records: number;
  /** Bytes of input read (file sizes; for stdin, what arrived). */
  bytes: number;
  new: number;
  newVersions: number;
  unchanged: number;
  rejected: number;
  /** Records read but not written when the run stopped early (in batches not committed): 0 when finished. */
  unwritten: number;
  /** Each rejected record with its position in its source, in input order (capped, see below). */
  rejections: RejectedRecord[];
  /** Rejections counted but not listed because the list reached MAX_LISTED_REJECTIONS. */
  rejectionsNotListed: number;
  /** Paths in the folders given that were left alone, each with the reason (documentation, hidden, a folder read twice...). */
  skippedFiles: SkippedPath[];
  /** Parse worker threads used (0: parsed in process). */
  workers: number;
  /** Peak resident memory of the process so far, worker threads included. */
  peakRssBytes: number;
  /**
   * The steps after the last record (entity resolution, analytics tables...), each with its time
   * and the peak memory after it; empty when the run stopped before them.
   */
  finishing: FinishStep[];
}

export interface RejectedRecord {
  file: string;
  format: Provenance["format"];
  /** 1-based line and byte offset of the record's first byte in its file. */
  line: number;
  offset: number;
  referenceId: string | null;
  reason: string;
}

/** Enough to find every bad record of a damaged corpus, bounded so a garbage input cannot exhaust memory. */
export const MAX_LISTED_REJECTIONS = 100_000;

export function emptyReport(db: string, inputs: string[], workers: number): IngestReport {
  return {
    db,
    inputs,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    seconds: 0,
    status: "finished",
    error: null,
    records: 0,
    bytes: 0,
    new: 0,
    newVersions: 0,
    unchanged: 0,
    rejected: 0,
    unwritten: 0,
    rejections: [],
    rejectionsNotListed: 0,
    skippedFiles: [],
    workers,
    peakRssBytes: 0,
    finishing: [],
  };
}

export function countOutcome(report: IngestReport, outcome: WriteOutcome): void {
  if (outcome === "new") report.new++;
  else if (outcome === "version") report.newVersions++;
  else report.unchanged++;
}

export function countRejection(report: IngestReport, r: Rejection): void {
  report.rejected++;
  if (report.rejections.length >= MAX_LISTED_REJECTIONS) {
    report.rejectionsNotListed++;
    return;
  }
  report.rejections.push({
    file: r.source.file,
    format: r.source.format,
    line: r.source.line,
    offset: r.source.offset,
    referenceId: r.referenceId,
    reason: r.reason,
  });
}

/**
 * The report's arithmetic: every record read is counted once, as stored, rejected or unwritten.
 * Checked at the end of every ingest, so a counting bug fails loudly (and every test catches it).
 */
export function assertCountsAddUp(report: IngestReport): void {
  const parts = [
    report.new,
    report.newVersions,
    report.unchanged,
    report.rejected,
    report.unwritten,
  ];
  if (parts.some((n) => n < 0)) {
    throw new Error(`ingest report has a negative count: ${JSON.stringify(summary(report))}`);
  }
  const sum =
    report.new + report.newVersions + report.unchanged + report.rejected + report.unwritten;
  if (sum !== report.records) {
    throw new Error(
      `ingest report does not add up: records ${report.records} ≠ new ${report.new} + versions ${report.newVersions} + unchanged ${report.unchanged} + rejected ${report.rejected} + unwritten ${report.unwritten}`,
    );
  }
}

/** The report without the rejection list: the one-line JSON summary a script reads. */
export function summary(report: IngestReport) {
  const { rejections: _rejections, ...rest } = report;
  return rest;
}
