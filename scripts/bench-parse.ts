/**
 * Parser benchmark (a script, not a test): `npm run bench:parse [-- --json] [--rounds N]`.
 *
 * For the text-mirror cables and for the WikiLeaks HTML pages separately, measures cables/s and MB/s
 * of read + parse on one core, beside a baseline measured in the same run on the same files: read
 * each file and run one regex scan over it. Figures are reported as ratios to that baseline because
 * absolute numbers move with the machine's load. Inputs: ../shared/corpus when present, else the
 * bundled sample.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { readSource } from "../src/formats/index.js";
import { parseRecord } from "../src/parse/index.js";

const { values } = parseArgs({
  options: { json: { type: "boolean" }, rounds: { type: "string", default: "3" } },
});
const rounds = Math.max(1, Number(values.rounds));
const root = new URL("..", import.meta.url).pathname;

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

function baseline(files: string[]): number {
  let hits = 0;
  for (const f of files) {
    const text = readFileSync(f, "utf8");
    for (const _ of text.matchAll(SCAN)) hits++;
  }
  return hits;
}

async function ours(files: string[]): Promise<number> {
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

async function time(fn: () => unknown): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const results = [];
for (const set of inputs()) {
  if (set.files.length === 0) continue;
  const bytes = set.files.reduce((n, f) => n + statSync(f).size, 0);
  await ours(set.files); // warm-up: JIT, page cache, lazy tables
  baseline(set.files);
  let best = Number.POSITIVE_INFINITY;
  let bestBase = Number.POSITIVE_INFINITY;
  let cables = 0;
  for (let r = 0; r < rounds; r++) {
    bestBase = Math.min(bestBase, await time(() => baseline(set.files)));
    best = Math.min(
      best,
      await time(async () => {
        cables = await ours(set.files);
      }),
    );
  }
  const mb = bytes / 1e6;
  results.push({
    input: set.name,
    files: set.files.length,
    cables,
    megabytes: Number(mb.toFixed(2)),
    seconds: Number(best.toFixed(3)),
    cablesPerSecond: Math.round(cables / best),
    megabytesPerSecond: Number((mb / best).toFixed(2)),
    baselineSeconds: Number(bestBase.toFixed(3)),
    baselineFilesPerSecond: Math.round(set.files.length / bestBase),
    baselineMegabytesPerSecond: Number((mb / bestBase).toFixed(2)),
    // How many times slower than reading + one regex scan; 1.0 would be free parsing.
    ratioToBaseline: Number((best / bestBase).toFixed(2)),
  });
}

if (values.json) {
  process.stdout.write(`${JSON.stringify({ rounds, results }, null, 2)}\n`);
} else {
  for (const r of results) {
    process.stdout.write(
      `${r.input.padEnd(12)} ${r.cables} cables, ${r.megabytes} MB: ${r.cablesPerSecond} cables/s, ` +
        `${r.megabytesPerSecond} MB/s (best of ${rounds}); baseline read+scan ${r.baselineFilesPerSecond} files/s, ` +
        `${r.baselineMegabytesPerSecond} MB/s; parse takes ${r.ratioToBaseline}× the baseline time\n`,
    );
  }
}
