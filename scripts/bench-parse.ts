/**
 * Parser benchmark (a script, not a test): `npm run bench:parse [-- --json] [--rounds N]
 * [--batch N] [--warmup SECONDS]`.
 *
 * For the text-mirror cables and for the WikiLeaks HTML pages separately, measures cables/s and MB/s
 * of read + parse on one core, beside a baseline measured in the same run on the same files: read
 * each file and run one regex scan over it. Two parse paths are timed: `parseRecord` on each record
 * as it is read, and `parseRecords` on batches of records (what bulk ingest should use; same
 * output). Both read through `readSource`, the product path.
 *
 * Wall time and CPU time (process.cpuUsage) are reported side by side: on a shared machine wall
 * time also counts the time other processes held the core. Throughput is measured in steady state:
 * V8 needs tens of thousands of records before its optimising compiler has caught up, so each set
 * is parsed repeatedly for `--warmup` seconds first, and a timed round covers at least a second of
 * work (the 100 HTML pages are parsed several times per round). Inputs: ../shared/corpus when
 * present, else the bundled sample.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type RawRecord, readSource } from "../src/formats/index.js";
import { parseRecord, parseRecords } from "../src/parse/index.js";

const { values } = parseArgs({
  options: {
    json: { type: "boolean" },
    rounds: { type: "string", default: "3" },
    batch: { type: "string", default: "64" },
    warmup: { type: "string", default: "10" },
  },
});
const rounds = Math.max(1, Number(values.rounds));
const batchSize = Math.max(1, Number(values.batch));
const warmupSeconds = Math.max(0, Number(values.warmup));
const root = new URL("..", import.meta.url).pathname;
/** A timed round parses the set as many times as it takes to reach this many records. */
const MIN_ROUND_RECORDS = 3_000;

function listFiles(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => join(dir, f));
}

function inputs(): { name: string; files: string[] }[] {
  const shared = join(root, "../shared/corpus");
  const sample = join(root, "data/sample");
  const mirror = listFiles(join(shared, "cables"), ".txt");
  const html = listFiles(join(shared, "html"), ".html");
  if (mirror.length && html.length) {
    return [
      { name: "text mirror", files: mirror },
      { name: "html pages", files: html },
    ];
  }
  process.stderr.write("../shared/corpus not found: benchmarking the bundled sample instead\n");
  return [
    { name: "text mirror", files: listFiles(join(sample, "mirror"), ".txt") },
    { name: "html pages", files: listFiles(join(sample, "html"), ".html") },
  ];
}

// One regex scan: the cheapest thing that still touches every byte of the text.
const SCAN = /^SUBJECT:|TAGS:|REF:/gm;

async function baseline(files: string[]): Promise<number> {
  let hits = 0;
  for (const f of files) {
    const text = readFileSync(f, "utf8");
    for (const _ of text.matchAll(SCAN)) hits++;
  }
  return hits;
}

/** Read and parse every file, each record as it comes. Returns the number of cables. */
async function single(files: string[]): Promise<number> {
  let cables = 0;
  for (const f of files) {
    for await (const item of readSource(f)) {
      if (item.kind === "record") {
        parseRecord(item);
        cables++;
      }
    }
  }
  return cables;
}

/** Read every file, parse the records in batches. Returns the number of cables. */
async function batched(files: string[]): Promise<number> {
  let cables = 0;
  let batch: RawRecord[] = [];
  for (const f of files) {
    for await (const item of readSource(f)) {
      if (item.kind !== "record") continue;
      batch.push(item);
      if (batch.length >= batchSize) {
        cables += parseRecords(batch).length;
        batch = [];
      }
    }
  }
  if (batch.length > 0) cables += parseRecords(batch).length;
  return cables;
}

interface Timing {
  wall: number;
  cpu: number;
  count: number;
}

/** Runs `fn` `passes` times; wall and CPU seconds, and the summed count. */
async function time(fn: () => Promise<number>, passes: number): Promise<Timing> {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  let count = 0;
  for (let p = 0; p < passes; p++) count += await fn();
  const c = process.cpuUsage(c0);
  return {
    wall: Number(process.hrtime.bigint() - t0) / 1e9,
    cpu: (c.user + c.system) / 1e6,
    count,
  };
}

