/**
 * PostgreSQL ingest only, old code against new in the same run (a script, not a test):
 *
 *   npx tsx scripts/bench-pg-ingest.ts --size 50000 --rounds 2 [--csv FILE] \
 *     --checkout old=/work/wt-old --checkout new=.
 *
 * One throwaway cluster with the benchmark's bulk-load settings (scripts/bench/postgres.ts); one
 * synthetic CSV (scripts/bench/synthetic-csv.ts, seed 1, as `npm run bench`); then, each round,
 * every checkout's built CLI (`npm run build` there first) ingests it into a fresh database, and
 * the bare baseline (COPY + one GIN index) loads it into another, interleaved so that the machine's
 * load falls on all alike. Prints each ingest's seconds, its ratio to the bare baseline of the
 * same round, the server time per statement (pg_stat_statements) and the load average.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ingestChild } from "./bench/child.js";
import {
  benchCluster,
  databaseBytes,
  pgBaselineIngest,
  resetStatementTimes,
  settingsLine,
  statementTimes,
} from "./bench/postgres.js";
import { loadMirrorCables, writeSyntheticCsv } from "./bench/synthetic-csv.js";

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "20000" },
    rounds: { type: "string", default: "1" },
    csv: { type: "string" },
    checkout: { type: "string", multiple: true, default: [] },
    json: { type: "boolean" },
  },
});
const root = new URL("..", import.meta.url).pathname;
const log = (s: string) => process.stderr.write(`bench-pg-ingest: ${s}\n`);
const round = (x: number) => Math.round(x * 100) / 100;
const load = () => loadavg().map(round).join(" ");

const checkouts = (values.checkout.length ? values.checkout : [`current=${root}`]).map((c) => {
  const [name, path] = c.includes("=") ? c.split(/=(.*)/s) : [c, c];
  const dir = resolve(path!);
  if (!existsSync(join(dir, "dist/cli/main.js")))
    throw new Error(`${dir} has no dist/cli/main.js: run npm run build there first`);
  return { name: name!, dir };
});

const dir = mkdtempSync(join(tmpdir(), "cablegram-pg-ingest-"));
const cluster = await benchCluster();
try {
  let csv = values.csv;
  if (!csv) {
    csv = join(dir, "cables.csv");
    const shared = join(root, "../shared/corpus/cables");
    const sources = loadMirrorCables([
      existsSync(shared) ? shared : join(root, "data/sample/mirror"),
    ]);
    writeSyntheticCsv(csv, sources, Number(values.size), 1);
  }
  log(`cluster settings: ${settingsLine()}`);
  const runs: Record<string, unknown>[] = [];
  for (let r = 0; r < Number(values.rounds); r++) {
    const bareUrl = await cluster.createDatabase(`bare_${r}`);
    const before = load();
    const bare = await pgBaselineIngest(csv, bareUrl);
    log(`round ${r + 1} bare: ${bare.seconds.toFixed(1)} s (load ${before})`);
    runs.push({ round: r + 1, name: "bare", seconds: round(bare.seconds), load: before });
    for (const c of checkouts) {
      const db = `archive_${c.name.replace(/\W/g, "_")}_${r}`;
      const url = await cluster.createDatabase(db);
      await resetStatementTimes(cluster);
      const at = load();
      const ingest = await ingestChild(csv, url, process.env, c.dir);
      const steps = await statementTimes(cluster, db);
      const row = {
        round: r + 1,
        name: c.name,
        seconds: round(ingest.seconds),
        ratioToBare: round(ingest.seconds / bare.seconds),
        cables: ingest.report.new,
        archiveBytes: await databaseBytes(url),
        peakRssMiB: Math.round(ingest.peakRssBytes / 2 ** 20),
        load: at,
        steps: steps.slice(0, 14).map((s) => ({ ...s, seconds: round(s.seconds) })),
        // The ingest's own steps after its last batch (entity resolution, index builds…).
        finishing: (ingest.report.finishing ?? []).map((f) => ({
          step: f.step,
          seconds: round(f.seconds),
          cpuSeconds: round(f.cpuSeconds),
        })),
      };
      runs.push(row);
      log(
        `round ${r + 1} ${c.name}: ${row.seconds} s, ×${row.ratioToBare} bare, peak RSS ${row.peakRssMiB} MiB (load ${at}); server time:`,
      );
      for (const s of row.steps)
        log(`    ${s.step.padEnd(30)}${s.seconds.toFixed(1).padStart(8)} s  ${s.calls} calls`);
      if (row.finishing.length) log("  finishing steps (wall, client CPU):");
      for (const f of row.finishing)
        log(
          `    ${f.step.padEnd(30)}${f.seconds.toFixed(1).padStart(8)} s  ${f.cpuSeconds.toFixed(1)} s CPU`,
        );
    }
  }
  process.stdout.write(
    values.json
      ? `${JSON.stringify({ runs, loadAverage: load() })}\n`
      : `${runs.map((r) => `${r.round} ${r.name} ${r.seconds} s${r.ratioToBare ? ` ×${r.ratioToBare}` : ""}`).join("\n")}\nload average ${load()}\n`,
  );
} finally {
  cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
