/**
 * Where an ingest's CPU goes, thread by thread, with entity extraction on and off (a script, not a
 * test):
 *
 *   npm run bench:ingest-threads -- CSV [--rounds R] [--base ROOT]... [--workers N] [--dir DIR] [--json]
 *
 * Ingests CSV into a fresh archive with `bin/cablegram ingest --workers N` (default 1), once with
 * `CABLEGRAM_ENTITIES=off` and once with extraction on, for this checkout and for each `--base`
 * checkout (another built tree: its bin/, dist/ and migrations), interleaved round by round so all
 * run under the same load. While each runs, every thread's CPU time is sampled from
 * /proc/PID/task (Linux only) and split into:
 * - `worker`: the N busiest threads other than the main one, the parse workers (parse, entity
 *   extraction, serialising the prepared cables);
 * - `mainStreaming`: the main thread (reading, the writer's SQL) less `finish`;
 * - `finish`: the steps after the last record (the ingest report's `finishing` CPU seconds:
 *   resolution, summaries, analytics), run on the main thread;
 * - `helpers`: all other threads (V8's garbage collection and compiler helpers, libuv's pool).
 * What entity extraction adds to the streaming phase is `on - off` of worker + mainStreaming +
 * helpers. Archives go in DIR (default: the system's temporary folder) and are deleted after
 * each run. The load average is printed beside each run: figures from a busy machine are noisy.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: "string", default: "1" },
    base: { type: "string", multiple: true, default: [] },
    workers: { type: "string", default: "1" },
    dir: { type: "string", default: tmpdir() },
    json: { type: "boolean" },
  },
});
const csv = positionals[0];
if (!csv) {
  process.stderr.write("usage: bench-ingest-threads CSV [--rounds R] [--base ROOT]...\n");
  process.exit(2);
}
const workers = Number(values.workers);
const roots = [resolve(import.meta.dirname, ".."), ...values.base.map((b) => resolve(b))];

interface Run {
  root: string;
  entities: boolean;
  load: number;
  wall: number;
  worker: number;
  mainStreaming: number;
  finish: number;
  helpers: number;
}

/** CPU seconds of each thread of `pid` (utime + stime, clock ticks of 1/100 s). */
function threadCpu(pid: number, into: Map<string, number>): void {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return;
  }
  for (const tid of tasks) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const s = (Number(f[11]) + Number(f[12])) / 100;
      if (s > (into.get(tid) ?? 0)) into.set(tid, s);
    } catch {
      // The thread ended between the listing and the read: its last sample stands.
    }
  }
}

async function ingest(root: string, entities: boolean, db: string): Promise<Run> {
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  const env = { ...process.env, CABLEGRAM_ENTITIES: entities ? "on" : "off" };
  const args = [join(root, "bin/cablegram"), "ingest", csv!, "--db", db, "--workers", `${workers}`];
  const load = loadavg()[0]!;
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"], env });
  let out = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  const cpu = new Map<string, number>();
  const timer = setInterval(() => threadCpu(child.pid!, cpu), 100);
  const code = await new Promise<number | null>((r) => child.on("exit", r));
  clearInterval(timer);
  const wall = (performance.now() - t0) / 1000;
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  if (code !== 0) throw new Error(`${root}: ingest exited with ${code}`);
  const report = JSON.parse(out) as { finishing?: { cpuSeconds: number }[] };
  const finish = (report.finishing ?? []).reduce((a, s) => a + s.cpuSeconds, 0);
  const main = cpu.get(String(child.pid)) ?? 0;
  const others = [...cpu]
    .filter(([tid]) => tid !== String(child.pid))
    .map(([, s]) => s)
    .sort((a, b) => b - a);
  const worker = others.slice(0, workers).reduce((a, b) => a + b, 0);
  const helpers = others.slice(workers).reduce((a, b) => a + b, 0);
  return { root, entities, load, wall, worker, mainStreaming: main - finish, finish, helpers };
}

const runs: Run[] = [];
const db = join(values.dir, `bench-ingest-threads-${process.pid}.db`);
for (let round = 0; round < Number(values.rounds); round++) {
  for (const root of roots) {
    for (const entities of [false, true]) {
      const run = await ingest(root, entities, db);
      runs.push(run);
      if (!values.json) {
        const f = (x: number) => x.toFixed(1).padStart(6);
        process.stdout.write(
          `${root} entities ${entities ? "on " : "off"} load ${run.load.toFixed(1)}  wall${f(run.wall)}  worker${f(run.worker)}  main streaming${f(run.mainStreaming)}  finish${f(run.finish)}  helpers${f(run.helpers)}\n`,
        );
      }
    }
  }
}
if (values.json) process.stdout.write(`${JSON.stringify({ csv, workers, runs }, null, 1)}\n`);
