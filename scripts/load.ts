/**
 * Load test of the web server (issues 4 and 13): starts `cablegram serve` (`--workers N`
 * processes) in a child process, so the load generator does not share the server's event loop,
 * then holds 64 connections for 30 s per target and prints requests/s, p50/p95/p99 latency, server
 * CPU per request, the load generator's own CPU and errors. Goals: 0 errors; cable page p95 ≤ 10
 * ms; cached search p95 ≤ 100 ms; distinct searches: none repeated.
 *
 *   tsx scripts/load.ts [--targets cable,search,distinct] [--workers 1] [--duration 30]
 *     [--connections 64] [--distinct-count 40000] [--db PATH] [--no-cache] [--no-gzip] [--json]
 *     [--load-threads 1] [--trace DIR] [--url URL [--server-pid PID]]
 *
 * Without --db a fresh archive is made from data/sample/ (the first-run ingest of `npm start`).
 * `--db postgres://…` (or CABLEGRAM_DB) loads a server on an archive in PostgreSQL: the URLs are
 * drawn from it by the same rules (the same URLs as from a SQLite archive of the same input), and
 * the URL reaches the server through its environment, never a command line. The benchmark's
 * kept cluster serves one: `npx tsx scripts/pg-cluster.ts DIR/pg` prints its URL.
 * With --url it loads a server already running (here or on another machine, which keeps the load
 * generator off the server's cores); --db then names the archive the URLs are drawn from, and
 * --server-pid, when it runs here, the process whose CPU (with its children's) is counted.
 * Requests offer gzip as every browser does (--no-gzip: bodies as they are).
 * Targets: `cable`, every cable page of the archive in turn; `search`, 71 searches built from the
 * archive's own words, TAGS, origins and months, cycled, each asked for once per worker before
 * the clock starts (printed as the warm-up), so every timed answer comes from the response cache;
 * `distinct`, thousands of different searches (scripts/load-queries.ts), each sent once across
 * all connections, so none is ever answered from the cache.
 * --load-threads N sends the `cable` and `search` targets from N autocannon worker threads (the
 * connections divided among them; latencies gathered by scripts/load-latency.cjs), for cached
 * rates one thread cannot generate; `distinct` stays on one thread, whose cursor it shares.
 * --trace DIR logs the server processes' own view of every connection (scripts/serve-trace.mjs)
 * and prints it after the figures: accept delays, time from read to finished, statuses.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { get as httpGet } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { BroadcastChannel } from "node:worker_threads";
import autocannon from "autocannon";
import postgres from "postgres";
import { openArchive } from "../src/store/db.js";
import { redactUrl } from "../src/store/postgres/connect.js";
import { describeErrors, type ErrorKinds, errorKinds } from "./load-errors.js";
import { distinctSearchPaths, distinctSearchPathsPostgres } from "./load-queries.js";
import { TRACE_PRELOAD, traceSummary } from "./load-trace.js";

const SELF = fileURLToPath(import.meta.url);
const LATENCY_MODULE = fileURLToPath(new URL("./load-latency.cjs", import.meta.url));
/** scripts/load-latency.cjs's channel: latencies from autocannon's worker threads. */
const LATENCY_CHANNEL = "cablegram-load-latency";

/** Child mode: serve the archive and print the address as one JSON line. */
async function child(db: string, cache: boolean, workers: number): Promise<void> {
  const { startServer } = await import("../src/server/start.js");
  const { startCluster } = await import("../src/server/serve-workers.js");
  const opts = { db, port: 0, host: "127.0.0.1" };
  const server =
    workers === 1
      ? await startServer({ ...opts, ...(cache ? {} : { cache: false as const }) })
      : await startCluster({ ...opts, workers, cacheBytes: cache ? 64 * 1024 * 1024 : 0 });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  process.on("SIGTERM", () => {
    server.close().then(() => process.exit(0));
  });
}

