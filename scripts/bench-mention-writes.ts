/**
 * What the writer pays to store entity mentions, alone (a script, not a test):
 *
 *   npm run bench:mention-writes -- [--cables N] [--rounds R] [--dir DIR] [--json]
 *
 * Extracts the entities of every cable of ../shared/corpus/cables once, then writes their mentions
 * through the writer's own code (insertMentions) for N cables (default 251,287, the corpus cycled
 * under fresh cable ids), in transactions of 1,000 cables as the ingest commits them, into a fresh
 * archive, two ways, interleaved round by round so both run under the same load:
 * - `indexed`: every index of `mentions` kept up to date row by row (the ingest before
 *   startMentionLoad);
 * - `bulk`: a first load as the ingest now does it — `mentions_key` and `mentions_entity` dropped
 *   (startMentionLoad), `mentions_key` built once after (finishMentionLoad, timed with the load).
 * `mentions_entity` is then built by the first resolution either way (entities-stage.ts), so it is
 * not timed. Only `mentions` is written (foreign keys off: no cable rows); archives go in DIR
 * (default: the system's temporary folder) and are deleted after each round.
 */
import { readdirSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { readSource } from "../src/formats/index.js";
import type { Cable } from "../src/model/cable.js";
import { parseRecord } from "../src/parse/index.js";
import { type Db, openArchive } from "../src/store/db.js";
import {
  finishMentionLoad,
  insertMentions,
  startMentionLoad,
} from "../src/store/entities-write.js";

const { values } = parseArgs({
  options: {
    cables: { type: "string", default: "251287" },
    rounds: { type: "string", default: "1" },
    dir: { type: "string", default: tmpdir() },
    json: { type: "boolean" },
  },
});
const cables = Number(values.cables);
const rounds = Math.max(1, Number(values.rounds));
const log = (s: string) => process.stderr.write(`bench: ${s}\n`);

const corpus = new URL("../../shared/corpus/cables", import.meta.url).pathname;
const parsed: Cable[] = [];
for (const f of readdirSync(corpus)
  .filter((x) => x.endsWith(".txt"))
  .sort()) {
  for await (const it of readSource(join(corpus, f))) {
    if (it.kind === "record") parsed.push(parseRecord(it));
  }
}
log(`${parsed.length} corpus cables parsed; writing the mentions of ${cables} cables each way`);

const BATCH = 1000;
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

interface Figures {
  seconds: number;
  cpuSeconds: number;
}

function run(bulk: boolean): Figures & { mentions: number } {
  const path = join(values.dir!, `bench-mention-writes-${process.pid}.db`);
  const files = [path, `${path}-wal`, `${path}-shm`];
  for (const f of files) rmSync(f, { force: true });
  const db: Db = openArchive(path);
  try {
    db.pragma("foreign_keys = OFF");
    const started = performance.now();
    const cpu0 = cpu();
    if (bulk) startMentionLoad(db);
    const write = db.transaction((from: number, to: number) => {
      for (let id = from; id < to; id++) insertMentions(db, id + 1, parsed[id % parsed.length]!);
    });
    for (let from = 0; from < cables; from += BATCH) write(from, Math.min(cables, from + BATCH));
    if (bulk) finishMentionLoad(db);
    db.pragma("wal_checkpoint(TRUNCATE)");
    const mentions = db.prepare<[], number>("SELECT count(*) FROM mentions").pluck().get()!;
    return { seconds: (performance.now() - started) / 1000, cpuSeconds: cpu() - cpu0, mentions };
  } finally {
    db.close();
    for (const f of files) rmSync(f, { force: true });
  }
}

const best: Record<"indexed" | "bulk", Figures> = {
  indexed: { seconds: Infinity, cpuSeconds: Infinity },
  bulk: { seconds: Infinity, cpuSeconds: Infinity },
};
let mentions = 0;
for (let r = 0; r < rounds; r++) {
  for (const way of ["indexed", "bulk"] as const) {
    const f = run(way === "bulk");
    mentions = f.mentions;
    log(`round ${r + 1} ${way}: ${f.seconds.toFixed(1)} s, ${f.cpuSeconds.toFixed(1)} s CPU`);
    best[way].seconds = Math.min(best[way].seconds, f.seconds);
    best[way].cpuSeconds = Math.min(best[way].cpuSeconds, f.cpuSeconds);
  }
}
const round2 = (x: number) => Math.round(x * 100) / 100;
const result = {
  cables,
  mentions,
  rounds,
  indexed: { seconds: round2(best.indexed.seconds), cpuSeconds: round2(best.indexed.cpuSeconds) },
  bulk: { seconds: round2(best.bulk.seconds), cpuSeconds: round2(best.bulk.cpuSeconds) },
  loadAverage: loadavg().map(round2),
};
process.stdout.write(
  values.json
    ? `${JSON.stringify(result)}\n`
    : `${mentions} mentions of ${cables} cables (best of ${rounds})\n` +
        `indexed  ${result.indexed.seconds} s, ${result.indexed.cpuSeconds} s CPU\n` +
        `bulk     ${result.bulk.seconds} s, ${result.bulk.cpuSeconds} s CPU (mentions_key built after the load)\n` +
        `load average ${result.loadAverage.join(" ")}\n`,
);
