/**
 * `--backend postgres` of scripts/bench.ts, after its SQLite half and on the same CSV: a throwaway
 * cluster with the bulk-load settings, the archive's ingest by the real CLI into one database, the
 * bare baseline into another, then sizes, where the ingest's server time went, and search timings.
 */
import { join } from "node:path";
import { openPostgresArchive } from "../../src/archive/archive.js";
import { ingestChild } from "./child.js";
import {
  BULK_LOAD_SETTINGS,
  benchCluster,
  databaseBytes,
  pgBaselineIngest,
  relationSizes,
  resetStatementTimes,
  settingsLine,
  statementTimes,
  timeArchive,
  timePgBaseline,
} from "./postgres.js";
import { FIELDED_QUERIES, percentile, TEXT_QUERIES } from "./queries.js";

const round = (x: number) => Math.round(x * 100) / 100;

export async function benchPostgres(opts: {
  csv: string;
  ids: string[];
  rounds: number;
  /** Keep the cluster in this folder (stopped cleanly) for `npm run load`; else it is deleted. */
  keepDir: string | null;
  log: (s: string) => void;
}) {
  const { log } = opts;
  log(`starting a throwaway PostgreSQL cluster with ${settingsLine()}`);
  const cluster = await benchCluster(
    opts.keepDir ? { dir: join(opts.keepDir, "pg"), keep: true } : {},
  );
  try {
    const url = await cluster.createDatabase("archive");
    const bareUrl = await cluster.createDatabase("bare");
    await resetStatementTimes(cluster);
    log("ingesting into PostgreSQL with `cablegram ingest` (child process)");
    const ingest = await ingestChild(opts.csv, url);
    log(`  ${ingest.seconds.toFixed(1)} s, ${ingest.report.new} new`);
    const steps = await statementTimes(cluster, "archive");
    log("loading the same text into a bare PostgreSQL table + GIN index");
    const bare = await pgBaselineIngest(opts.csv, bareUrl);
    log(
      `  ${bare.seconds.toFixed(1)} s (COPY ${bare.copySeconds.toFixed(1)} s, GIN ${bare.indexSeconds.toFixed(1)} s)`,
    );
    const archiveBytes = await databaseBytes(url);
    const baselineBytes = await databaseBytes(bareUrl);
    const relations = await relationSizes(url);

    log("searching PostgreSQL");
    const archive = await openPostgresArchive(url, { readonly: true });
    let t: Awaited<ReturnType<typeof timeArchive>>;
    try {
      t = await timeArchive(archive, [...TEXT_QUERIES, ...FIELDED_QUERIES], opts.ids, opts.rounds);
    } finally {
      await archive.close();
    }
    const baseline = await timePgBaseline(bareUrl, TEXT_QUERIES, opts.rounds);
    const serverSeconds = steps.reduce((n, s) => n + s.seconds, 0);
    return {
      settings: BULK_LOAD_SETTINGS,
      cables: ingest.report.new,
      ingestSeconds: round(ingest.seconds),
      ingestClientCpuSeconds: round(ingest.cpuSeconds),
      ingestServerSeconds: round(serverSeconds),
      ingestSteps: steps.slice(0, 10).map((s) => ({ ...s, seconds: round(s.seconds) })),
      peakRssBytes: ingest.peakRssBytes,
      baselineIngestSeconds: round(bare.seconds),
      baselineCopySeconds: round(bare.copySeconds),
      baselineIndexSeconds: round(bare.indexSeconds),
      archiveBytes,
      baselineArchiveBytes: baselineBytes,
      relations,
      searchP50Ms: round(percentile(t.search, 50)),
      searchP95Ms: round(percentile(t.search, 95)),
      baselineSearchP95Ms: round(percentile(baseline, 95)),
      idLookupP95Ms: round(percentile(t.idLookups, 95)),
      getCableP95Ms: round(percentile(t.getCable, 95)),
      deepPageMs: round(t.deepPageMs),
      coldFirstQueryMs: round(t.coldFirstQueryMs),
      ratios: {
        ingest: round(ingest.seconds / bare.seconds),
        archiveToBaseline: round(archiveBytes / baselineBytes),
        searchP95: round(percentile(t.search, 95) / percentile(baseline, 95)),
      },
      targets: {
        ingestWithin2xBaseline: ingest.seconds <= 2 * bare.seconds,
        searchP95Within150Ms: percentile(t.search, 95) <= 150,
      },
      keptCluster: opts.keepDir ? join(opts.keepDir, "pg") : null,
    };
  } finally {
    cluster.stop();
  }
}

export type PgFigures = Awaited<ReturnType<typeof benchPostgres>>;

const mb = (b: number) => `${(b / (1024 * 1024)).toFixed(0)} MB`;

export function humanPg(r: PgFigures): string {
  return [
    "PostgreSQL",
    `  settings          ${Object.entries(r.settings)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")}`,
    `  cables            ${r.cables}`,
    `  ingest            ${r.ingestSeconds} s  (bare COPY + GIN: ${r.baselineIngestSeconds} s = ${r.baselineCopySeconds} s COPY + ${r.baselineIndexSeconds} s GIN; ×${r.ratios.ingest}, target ≤ ×2 ${r.targets.ingestWithin2xBaseline ? "met" : "MISSED"})`,
    `    client (parse, prepare; ingest process CPU, all threads) ${r.ingestClientCpuSeconds} s CPU, peak RSS ${mb(r.peakRssBytes)}`,
    `    server time by statement (pg_stat_statements), ${r.ingestServerSeconds} s in all:`,
    ...r.ingestSteps.map(
      (s) =>
        `      ${s.step.padEnd(28)}${s.seconds.toFixed(1).padStart(8)} s  ${s.calls} calls, ${s.rows} rows`,
    ),
    `  archive           ${mb(r.archiveBytes)}  (bare ${mb(r.baselineArchiveBytes)}, ×${r.ratios.archiveToBaseline}); largest tables (table + indexes):`,
    ...r.relations.map(
      (x) => `      ${x.name.padEnd(14)}${mb(x.tableBytes).padStart(9)} + ${mb(x.indexBytes)}`,
    ),
    `  search p50 / p95  ${r.searchP50Ms} / ${r.searchP95Ms} ms  (bare p95 ${r.baselineSearchP95Ms} ms, ×${r.ratios.searchP95}; target p95 ≤ 150 ms ${r.targets.searchP95Within150Ms ? "met" : "MISSED"})`,
    `  id lookup p95     ${r.idLookupP95Ms} ms via search(), ${r.getCableP95Ms} ms via getCable()`,
    `  deep page (10th)  ${r.deepPageMs} ms;  first query of a connection ${r.coldFirstQueryMs} ms`,
    ...(r.keptCluster
      ? [`  cluster kept in ${r.keptCluster}: npx tsx scripts/pg-cluster.ts ${r.keptCluster}`]
      : []),
    "",
  ].join("\n");
}