function startChild(
  db: string,
  cache: boolean,
  workers: number,
  trace: string | undefined,
): Promise<{ proc: ChildProcess; url: string }> {
  const args = [
    ...process.execArgv,
    ...(trace ? ["--import", TRACE_PRELOAD] : []),
    SELF,
    "--child",
    "--db",
    db,
    "--workers",
    String(workers),
    ...(cache ? [] : ["--no-cache"]),
  ];
  const pg = isPg(db);
  if (pg) args.splice(args.indexOf("--db"), 2);
  const proc = spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      ...(pg ? { CABLEGRAM_DB: db } : {}),
      ...(trace ? { CABLEGRAM_TRACE: trace } : {}),
    },
  });
  return new Promise((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve({ proc, url: (JSON.parse(line) as { url: string }).url });
    });
    proc.once("exit", (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
}

const isPg = (db: string) => /^postgres(ql)?:\/\//i.test(db);

/** The first column of a query's rows, from either back end. */
interface Source {
  column(sql: string): Promise<string[]>;
  distinct(count: number): Promise<string[]>;
  close(): Promise<void>;
}

function openSource(db: string): Source {
  if (isPg(db)) {
    const sql = postgres(db, { max: 1, onnotice: () => {} });
    return {
      // Ties are broken by the value; "C" orders text as SQLite does.
      column: async (q) =>
        (
          await sql.unsafe<Record<string, string>[]>(
            q.replace(/ DESC, (.+) LIMIT/, ' DESC, ($1) COLLATE "C" LIMIT'),
          )
        ).map((r) => Object.values(r)[0]!),
      distinct: (count) => distinctSearchPathsPostgres(sql, count),
      close: () => sql.end(),
    };
  }
  const archive = openArchive(db, { readonly: true });
  return {
    column: async (q) => archive.prepare<[], string>(q).pluck().all(),
    distinct: async (count) => distinctSearchPaths(archive, count),
    close: async () => {
      archive.close();
    },
  };
}

/**
 * The PostgreSQL server's main process when it runs on this machine and the role may read its
 * data directory's name (a superuser, or pg_read_all_settings); else undefined, and the database's
 * CPU is left out of the figures (the server's own CPU is still counted).
 */
async function postmasterPid(url: string): Promise<number | undefined> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ setting: string }[]>`
      SELECT setting FROM pg_settings WHERE name = 'data_directory'`;
    const pidFile = row ? join(row.setting, "postmaster.pid") : null;
    if (!pidFile || !existsSync(pidFile)) return undefined;
    const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    return Number.isInteger(pid) && existsSync(`/proc/${pid}/stat`) ? pid : undefined;
  } catch {
    return undefined;
  } finally {
    await sql.end();
  }
}

/** Search URLs from what the archive holds, so every query finds something. */
async function searchPaths(source: Source): Promise<string[]> {
  const counts = new Map<string, number>();
  for (const subject of await source.column(
    "SELECT subject FROM cables WHERE subject IS NOT NULL ORDER BY id",
  )) {
    for (const w of subject.toLowerCase().match(/\b[a-z]{6,}\b/g) ?? [])
      counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const words = [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 30)
    .map(([w]) => w);
  const tags = await source.column(
    "SELECT tag FROM tags GROUP BY tag ORDER BY count(*) DESC, tag LIMIT 10",
  );
  const origins = await source.column(
    "SELECT origin FROM cables WHERE origin IS NOT NULL GROUP BY origin ORDER BY count(*) DESC, origin LIMIT 10",
  );
  const months = await source.column(
    "SELECT month FROM cables WHERE month IS NOT NULL GROUP BY month ORDER BY count(*) DESC, month LIMIT 10",
  );
  const q = (params: Record<string, string>) => `/search?${new URLSearchParams(params)}`;
  return [
    ...words.map((w) => q({ q: w })),
    ...words.slice(0, 10).map((w, i) => q({ q: `${w} ${words[i + 10]}` })),
    ...tags.map((t) => q({ q: "", tag: t })),
    ...origins.map((o) => q({ q: words[0] ?? "", origin: o })),
    ...months.map((m) => q({ q: "", from: m, to: m, sort: "-created" })),
    q({ q: "" }),
  ];
}

async function cablePaths(source: Source): Promise<string[]> {
  return (await source.column("SELECT reference_id FROM cables ORDER BY id")).map(
    (id) => `/cables/${id}`,
  );
}

/** Clock ticks of a process (user + system, 1/100 s), or null when /proc does not tell. */
function ticks(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/** The process and its children (the workers of `serve --workers N`). */
function processTree(pid: number): number[] {
  const tree = [pid];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.split(") ")[1]!.split(" ")[1]) === pid) tree.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return tree;
}

/**
 * CPU seconds the server's processes have used (Linux /proc), or null elsewhere: divided by the
 * requests it tells what a request costs the server whatever else runs on the host. Per pid, so
 * the difference of two readings only counts processes alive at both.
 */
function cpuSeconds(pid: number | undefined): Map<number, number> | null {
  if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return null;
  const m = new Map<number, number>();
  for (const p of processTree(pid)) {
    const t = ticks(p);
    if (t !== null) m.set(p, t / 100);
  }
  return m;
}

