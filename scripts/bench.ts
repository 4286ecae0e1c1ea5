/**
 * Archive benchmark (a script, not a test): `npm run bench -- [--size N] [--json] [--keep DIR]
 * [--entities-baseline]`.
 *
 * Generates a synthetic Cablegate-scale `cables.csv` (default 251,287 rows) from the real cables of
 * ../shared/corpus (the bundled sample when absent), ingests it with the real CLI in a child
 * process, and measures: ingest time, peak RSS of the ingest process (worker threads included),
 * archive size against the input, and search latency for a fixed query mix. In the same run the
 * same text goes into a bare FTS5 table and the plain text queries run on it: every figure is also
 * given as a ratio to that baseline, because absolute numbers move with the machine's load.
 * `--entities-baseline` first ingests the same CSV with entity extraction off
 * (CABLEGRAM_ENTITIES=off) and reports what extraction and resolution add, in wall and CPU time.
 *
 * `--backend postgres` adds, in the same run and on the same CSV, the PostgreSQL figures
 * (scripts/bench/pg-run.ts): a throwaway cluster with the bulk-load settings it prints, the
 * archive's ingest by the same CLI, a bare baseline (the same text COPYed into one table with one
 * GIN tsvector index), sizes, the ingest's server time per statement, and the same searches.
 * With `--keep DIR` the cluster stays in DIR/pg for `npx tsx scripts/pg-cluster.ts DIR/pg`.
 *
 * Memory is a budget, not only a figure: the steps after the last record (entity resolution,
 * analytics tables; src/ingest/finish.ts) are listed with their time and the peak RSS after each,
 * and the run fails (exit 1) when the ingest's peak RSS exceeds `--max-rss` MB (default 1024) —
 * an end-of-ingest step that holds the whole archive in memory once died of a 4 GB heap at
 * 251,287 cables, after an hour of ingest.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { readSource } from "../src/formats/index.js";
import type { FinishStep } from "../src/ingest/finish.js";
import { openArchive } from "../src/store/db.js";
import { getCable } from "../src/store/read.js";
import { mulberry32 } from "../test/support/mulberry32.js";
import { ingestChild } from "./bench/child.js";
import { benchPostgres, humanPg } from "./bench/pg-run.js";
import {
  FIELDED_QUERIES,
  percentile,
  TEXT_QUERIES,
  timeBaseline,
  timeDeepPage,
  timeIdLookups,
  timeSearches,
} from "./bench/queries.js";
import { loadMirrorCables, writeSyntheticCsv } from "./bench/synthetic-csv.js";

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "251287" },
    json: { type: "boolean" },
    keep: { type: "string" },
    rounds: { type: "string", default: "5" },
    "no-build": { type: "boolean" },
    "entities-baseline": { type: "boolean" },
    "max-rss": { type: "string", default: "1024" },
    backend: { type: "string", default: "sqlite" },
  },
});
const maxRssBytes = Number(values["max-rss"]) * 1024 * 1024;
const size = Number(values.size);
const rounds = Math.max(1, Number(values.rounds));
if (values.backend !== "sqlite" && values.backend !== "postgres")
  throw new Error(
    `--backend takes sqlite or postgres (SQLite always runs), not '${values.backend}'`,
  );
const root = new URL("..", import.meta.url).pathname;
const log = (s: string) => process.stderr.write(`bench: ${s}\n`);

function sources() {
  const shared = join(root, "../shared/corpus/cables");
  if (existsSync(shared)) return loadMirrorCables([shared]);
  log("../shared/corpus not found: recombining the bundled sample instead");
  return loadMirrorCables([join(root, "data/sample/mirror")]);
}

function build() {
  if (values["no-build"]) return;
  log("building dist/ (the CLI runs compiled code)");
  spawnSync(
    process.execPath,
    [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
    {
      cwd: root,
      stdio: "ignore",
    },
  );
  if (!existsSync(join(root, "dist/cli/main.js")))
    throw new Error("build failed: no dist/cli/main.js");
}

/** The baseline: the same CSV through the same reader into one bare FTS5 table. */
async function baselineIngest(csv: string, path: string) {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec(
    "CREATE VIRTUAL TABLE bare USING fts5(subject, body, tokenize='unicode61 remove_diacritics 2')",
  );
  const insert = db.prepare("INSERT INTO bare (subject, body) VALUES (?, ?)");
  const write = db.transaction((rows: [string, string][]) => {
    for (const r of rows) insert.run(r);
  });
  const started = performance.now();
  let rows: [string, string][] = [];
  for await (const item of readSource(csv)) {
    if (item.kind !== "record") continue;
    rows.push([item.metadata.subject ?? "", `${item.header ?? ""}${item.body}`]);
    if (rows.length === 1000) {
      write(rows);
      rows = [];
    }
  }
  write(rows);
  db.pragma("wal_checkpoint(TRUNCATE)");
  const seconds = (performance.now() - started) / 1000;
  return { db, seconds };
}

