import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { defaultWorkers, IngestError, type IngestReport, ingest } from "../ingest/index.js";
import type { Progress } from "../ingest/progress.js";
import { emptyReport, summary } from "../ingest/report.js";
import type { FormatName } from "../model/cable.js";
import { DEFAULT_ARCHIVE, openArchive } from "../store/db.js";
import { archiveFailureMessage, errorMessage } from "./io.js";
import { formatDuration, formatProgress } from "./progress.js";

const FORMATS: FormatName[] = ["csv", "html", "mirror", "scraped", "raw"];

const HELP = `usage: cablegram ingest PATH... [--db PATH] [--format F] [--report FILE] [--workers N]
  PATH...        cable files, folders (read recursively), a cables.csv, or - for stdin
  --db PATH      archive to create or add to (default ${DEFAULT_ARCHIVE})
  --format F     force a format: ${FORMATS.join(", ")} (default: detected per file)
  --report FILE  write the ingest report (JSON, every rejected record with its position)
  --workers N    parse threads (default ${defaultWorkers()}; 0 parses in the main thread)
  --batch N      records per transaction (default 1000)
Ingesting the same input again changes nothing; a changed text becomes a new version.
On a terminal a progress bar goes to stderr; otherwise a JSON summary goes to stdout.`;

/** Rejections shown on stderr; the report file has all of them. */
const SHOWN_REJECTIONS = 20;

export async function runIngest(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(args);
  } catch (err) {
    process.stderr.write(`cablegram ingest: ${errorMessage(err)}\n${HELP}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const format = values.format as FormatName | undefined;
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  const batchSize = values.batch === undefined ? undefined : Number(values.batch);
  const problem =
    positionals.length === 0
      ? "no input: give files, folders or - for stdin"
      : format && !FORMATS.includes(format)
        ? `unknown format '${format}' (one of ${FORMATS.join(", ")})`
        : workers !== undefined && !(Number.isInteger(workers) && workers >= 0)
          ? "--workers takes a whole number (0 or more)"
          : batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)
            ? "--batch takes a positive whole number"
            : null;
  if (problem) {
    process.stderr.write(`cablegram ingest: ${problem}\n${HELP}\n`);
    return 2;
  }

  const dbPath = values.db ?? DEFAULT_ARCHIVE;
  const bar = process.stderr.isTTY ? new ProgressLine() : null;
  // Ctrl-C or a kill ends the run as interrupted, with its report, instead of mid-batch.
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  let report: IngestReport;
  let failure: string | null = null;
  try {
    const db = openArchive(dbPath);
    try {
      report = await ingest(db, positionals, {
        ...(format ? { format } : {}),
        ...(workers !== undefined ? { workers } : {}),
        ...(batchSize !== undefined ? { batchSize } : {}),
        ...(bar ? { onProgress: (p: Progress) => bar.update(p) } : {}),
        dbLabel: dbPath,
        signal: abort.signal,
      });
    } finally {
      bar?.end();
      closeQuietly(db);
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
}

/** The report of a run that could not start (the archive would not open). */
function notStarted(db: string, inputs: string[], error: string): IngestReport {
  const report = emptyReport(db, inputs, 0);
  report.status = "failed";
  report.error = error;
  return report;
}

function closeQuietly(db: { close(): void }): void {
  try {
    db.close();
  } catch {
    // A full disk can fail the final checkpoint; the WAL keeps the data and the next open replays it.
  }
}

function parseOptions(args: string[]) {
  return parseArgs({
    args,
    options: {
      db: { type: "string" },
      format: { type: "string" },
      report: { type: "string" },
      workers: { type: "string" },
      batch: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
  });
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