function cpuSpent(before: Map<number, number> | null, after: Map<number, number> | null) {
  if (!before || !after) return null;
  let s = 0;
  for (const [p, t] of after) s += t - (before.get(p) ?? 0);
  return s;
}

/** Busy and total jiffies of all cores (Linux /proc/stat), or null elsewhere. */
function machineTicks(): { busy: number; total: number } | null {
  try {
    const cpu = readFileSync("/proc/stat", "utf8")
      .split("\n")[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const total = cpu.reduce((a, b) => a + b, 0);
    return { busy: total - cpu[3]! - cpu[4]!, total };
  } catch {
    return null;
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Figures {
  target: string;
  urls: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Server CPU per request (every server process), when the platform tells. */
  serverCpuUsPerRequest: number | null;
  /** Cores the server's processes kept busy on average (CPU seconds / wall seconds). */
  serverCores: number | null;
  /**
   * On PostgreSQL on this machine: CPU of the database server's processes (the postmaster and its
   * backends) per request and in cores; the searches' SQL runs there, not in the server's processes.
   */
  databaseCpuUsPerRequest: number | null;
  databaseCores: number | null;
  /** How busy the machine's cores were during the run, all processes (ours and others'), in %. */
  machineBusyPercent: number | null;
  /** CPU the load generator itself used (all its threads), in % of one core. */
  generatorCpuPercent: number;
  /** autocannon threads that sent the requests. */
  loadThreads: number;
  errors: number;
  /** The errors by kind (scripts/load-errors.ts): timeouts are answers not given within 10 s. */
  errorKinds: ErrorKinds;
  /** Distinct target: requests that had to reuse a URL because the list ran out (goal 0). */
  repeated: number | null;
  goalP95Ms: number | null;
  met: boolean;
  /** Seconds spent asking for each page once per worker before the run (cached searches). */
  warmUpSeconds?: number | null;
}

interface Target {
  name: string;
  paths: string[];
  /** Each path once across all connections (else each connection cycles through all of them). */
  once: boolean;
  /** Asked for once per worker before the clock starts (`warm`): the cached searches. */
  warm: boolean;
  goalP95Ms: number | null;
}

async function hammer(
  url: string,
  target: Target,
  opts: {
    connections: number;
    duration: number;
    pid: number | undefined;
    dbPid: number | undefined;
    gzip: boolean;
    /** autocannon worker threads; the distinct target's shared cursor keeps it on one. */
    threads: number;
  },
): Promise<Figures> {
  const times: number[] = [];
  // Browsers always offer gzip; --no-gzip asks for bodies as they are.
  const headers: Record<string, string> = opts.gzip
    ? { "accept-encoding": "gzip, deflate, br" }
    : {};
  const { paths } = target;
  let next = 0;
  const requests = target.once
    ? [
        {
          method: "GET",
          path: paths[0]!,
          headers,
          // One cursor shared by every connection: no URL is sent twice while the list lasts.
          setupRequest: (req: { path: string }) => ({
            ...req,
            path: paths[next++ % paths.length]!,
          }),
        },
      ]
    : paths.map((path) => ({ method: "GET", path, headers }));
  const threads = target.once ? 1 : opts.threads;
  const channel = threads > 1 ? new BroadcastChannel(LATENCY_CHANNEL) : null;
  channel?.addEventListener("message", (e) => {
    times.push(...(e as MessageEvent<number[]>).data);
  });
  const cpuBefore = cpuSeconds(opts.pid);
  const dbBefore = cpuSeconds(opts.dbPid);
  const machineBefore = machineTicks();
  const ownBefore = process.cpuUsage();
  const run = autocannon({
    url,
    connections: opts.connections,
    duration: opts.duration,
    timeout: 10,
    requests,
    ...(threads > 1 ? { workers: threads, setupClient: LATENCY_MODULE } : {}),
  });
  if (threads === 1)
    run.on("response", (_client, _status, _bytes, ms) => {
      times.push(ms);
    });
  const r = await run;
  if (channel) {
    // The threads' last batches may come after their results: wait for every answer's latency.
    const until = Date.now() + 5000;
    while (times.length < r.latency.totalCount && Date.now() < until)
      await new Promise((res) => setTimeout(res, 20));
    channel.close();
  }
  const own = process.cpuUsage(ownBefore);
  const serverCpu = cpuSpent(cpuBefore, cpuSeconds(opts.pid));
  const dbCpu = cpuSpent(dbBefore, cpuSeconds(opts.dbPid));
  const machineAfter = machineTicks();
  times.sort((a, b) => a - b);
  const kinds = errorKinds(r, opts.connections);
  const errors = kinds.total;
  const p95 = percentile(times, 95);
  const repeated = target.once ? Math.max(0, next - paths.length) : null;
  return {
    target: target.name,
    urls: paths.length,
    requests: r.requests.total,
    requestsPerSecond: Math.round(r.requests.total / r.duration),
    p50Ms: round(percentile(times, 50)),
    p95Ms: round(p95),
    p99Ms: round(percentile(times, 99)),
    serverCpuUsPerRequest:
      serverCpu === null || r.requests.total === 0
        ? null
        : Math.round((serverCpu * 1e6) / r.requests.total),
    serverCores: serverCpu === null ? null : Math.round((serverCpu / r.duration) * 100) / 100,
    databaseCpuUsPerRequest:
      dbCpu === null || r.requests.total === 0
        ? null
        : Math.round((dbCpu * 1e6) / r.requests.total),
    databaseCores: dbCpu === null ? null : Math.round((dbCpu / r.duration) * 100) / 100,
    machineBusyPercent:
      machineBefore && machineAfter
        ? Math.round(
            (100 * (machineAfter.busy - machineBefore.busy)) /
              Math.max(1, machineAfter.total - machineBefore.total),
          )
        : null,
    generatorCpuPercent: Math.round((own.user + own.system) / 1e4 / r.duration),
    loadThreads: threads,
    errors,
    errorKinds: kinds,
    repeated,
    goalP95Ms: target.goalP95Ms,
    met:
      errors === 0 &&
      r.requests.total > 0 &&
      (target.goalP95Ms === null || p95 <= target.goalP95Ms) &&
      !repeated,
  };
}

/**
 * The cached searches measure the response cache, not the first render of their pages: each is
 * asked for once per worker before the clock starts (each worker keeps its own cache), on a new
 * connection each time, which the cluster's primary hands to its workers in turn. At 251,287
 * cables on PostgreSQL the 71 searches took 0.3–4 s each to render once, and a cold 30 s run
 * measured mostly that. Returns the seconds it took.
 */
async function warm(url: string, target: Target, workers: number, gzip: boolean): Promise<number> {
  const started = performance.now();
  const get = (path: string) =>
    new Promise<void>((done) => {
      const req = httpGet(
        new URL(path, url),
        { agent: false, headers: gzip ? { "accept-encoding": "gzip" } : {} },
        (res) => {
          res.resume();
          res.on("end", () => done());
          res.on("error", () => done());
        },
      );
      // A page that fails here is measured (and counted as an error) by the run itself.
      req.on("error", () => done());
    });
  const queue = target.paths.flatMap((p) => Array.from({ length: workers }, () => p));
  let next = 0;
  const lane = async () => {
    while (next < queue.length) await get(queue[next++]!);
  };
  await Promise.all(Array.from({ length: workers }, lane));
  return Math.round((performance.now() - started) / 100) / 10;
}

const TARGETS = ["cable", "search", "distinct"] as const;

async function targetsOf(db: string, names: string[], distinctCount: number): Promise<Target[]> {
  const source = openSource(db);
  try {
    const out: Target[] = [];
    for (const name of names) {
      if (name === "cable")
        out.push({
          name: "cable page",
          paths: await cablePaths(source),
          once: false,
          warm: false,
          goalP95Ms: 10,
        });
      else if (name === "search")
        out.push({
          name: "search, cached",
          paths: await searchPaths(source),
          once: false,
          warm: true,
          goalP95Ms: 100,
        });
      else
        out.push({
          name: "search, distinct",
          paths: await source.distinct(distinctCount),
          once: true,
          warm: false,
          goalP95Ms: null,
        });
    }
    return out;
  } finally {
    await source.close();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      targets: { type: "string", default: TARGETS.join(",") },
      workers: { type: "string", default: "1" },
      duration: { type: "string", default: "30" },
      connections: { type: "string", default: "64" },
      "load-threads": { type: "string", default: "1" },
      trace: { type: "string" },
      "distinct-count": { type: "string", default: "40000" },
      db: { type: "string" },
      url: { type: "string" },
      "server-pid": { type: "string" },
      "no-cache": { type: "boolean", default: false },
      "no-gzip": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      child: { type: "boolean", default: false },
    },
  });
  const cache = !values["no-cache"];
  const workers = Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1) throw new Error("--workers takes a number ≥ 1");
  const threads = Number(values["load-threads"]);
  if (!Number.isInteger(threads) || threads < 1)
    throw new Error("--load-threads takes a number ≥ 1");
  if (values.child) {
    await child(values.db ?? process.env.CABLEGRAM_DB!, cache, workers);
    return -1;
  }
  const names = values.targets.split(",").map((t) => t.trim());
  const unknown = names.find((t) => !(TARGETS as readonly string[]).includes(t));
  if (unknown !== undefined)
    throw new Error(`--targets takes ${TARGETS.join(", ")}, not '${unknown}'`);
  // A URL with a password is better given in the environment than on a command line (`ps`).
  values.db ??= process.env.CABLEGRAM_DB;
  if (values.url && !values.db) throw new Error("--url needs --db: the archive the URLs come from");
  if (values.url && values.trace) throw new Error("--trace needs the server this script starts");
  const trace = values.trace ? resolve(values.trace) : undefined;
  if (trace) mkdirSync(trace, { recursive: true });
  const temp = values.db ? null : mkdtempSync(join(tmpdir(), "cablegram-load-"));
  const db = values.db ?? join(temp!, "sample.db");
  const log = (s: string) => process.stderr.write(`${s}\n`);
  let server: { proc: ChildProcess | null; url: string; pid: number | undefined };
  if (values.url) {
    const pid = values["server-pid"] === undefined ? undefined : Number(values["server-pid"]);
    server = { proc: null, url: values.url, pid };
  } else {
    log(
      `starting the server (${workers} worker${workers === 1 ? "" : "s"}) on ${values.db ? redactUrl(db) : "a fresh archive of data/sample/"}…`,
    );
    const { proc, url } = await startChild(db, cache, workers, trace);
    server = { proc, url, pid: proc.pid };
  }
  const { proc, url } = server;
  const dbPid = isPg(db) ? await postmasterPid(db) : undefined;
  try {
    const opts = {
      connections: Number(values.connections),
      duration: Number(values.duration),
      gzip: !values["no-gzip"],
      threads,
    };
    const figures: Figures[] = [];
    for (const target of await targetsOf(db, names, Number(values["distinct-count"]))) {
      const warmUp = target.warm && cache ? await warm(url, target, workers, opts.gzip) : null;
      if (warmUp !== null) log(`${target.name}: cache warmed in ${warmUp} s`);
      log(
        `${target.name}: ${opts.connections} connections for ${opts.duration} s over ${target.paths.length} URLs at ${url}`,
      );
      const f = await hammer(url, target, { ...opts, pid: server.pid, dbPid });
      figures.push({ ...f, warmUpSeconds: warmUp });
    }
    if (values.json)
      process.stdout.write(`${JSON.stringify({ cache, workers, ...opts, figures }, null, 2)}\n`);
    else {
      process.stdout.write(
        `${workers} worker${workers === 1 ? "" : "s"}, cache ${cache ? "on" : "off"}, ${opts.gzip ? "gzip offered" : "no gzip"}, ${opts.connections} connections, ${opts.duration} s per target, load generator on ${threads} thread${threads === 1 ? "" : "s"}\n`,
      );
      for (const f of figures) {
        const goal = f.goalP95Ms === null ? "" : ` (goal ≤ ${f.goalP95Ms})`;
        const repeated = f.repeated === null ? "" : `  repeated ${f.repeated}`;
        process.stdout.write(
          `${f.target.padEnd(16)} ${String(f.requestsPerSecond).padStart(7)} req/s  p50 ${f.p50Ms} ms  p95 ${f.p95Ms} ms${goal}  p99 ${f.p99Ms} ms  server CPU ${f.serverCpuUsPerRequest ?? "?"} µs/req on ${f.serverCores ?? "?"} cores${f.databaseCpuUsPerRequest === null ? "" : `  database CPU ${f.databaseCpuUsPerRequest} µs/req on ${f.databaseCores} cores`}  load generator ${f.generatorCpuPercent} % of a core  machine ${f.machineBusyPercent ?? "?"} % busy  errors ${f.errors}${f.errors ? ` (${describeErrors(f.errorKinds)})` : ""}${repeated}  ${f.met ? "OK" : "MISSED"}\n`,
        );
      }
    }
    return figures.every((f) => f.met) ? 0 : 1;
  } finally {
    if (proc) {
      proc.kill("SIGTERM");
      await new Promise((r) => proc.once("exit", r));
      // Written by each server process as it exits.
      if (trace)
        for (const line of traceSummary(trace, Number(values.connections)))
          process.stdout.write(`${line}\n`);
    }
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`load: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