function fileBytes(path: string): number {
  return [path, `${path}-wal`].reduce((n, p) => n + (existsSync(p) ? statSync(p).size : 0), 0);
}

async function main() {
  const dir = values.keep ?? mkdtempSync(join(tmpdir(), "cablegram-bench-"));
  mkdirSync(dir, { recursive: true });
  const csv = join(dir, "cables.csv");
  const archivePath = join(dir, "archive.db");
  const barePath = join(dir, "bare.db");
  for (const p of [archivePath, barePath]) {
    for (const f of [p, `${p}-wal`, `${p}-shm`]) rmSync(f, { force: true });
  }
  // A kept cluster of an earlier run: initdb wants an empty folder.
  if (values.keep && values.backend === "postgres")
    rmSync(join(dir, "pg"), { recursive: true, force: true });
  try {
    build();
    const cables = sources();
    log(`writing ${size.toLocaleString("en-US")} synthetic rows from ${cables.length} real cables`);
    const synth = writeSyntheticCsv(csv, cables, size, 1);

    // Without entities first, into its own archive: extraction off in the parser
    // (CABLEGRAM_ENTITIES=off, inherited by the worker threads), so resolution has nothing to do.
    let plain: Awaited<ReturnType<typeof ingestChild>> | null = null;
    if (values["entities-baseline"]) {
      const plainPath = join(dir, "archive-no-entities.db");
      for (const f of [plainPath, `${plainPath}-wal`, `${plainPath}-shm`])
        rmSync(f, { force: true });
      log("ingesting without entities (CABLEGRAM_ENTITIES=off)");
      plain = await ingestChild(csv, plainPath, { ...process.env, CABLEGRAM_ENTITIES: "off" });
      log(`  ${plain.seconds.toFixed(1)} s wall, ${plain.cpuSeconds.toFixed(1)} s CPU`);
      if (!values.keep) rmSync(plainPath, { force: true });
    }
    log("ingesting with `cablegram ingest` (child process)");
    const ingest = await ingestChild(csv, archivePath);
    log(
      `  ${ingest.seconds.toFixed(1)} s, ${ingest.report.new} new, ${ingest.report.rejected} rejected`,
    );
    log("loading the same text into a bare FTS5 table");
    const bare = await baselineIngest(csv, barePath);
    log(`  ${bare.seconds.toFixed(1)} s`);

    log("searching");
    const db = openArchive(archivePath);
    const coldStart = performance.now();
    timeSearches(db, ["embassy"], 1);
    const coldFirstQueryMs = performance.now() - coldStart;
    const search = timeSearches(db, [...TEXT_QUERIES, ...FIELDED_QUERIES], rounds);
    const deepPageMs = timeDeepPage(db, "embassy");
    const pick = mulberry32(3);
    const allIds = db.prepare("SELECT reference_id FROM cables").pluck().all() as string[];
    const ids = Array.from({ length: 200 }, () => allIds[Math.floor(pick() * allIds.length)]!);
    const idLookups = timeIdLookups(db, ids);
    const getCableMs = ids.map((id) => {
      const t = performance.now();
      getCable(db, id);
      return performance.now() - t;
    });
    const baseline = timeBaseline(bare.db, TEXT_QUERIES, rounds);
    db.close();
    bare.db.close();
    const archiveBytes = fileBytes(archivePath);
    const baselineBytes = fileBytes(barePath);
    // At Cablegate scale the SQLite files (about 11 GB) and the cluster do not need to share the
    // disk: without --keep they go once measured.
    if (!values.keep && values.backend === "postgres") {
      for (const p of [archivePath, barePath])
        for (const f of [p, `${p}-wal`, `${p}-shm`]) rmSync(f, { force: true });
    }
    const pg =
      values.backend === "postgres"
        ? await benchPostgres({ csv, ids, rounds, keepDir: values.keep ?? null, log })
        : null;

    const entityFigures = plain
      ? {
          ingestSecondsWithoutEntities: round(plain.seconds),
          ingestCpuSecondsWithoutEntities: round(plain.cpuSeconds),
          // What extraction and resolution add, wall and CPU (budget: 1.25).
          entitiesIngestRatio: round(ingest.seconds / plain.seconds),
          entitiesIngestCpuRatio: round(ingest.cpuSeconds / plain.cpuSeconds),
        }
      : {};
    const result = {
      cables: ingest.report.new,
      ingestSeconds: round(ingest.seconds),
      ingestCpuSeconds: round(ingest.cpuSeconds),
      ...entityFigures,
      baselineIngestSeconds: round(bare.seconds),
      peakRssBytes: ingest.peakRssBytes,
      maxRssBytes,
      finishing: ingest.report.finishing ?? [],
      archiveBytes,
      rawBytes: synth.bytes,
      baselineArchiveBytes: baselineBytes,
      searchP50Ms: round(percentile(search, 50)),
      searchP95Ms: round(percentile(search, 95)),
      baselineSearchP95Ms: round(percentile(baseline, 95)),
      idLookupP95Ms: round(percentile(idLookups, 95)),
      getCableP95Ms: round(percentile(getCableMs, 95)),
      deepPageMs: round(deepPageMs),
      coldFirstQueryMs: round(coldFirstQueryMs),
      queries: TEXT_QUERIES.length + FIELDED_QUERIES.length,
      ratios: {
        ingest: round(ingest.seconds / bare.seconds),
        archiveToRaw: round(archiveBytes / synth.bytes),
        archiveToBaseline: round(archiveBytes / baselineBytes),
        searchP95: round(percentile(search, 95) / percentile(baseline, 95)),
      },
      ...(pg ? { postgres: pg } : {}),
      loadAverage: loadavg().map(round),
    };
    process.stdout.write(
      values.json
        ? `${JSON.stringify(result)}\n`
        : `${human(result)}${pg ? humanPg(pg) : ""}load average ${result.loadAverage.join(" ")}\n`,
    );
    if (ingest.peakRssBytes > maxRssBytes) {
      log(
        `FAIL: the ingest's peak RSS, ${mb(ingest.peakRssBytes)}, is over the budget of ${mb(maxRssBytes)} (--max-rss); the finishing steps above show where it grew`,
      );
      process.exitCode = 1;
    }
  } finally {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

const mb = (b: unknown) => `${((b as number) / (1024 * 1024)).toFixed(0)} MB`;

function human(
  r: Record<string, unknown> & { ratios: Record<string, number>; finishing: FinishStep[] },
): string {
  return [
    `cables              ${r.cables}`,
    `ingest              ${r.ingestSeconds} s, ${r.ingestCpuSeconds} s CPU  (bare FTS5: ${r.baselineIngestSeconds} s, ×${r.ratios.ingest})`,
    ...(r.ingestSecondsWithoutEntities === undefined
      ? []
      : [
          `  without entities  ${r.ingestSecondsWithoutEntities} s, ${r.ingestCpuSecondsWithoutEntities} s CPU  (entities ×${r.entitiesIngestRatio} wall, ×${r.entitiesIngestCpuRatio} CPU)`,
        ]),
    `peak RSS            ${mb(r.peakRssBytes)}  (budget ${mb(r.maxRssBytes)}, --max-rss)`,
    ...r.finishing.map(
      (f) =>
        `  ${f.step.padEnd(18)}${f.seconds.toFixed(1)} s, ${f.cpuSeconds.toFixed(1)} s CPU; peak RSS after it ${mb(f.peakRssBytes)}`,
    ),
    `archive             ${mb(r.archiveBytes)}  (input ${mb(r.rawBytes)}, ×${r.ratios.archiveToRaw}; bare FTS5 ${mb(r.baselineArchiveBytes)})`,
    `search p50 / p95    ${r.searchP50Ms} / ${r.searchP95Ms} ms  (${r.queries} queries with facets; bare FTS5 p95 ${r.baselineSearchP95Ms} ms, ×${r.ratios.searchP95})`,
    `id lookup p95       ${r.idLookupP95Ms} ms via search(), ${r.getCableP95Ms} ms via getCable()`,
    `deep page (10th)    ${r.deepPageMs} ms;  first query of a connection ${r.coldFirstQueryMs} ms`,
    "",
  ].join("\n");
}

main().catch((err) => {
  process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : err}\n`);
  process.exitCode = 1;
});
