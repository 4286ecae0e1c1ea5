/**
 * Load test of the web server (issue 4): starts `cablegram serve` on the bundled sample in a child
 * process (so the load generator does not share the server's event loop), then holds 64
 * connections for 30 s against cable pages and against search pages, and prints requests/s, p95
 * latency and errors per target. Targets: 0 errors; cable page p95 ≤ 10 ms; search p95 ≤ 100 ms.
 *
 *   tsx scripts/load.ts [--duration 30] [--connections 64] [--db PATH] [--no-cache] [--no-gzip] [--json]
 *
 * Without --db a fresh archive is made from data/sample/ (the first-run ingest of `npm start`).
 * Requests offer gzip as every browser does (--no-gzip: bodies as they are).
 * URLs: every cable page of the archive in turn; searches built from the archive's own words,
 * TAGS, origins and months (facets, histogram and snippets on every page).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { openArchive } from "../src/store/db.js";

const SELF = fileURLToPath(import.meta.url);

/** Child mode: serve the archive and print the address as one JSON line. */
async function child(db: string, cache: boolean): Promise<void> {
  const { startServer } = await import("../src/server/start.js");
  const server = await startServer({
    db,
    port: 0,
    host: "127.0.0.1",
    ...(cache ? {} : { cache: false as const }),
  });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  process.on("SIGTERM", () => {
    server.close().then(() => process.exit(0));
  });
}

