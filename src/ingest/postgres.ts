/**
 * `cablegram ingest --db postgres://…`: the same reading and parsing as the SQLite ingest
 * (src/ingest/index.ts: worker threads, input order kept, batches of DEFAULT_BATCH_SIZE), written
 * by the PostgreSQL writer (src/store/postgres/write.ts): one transaction and one COPY per table
 * per batch. A rerun changes nothing; a crash loses at most the batch in flight. Into an empty
 * archive the load runs without secondary indexes and foreign keys, built once at the end
 * (src/store/postgres/bulk-load.ts).
 */
import { readSource } from "../formats/index.js";
import type { ReadItem } from "../formats/record.js";
import { type BulkLoad, finishBulkLoad, startBulkLoad } from "../store/postgres/bulk-load.js";
import type { PgArchive } from "../store/postgres/connect.js";
import { archiveFailure } from "../store/postgres/connect.js";
import { claimRun } from "../store/postgres/ingest-runs.js";
import { writeBatch } from "../store/postgres/write.js";
import type { WriteOutcome } from "../store/write.js";
import { DEFAULT_BATCH_SIZE, IngestError, type IngestOptions, startParsing } from "./index.js";
import { finishPostgresIngest } from "./postgres-finish.js";
import { type Prepared, type PreparedCable, storeRejection } from "./prepare.js";
import {
  assertCountsAddUp,
  countOutcome,
  countRejection,
  emptyReport,
  type IngestReport,
} from "./report.js";

/** Errors one record's data can cause (SQLSTATE classes 22 data, 23 constraint, 54 too large). */
function isRecordError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === "string" && /^(22|23|54)/.test(code);
}

type Outcome = { kind: "stored"; outcome: WriteOutcome } | Exclude<Prepared, PreparedCable>;

async function writeAll(
  pg: PgArchive,
  batch: readonly Prepared[],
  opts: { terms: boolean },
): Promise<Outcome[]> {
  const ingestedAt = new Date().toISOString();
  const cables = batch.filter((p): p is PreparedCable => p.kind === "cable");
  const merge = (written: WriteOutcome[]): Outcome[] => {
    let i = 0;
    return batch.map((p) => (p.kind === "cable" ? { kind: "stored", outcome: written[i++]! } : p));
  };
  try {
    return merge(await pg.sql.begin((tx) => writeBatch(tx, cables, ingestedAt, opts)));
  } catch (err) {
    if (!isRecordError(err)) throw err;
  }
  // Some record broke a constraint: write one per transaction, rejecting only the ones that fail.
  const out: Outcome[] = [];
  for (const p of batch) {
    if (p.kind !== "cable") {
      out.push(p);
      continue;
    }
    try {
      const [outcome] = await pg.sql.begin((tx) => writeBatch(tx, [p], ingestedAt, opts));
      out.push({ kind: "stored", outcome: outcome! });
    } catch (err) {
      if (!isRecordError(err)) throw err;
      out.push(storeRejection(p, err));
    }
  }
  return out;
}

