/**
 * What `cablegram migrate` costs against its alternative, in one run on one throwaway cluster:
 * ingesting the same input into PostgreSQL again (the baseline) versus copying the SQLite archive
 * built from it. Prints both times, the rows copied, the database size per cable (over an empty
 * archive's), and the machine load.
 *
 *   npx tsx scripts/bench-migrate.ts [--input data/sample] [--workers 1]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ingest } from "../src/ingest/index.js";
import { ingestPostgres } from "../src/ingest/postgres.js";
import { openArchive } from "../src/store/db.js";
import { openPostgres } from "../src/store/postgres/connect.js";
import { copySqliteToPostgres } from "../src/store/postgres/from-sqlite.js";
import { startCluster } from "../test/support/pg-cluster.js";

const { values } = parseArgs({
  options: {
    input: { type: "string", default: "data/sample" },
    workers: { type: "string", default: "1" },
  },
});
const workers = Number(values.workers);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
const cluster = await startCluster();
const dir = mkdtempSync(join(tmpdir(), "cg-bench-migrate-"));
try {
  const source = join(dir, "archive.db");
  const lite = openArchive(source);
  const t0 = Date.now();
  await ingest(lite, [values.input], { workers, dbLabel: source });
  const sqliteMs = Date.now() - t0;

  const size = async (url: string) => {
    const pg = await openPostgres(url, { readonly: true });
    const [r] = await pg.sql<{ n: number }[]>`SELECT pg_database_size(current_database()) AS n`;
    await pg.close();
    return r!.n;
  };
  const empty = await openPostgres(await cluster.createDatabase("empty"));
  await empty.close();
  const emptyBytes = await size(cluster.url("empty"));

  process.stdout.write(`load before: ${load()}\n`);
  const ingested = await openPostgres(await cluster.createDatabase("ingested"));
  const t1 = Date.now();
  const report = await ingestPostgres(ingested, [values.input], { workers });
  const ingestMs = Date.now() - t1;
  await ingested.close();

  const target = await openPostgres(await cluster.createDatabase("migrated"));
  const summary = await copySqliteToPostgres(lite, target, source);
  await target.close();
  lite.close();
  const migratedBytes = await size(cluster.url("migrated"));
  const cables = summary.copied.cables!;
  const perCable = (migratedBytes - emptyBytes) / cables;
  process.stdout.write(
    `${[
      `input ${values.input}: ${report.records} records, ${cables} cables, ${summary.copied.versions} versions`,
      `SQLite ingest (to make the source):  ${(sqliteMs / 1000).toFixed(1)} s`,
      `PostgreSQL ingest (baseline):        ${(ingestMs / 1000).toFixed(1)} s`,
      `migrate SQLite → PostgreSQL:         ${summary.seconds.toFixed(1)} s  (${(ingestMs / 1000 / summary.seconds).toFixed(1)}× faster than the baseline)`,
      `PostgreSQL database: ${(migratedBytes / 1e6).toFixed(1)} MB, empty archive ${(emptyBytes / 1e6).toFixed(1)} MB: ${(perCable / 1024).toFixed(1)} KiB per cable`,
      `rows copied: ${JSON.stringify(summary.copied)}`,
      `load after: ${load()}`,
      `uptime: ${execFileSync("uptime", { encoding: "utf8" }).trim()}`,
    ].join("\n")}\n`,
  );
} finally {
  cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