function startChild(db: string, cache: boolean): Promise<{ proc: ChildProcess; url: string }> {
  const args = [...process.execArgv, SELF, "--child", "--db", db, ...(cache ? [] : ["--no-cache"])];
  const proc = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
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

/** Search URLs from what the archive holds, so every query finds something. */
function searchPaths(dbPath: string): string[] {
  const db = openArchive(dbPath, { readonly: true });
  try {
    const counts = new Map<string, number>();
    for (const subject of db
      .prepare<[], string>("SELECT subject FROM cables WHERE subject IS NOT NULL")
      .pluck()
      .all()) {
      for (const w of subject.toLowerCase().match(/\b[a-z]{6,}\b/g) ?? [])
        counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    const words = [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 30)
      .map(([w]) => w);
    const tags = db
      .prepare<[], string>("SELECT tag FROM tags GROUP BY tag ORDER BY count(*) DESC LIMIT 10")
      .pluck()
      .all();
    const origins = db
      .prepare<[], string>(
        "SELECT origin FROM cables WHERE origin IS NOT NULL GROUP BY origin ORDER BY count(*) DESC LIMIT 10",
      )
      .pluck()
      .all();
    const months = db
      .prepare<[], string>(
        "SELECT month FROM cables WHERE month IS NOT NULL GROUP BY month ORDER BY count(*) DESC LIMIT 10",
      )
      .pluck()
      .all();
    const q = (params: Record<string, string>) => `/search?${new URLSearchParams(params)}`;
    return [
      ...words.map((w) => q({ q: w })),
      ...words.slice(0, 10).map((w, i) => q({ q: `${w} ${words[i + 10]}` })),
      ...tags.map((t) => q({ q: "", tag: t })),
      ...origins.map((o) => q({ q: words[0] ?? "", origin: o })),
      ...months.map((m) => q({ q: "", from: m, to: m, sort: "-created" })),
      q({ q: "" }),
    ];
  } finally {
    db.close();
  }
}

function cablePaths(dbPath: string): string[] {
  const db = openArchive(dbPath, { readonly: true });
  try {
    return db
      .prepare<[], string>("SELECT reference_id FROM cables ORDER BY id")
      .pluck()
      .all()
      .map((id) => `/cables/${id}`);
  } finally {
    db.close();
  }
}

/**
 * CPU seconds the server process has used (Linux /proc, clock ticks of 1/100 s), or null elsewhere:
 * divided by the requests it tells what a request costs the server whatever else runs on the host.
 */
function cpuSeconds(pid: number | undefined): number | null {
  const path = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(path)) return null;
  const fields = readFileSync(path, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
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
  /** Server CPU per request, when the platform tells. */
  serverCpuUsPerRequest: number | null;
  errors: number;
  goalP95Ms: number;
  met: boolean;
}

async function hammer(
  url: string,
  target: string,
  paths: string[],
  opts: {
    connections: number;
    duration: number;
    goalP95Ms: number;
    pid: number | undefined;
    gzip: boolean;
  },
): Promise<Figures> {
  const times: number[] = [];
  const cpuBefore = cpuSeconds(opts.pid);
  const run = autocannon({
    url,
    connections: opts.connections,
    duration: opts.duration,
    timeout: 10,
    // Browsers always offer gzip; --no-gzip asks for bodies as they are.
    requests: paths.map((path) => ({
      method: "GET",
      path,
      headers: opts.gzip
        ? { "accept-encoding": "gzip, deflate, br" }
        : ({} as Record<string, string>),
    })),
  });
  run.on("response", (_client, _status, _bytes, ms) => {
    times.push(ms);
  });
  const r = await run;
  const cpuAfter = cpuSeconds(opts.pid);
  times.sort((a, b) => a - b);
  const errors = r.errors + r.timeouts + r.non2xx;
  const p95 = percentile(times, 95);
  return {
    target,
    urls: paths.length,
    requests: r.requests.total,
    requestsPerSecond: Math.round(r.requests.total / r.duration),
    p50Ms: round(percentile(times, 50)),
    p95Ms: round(p95),
    p99Ms: round(percentile(times, 99)),
    serverCpuUsPerRequest:
      cpuBefore === null || cpuAfter === null || r.requests.total === 0
        ? null
        : Math.round(((cpuAfter - cpuBefore) * 1e6) / r.requests.total),
    errors,
    goalP95Ms: opts.goalP95Ms,
    met: errors === 0 && p95 <= opts.goalP95Ms,
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      duration: { type: "string", default: "30" },
      connections: { type: "string", default: "64" },
      db: { type: "string" },
      "no-cache": { type: "boolean", default: false },
      "no-gzip": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      child: { type: "boolean", default: false },
    },
  });
  const cache = !values["no-cache"];
  if (values.child) {
    await child(values.db!, cache);
    return -1;
  }
  const temp = values.db ? null : mkdtempSync(join(tmpdir(), "cablegram-load-"));
  const db = values.db ?? join(temp!, "sample.db");
  const log = (s: string) => process.stderr.write(`${s}\n`);
  log(`starting the server on ${values.db ? db : "a fresh archive of data/sample/"}…`);
  const { proc, url } = await startChild(db, cache);
  try {
    const opts = {
      connections: Number(values.connections),
      duration: Number(values.duration),
      gzip: !values["no-gzip"],
    };
    const figures: Figures[] = [];
    const targets: [string, string[], number][] = [
      ["cable page", cablePaths(db), 10],
      ["search page", searchPaths(db), 100],
    ];
    for (const [target, paths, goalP95Ms] of targets) {
      log(
        `${target}: ${opts.connections} connections for ${opts.duration} s over ${paths.length} URLs at ${url}`,
      );
      figures.push(await hammer(url, target, paths, { ...opts, goalP95Ms, pid: proc.pid }));
    }
    if (values.json)
      process.stdout.write(`${JSON.stringify({ cache, ...opts, figures }, null, 2)}\n`);
    else {
      process.stdout.write(
        `cache ${cache ? "on" : "off"}, ${opts.gzip ? "gzip offered" : "no gzip"}, ${opts.connections} connections, ${opts.duration} s per target\n`,
      );
      for (const f of figures) {
        process.stdout.write(
          `${f.target.padEnd(12)} ${String(f.requestsPerSecond).padStart(7)} req/s  p50 ${f.p50Ms} ms  p95 ${f.p95Ms} ms (goal ≤ ${f.goalP95Ms})  p99 ${f.p99Ms} ms  server CPU ${f.serverCpuUsPerRequest ?? "?"} µs/req  errors ${f.errors}  ${f.met ? "OK" : "MISSED"}\n`,
        );
      }
    }
    return figures.every((f) => f.met) ? 0 : 1;
  } finally {
    proc.kill("SIGTERM");
    await new Promise((r) => proc.once("exit", r));
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