export async function ingestPostgres(
  pg: PgArchive,
  inputs: readonly string[],
  opts: IngestOptions = {},
): Promise<IngestReport> {
  const started = Date.now();
  const report = emptyReport(pg.label, [...inputs], 0);
  report.startedAt = new Date(started).toISOString();
  // Held until the end: a kill ends the session, so the next ingest and `stats` see it interrupted.
  const run = await claimRun(pg.sql, report.startedAt, inputs);
  let bulk: BulkLoad;
  try {
    bulk = await startBulkLoad(pg.sql, run.id, {
      enabled: process.env.CABLEGRAM_PG_BULK !== "off",
    });
  } catch (err) {
    await run.release().catch(() => undefined);
    throw archiveFailure(pg.url, err);
  }
  const { expanded, parser } = await startParsing(inputs, opts, report);
  const batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  const inflight: Promise<Prepared[]>[] = [];
  const maxInflight = Math.max(2, parser.threads * 2);
  // Finishing steps run beside others: awaited before the run ends, whatever happens (the
  // failure path below rebuilds too, and two rebuilds at once would trip over each other).
  const background: Promise<unknown>[] = [];
  let bytesDone = 0;
  const commitOldest = async () => {
    const parsed = await inflight.shift()!;
    if (opts.signal?.aborted) throw new Error("interrupted");
    for (const r of await writeAll(pg, parsed, { terms: !bulk.owned })) {
      if (r.kind === "rejected") countRejection(report, r);
      else countOutcome(report, r.outcome);
    }
    opts.onProgress?.({
      records: report.new + report.newVersions + report.unchanged + report.rejected,
      bytesDone,
      bytesTotal: null,
      elapsedMs: Date.now() - started,
      new: report.new,
      newVersions: report.newVersions,
      unchanged: report.unchanged,
      rejected: report.rejected,
    });
  };
  try {
    let items: ReadItem[] = [];
    const cut = async () => {
      if (items.length === 0) return;
      inflight.push(parser.parse(items));
      items = [];
      while (inflight.length >= maxInflight) await commitOldest();
    };
    for (const file of expanded.files) {
      for await (const item of readSource(file.path, opts.format ? { format: opts.format } : {})) {
        if (opts.signal?.aborted) throw new Error("interrupted");
        report.records++;
        items.push(item);
        if (items.length >= batchSize) await cut();
      }
      bytesDone += file.size ?? 0;
    }
    await cut();
    while (inflight.length > 0) await commitOldest();
    report.finishing.push(...(await finishPostgresIngest(pg.sql, run.id, bulk.owned, background)));
    report.bytes = bytesDone;
    report.finishedAt = new Date().toISOString();
    settle(report, started);
    await pg.sql`UPDATE ingest_runs SET finished_at = ${report.finishedAt}, status = 'finished',
      report_json = ${JSON.stringify(report)} WHERE id = ${run.id}`;
    // Fresh planner statistics after a load that may have changed the table sizes a lot.
    await pg.sql`ANALYZE`;
    return report;
  } catch (err) {
    await Promise.allSettled(background);
    const interrupted = opts.signal?.aborted === true;
    report.status = interrupted ? "interrupted" : "failed";
    report.unwritten =
      report.records - report.new - report.newVersions - report.unchanged - report.rejected;
    const why = interrupted ? "interrupted" : archiveFailure(pg.url, err).message;
    report.error = `ingest into ${pg.label} stopped after ${report.records} records (${report.unwritten} read but not written): ${why}; what was written stays, and running the same ingest again skips it`;
    // A failed bulk load builds its indexes before it goes, if the server still answers; an
    // interrupted one leaves that to the next ingest rather than keep the user waiting.
    if (bulk.owned && !interrupted) {
      const rebuilt = await finishBulkLoad(pg.sql, run.id).then(
        () => true,
        () => false,
      );
      if (!rebuilt) report.error += `; ${UNBUILT}`;
    } else if (bulk.owned) report.error += `; ${UNBUILT}`;
    settle(report, started);
    await pg.sql`UPDATE ingest_runs SET status = ${report.status}, error = ${report.error} WHERE id = ${run.id}`.catch(
      () => undefined,
    );
    throw new IngestError(report.error, report, err);
  } finally {
    await Promise.allSettled(inflight);
    await parser.close();
    await run.release().catch(() => undefined);
  }
}

const UNBUILT =
  "the search indexes this bulk load set aside are not built yet: the archive answers every query, more slowly, until the next ingest (any input, the same one too) builds them";

function settle(report: IngestReport, started: number): void {
  report.seconds = (Date.now() - started) / 1000;
  report.peakRssBytes = process.resourceUsage().maxRSS * 1024;
  assertCountsAddUp(report);
}