/** Best (shortest) wall and CPU time per pass over `rounds` rounds. */
async function best(fn: () => Promise<number>, passes: number): Promise<Timing> {
  let wall = Number.POSITIVE_INFINITY;
  let cpu = Number.POSITIVE_INFINITY;
  let count = 0;
  for (let r = 0; r < rounds; r++) {
    const t = await time(fn, passes);
    wall = Math.min(wall, t.wall / passes);
    cpu = Math.min(cpu, t.cpu / passes);
    count = t.count / passes;
  }
  return { wall, cpu, count };
}

const rate = (n: number, seconds: number) => Math.round(n / seconds);

const results = [];
for (const set of inputs()) {
  if (set.files.length === 0) continue;
  const bytes = set.files.reduce((n, f) => n + statSync(f).size, 0);
  const mb = bytes / 1e6;
  // Warm-up on both paths until V8 has compiled the parsers (or the time is up).
  const cold = await time(() => single(set.files), 1);
  const warmUntil = Date.now() + warmupSeconds * 1000;
  while (Date.now() < warmUntil) {
    await single(set.files);
    await batched(set.files);
  }
  await baseline(set.files);
  const passes = Math.max(1, Math.ceil(MIN_ROUND_RECORDS / Math.max(1, cold.count)));
  const base = await best(() => baseline(set.files), passes);
  const one = await best(() => single(set.files), passes);
  const many = await best(() => batched(set.files), passes);
  const cables = one.count;
  results.push({
    input: set.name,
    files: set.files.length,
    cables,
    megabytes: Number(mb.toFixed(2)),
    passesPerRound: passes,
    // First pass of a fresh process: what a one-off run of a few files sees.
    coldCablesPerSecond: rate(cold.count, cold.wall),
    cablesPerSecond: rate(cables, one.wall),
    cpuCablesPerSecond: rate(cables, one.cpu),
    megabytesPerSecond: Number((mb / one.wall).toFixed(2)),
    batchSize,
    batchedCablesPerSecond: rate(cables, many.wall),
    batchedCpuCablesPerSecond: rate(cables, many.cpu),
    batchedMegabytesPerSecond: Number((mb / many.wall).toFixed(2)),
    seconds: Number(one.wall.toFixed(3)),
    batchedSeconds: Number(many.wall.toFixed(3)),
    baselineSeconds: Number(base.wall.toFixed(3)),
    baselineFilesPerSecond: rate(set.files.length, base.wall),
    baselineMegabytesPerSecond: Number((mb / base.wall).toFixed(2)),
    // How many times slower than reading + one regex scan; 1.0 would be free parsing.
    ratioToBaseline: Number((one.wall / base.wall).toFixed(2)),
    batchedRatioToBaseline: Number((many.wall / base.wall).toFixed(2)),
  });
}

if (values.json) {
  process.stdout.write(
    `${JSON.stringify({ rounds, warmupSeconds, batchSize, results }, null, 2)}\n`,
  );
} else {
  for (const r of results) {
    process.stdout.write(
      `${r.input.padEnd(12)} ${r.cables} cables, ${r.megabytes} MB (best of ${rounds} rounds of ` +
        `${r.passesPerRound} pass(es), after ${warmupSeconds} s warm-up; first pass ${r.coldCablesPerSecond} cables/s)\n` +
        `  parseRecord:  ${r.cablesPerSecond} cables/s wall, ${r.cpuCablesPerSecond} cables/s CPU, ` +
        `${r.megabytesPerSecond} MB/s; ${r.ratioToBaseline}× the baseline time\n` +
        `  parseRecords: ${r.batchedCablesPerSecond} cables/s wall, ${r.batchedCpuCablesPerSecond} cables/s CPU, ` +
        `${r.batchedMegabytesPerSecond} MB/s (batches of ${r.batchSize}); ${r.batchedRatioToBaseline}× the baseline time\n` +
        `  baseline read+scan: ${r.baselineFilesPerSecond} files/s, ${r.baselineMegabytesPerSecond} MB/s\n`,
    );
  }
}
