/**
 * The real ingest, as the CLI runs it, in a child process whose memory and CPU the benchmark
 * watches through /proc (worker threads included).
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FinishStep } from "../../src/ingest/finish.js";

const root = new URL("../..", import.meta.url).pathname;

/** Peak RSS of a process so far (VmHWM), from /proc; 0 where /proc is absent. */
function highWater(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The real ingest, as the CLI runs it, in a child process whose memory we can watch. */
export async function ingestChild(
  csv: string,
  db: string,
  env: NodeJS.ProcessEnv = process.env,
  /** The checkout whose built CLI runs (scripts/bench-pg-ingest.ts compares two). */
  checkout = root,
) {
  const started = performance.now();
  // A database URL goes in the environment (CABLEGRAM_DB), where `ps` does not show its password.
  const args = /^postgres(ql)?:/.test(db) ? [] : ["--db", db];
  const childEnv = args.length ? env : { ...env, CABLEGRAM_DB: db };
  const child = spawn(process.execPath, [join(checkout, "bin/cablegram"), "ingest", csv, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
    env: childEnv,
  });
  let out = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  let sampled = 0;
  let cpu = 0;
  const watch = setInterval(() => {
    sampled = Math.max(sampled, highWater(child.pid!));
    cpu = Math.max(cpu, cpuSeconds(child.pid!));
  }, 250);
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
    child.on("exit", (c, s) => resolve([c, s])),
  );
  clearInterval(watch);
  if (code !== 0 && code !== 1) {
    throw new Error(
      `ingest ${code === null ? `killed by ${signal} (out of memory shows as SIGABRT with a V8 heap report above)` : `exited with code ${code}`}; its peak RSS was ${Math.round(sampled / 2 ** 20)} MB`,
    );
  }
  const report = JSON.parse(out) as {
    new: number;
    rejected: number;
    peakRssBytes: number;
    finishing?: FinishStep[];
  };
  return {
    seconds: (performance.now() - started) / 1000,
    // Last sample before exit (up to 250 ms short): unlike wall time, not inflated by other load.
    cpuSeconds: cpu,
    peakRssBytes: Math.max(sampled, report.peakRssBytes),
    report,
  };
}

/** User + system CPU seconds of a process so far, all its threads (/proc/PID/stat); 0 without /proc. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14 and 15 of stat(5) (utime, stime), counted after the command name.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
