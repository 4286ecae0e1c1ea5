import { writeFileSync } from "node:fs";
import {
  type Archive,
  archiveTarget,
  isPostgresUrl,
  openPostgresArchive,
  sqliteArchive,
} from "../archive/archive.js";
import { READER_NAMES } from "../formats/index.js";
import {
  DEFAULT_BATCH_SIZE,
  defaultWorkers,
  IngestError,
  type IngestReport,
} from "../ingest/index.js";
import type { Progress } from "../ingest/progress.js";
import { emptyReport, summary } from "../ingest/report.js";
import { openArchive } from "../store/db.js";
import { redactUrl } from "../store/postgres/connect.js";
import { defineCommand } from "./command.js";
import { archiveFailureMessage, errorMessage } from "./io.js";
import { dbOption } from "./options.js";
import { formatDuration, formatProgress } from "./progress.js";

/** Rejections shown on stderr; the report file has all of them. */
const SHOWN_REJECTIONS = 20;

export const ingestCommand = defineCommand({
  name: "ingest",
  summary:
    "files, folders, `cables.csv`, `-` → the archive; progress bar on a terminal, JSON summary otherwise, `--report` for every rejected record with its position",
  positionals: {
    name: "PATH...",
    help: "cable files, folders (read recursively), a cables.csv, or - for stdin",
    required: true,
  },
  options: {
    db: { ...dbOption, help: "archive to create or add to" },
    format: {
      type: "string",
      arg: "F",
      choices: READER_NAMES,
      help: "force a format (otherwise detected per file)",
    },
    report: {
      type: "string",
      arg: "FILE",
      help: "write the ingest report (JSON, every rejected record with its position)",
    },
    workers: {
      type: "integer",
      arg: "N",
      min: 0,
      default: defaultWorkers(),
      help: "parse threads (0 parses in the main thread)",
    },
    batch: {
      type: "integer",
      arg: "N",
      min: 1,
      default: DEFAULT_BATCH_SIZE,
      help: "records per transaction",
    },
  },
  notes: [
    "Ingesting the same input again changes nothing; a changed text becomes a new version.",
    "On a terminal a progress bar goes to stderr; otherwise a JSON summary goes to stdout.",
  ],
  async run(values, positionals) {
    const target = archiveTarget(values.db);
    // Reports and messages name the archive; a PostgreSQL URL without its password.
    const dbPath = isPostgresUrl(target) ? redactUrl(target) : target;
    const bar = process.stderr.isTTY ? new ProgressLine() : null;
    // Ctrl-C or a kill ends the run as interrupted, with its report, instead of mid-batch.
    const abort = new AbortController();
    const onSignal = () => abort.abort();
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    let report: IngestReport;
    let failure: string | null = null;
    try {
      const db: Archive = isPostgresUrl(target)
        ? await openPostgresArchive(target)
        : sqliteArchive(openArchive(target), target);
      try {
        report = await db.ingest(positionals, {
          ...(values.format ? { format: values.format } : {}),
          ...(values.workers !== undefined ? { workers: values.workers } : {}),
          ...(values.batch !== undefined ? { batchSize: values.batch } : {}),
          ...(bar ? { onProgress: (p: Progress) => bar.update(p) } : {}),
          dbLabel: dbPath,
          signal: abort.signal,
        });
      } finally {
        bar?.end();
        await closeQuietly(db);
      }
    } catch (err) {
      failure = archiveFailureMessage(err, dbPath);
      report = err instanceof IngestError ? err.report : notStarted(dbPath, positionals, failure);
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }

    // The report is written on every way out: it is what tells how far a failed run got.
    let failed = failure !== null;
    if (values.report) {
      try {
        writeFileSync(values.report, `${JSON.stringify(report, null, 2)}\n`);
      } catch (err) {
        process.stderr.write(
          `cablegram ingest: cannot write the report ${values.report}: ${errorMessage(err)}\n`,
        );
        failed = true;
      }
    }
    for (const r of report.rejections.slice(0, SHOWN_REJECTIONS)) {
      process.stderr.write(`rejected ${r.file}:${r.line} (byte ${r.offset}): ${r.reason}\n`);
    }
    if (report.rejected > SHOWN_REJECTIONS) {
      const where = values.report ? `see ${values.report}` : "write them all with --report FILE";
      process.stderr.write(`... ${report.rejected - SHOWN_REJECTIONS} more rejected (${where})\n`);
    }
    if (report.skippedFiles.length > 0) {
      const where = values.report ? `listed in ${values.report}` : "list them with --report FILE";
      process.stderr.write(
        `skipped ${report.skippedFiles.length} path(s) in the folders given, each with its reason (${where})\n`,
      );
    }
    if (process.stdout.isTTY) process.stdout.write(`${humanSummary(report)}\n`);
    else process.stdout.write(`${JSON.stringify(summary(report))}\n`);
    if (failure) process.stderr.write(`cablegram ingest: ${failure}\n`);
    if (report.status === "interrupted") return 130;
    return failed || report.rejected > 0 ? 1 : 0;
  },
});

/** The report of a run that could not start (the archive would not open). */
function notStarted(db: string, inputs: string[], error: string): IngestReport {
  const report = emptyReport(db, inputs, 0);
  report.status = "failed";
  report.error = error;
  return report;
}

async function closeQuietly(db: Archive): Promise<void> {
  try {
    await db.close();
  } catch {
    // A full disk can fail the final checkpoint; the WAL keeps the data and the next open replays it.
  }
}

function humanSummary(r: IngestReport): string {
  const n = (x: number) => x.toLocaleString("en-US");
  return [
    `${n(r.records)} records in ${formatDuration(r.seconds * 1000)} → ${r.db}`,
    `  new cables    ${n(r.new)}`,
    `  new versions  ${n(r.newVersions)}`,
    `  unchanged     ${n(r.unchanged)}`,
    `  rejected      ${n(r.rejected)}`,
  ].join("\n");
}

/** One self-overwriting stderr line, redrawn at most five times a second. */
class ProgressLine {
  private last = 0;
  private shown = false;

  update(p: Progress) {
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    const width = process.stderr.columns ?? 100;
    process.stderr.write(
      `\r${formatProgress(p)
        .slice(0, width - 1)
        .padEnd(width - 1)}`,
    );
    this.shown = true;
  }

  end() {
    if (this.shown) process.stderr.write("\n");
  }
}
