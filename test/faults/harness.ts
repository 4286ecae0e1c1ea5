/**
 * What the fault-injection tests share: the real CLI as a child process (compiled first when the
 * sources are newer), temporary folders, real cables from the bundled sample, and damage done to
 * real archive pages.
 */
import { spawn, spawnSync } from "node:child_process";
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll } from "vitest";

export const ROOT = new URL("../../", import.meta.url).pathname;
export const BIN = join(ROOT, "bin/cablegram");
export const MIRROR = join(ROOT, "data/sample/mirror");

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith(".ts") || e.name.endsWith(".sql")) {
      newest = Math.max(newest, statSync(p).mtimeMs);
    }
  }
  return newest;
}

/**
 * The CLI runs compiled code: compile when dist is missing or older than the sources. Compiled in
 * a child process without blocking this thread, whose test runner must keep answering meanwhile.
 */
export async function ensureBuilt(): Promise<void> {
  const main = join(ROOT, "dist/cli/main.js");
  if (existsSync(main) && statSync(main).mtimeMs >= newestSource(join(ROOT, "src"))) return;
  const tsc = spawn(
    process.execPath,
    [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
    { cwd: ROOT, stdio: "ignore" },
  );
  await new Promise((resolve) => tsc.on("close", resolve));
  if (!existsSync(main)) throw new Error("build failed: no dist/cli/main.js");
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function cablegram(args: string[], opts: { timeoutMs?: number } = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    timeout: opts.timeoutMs ?? 300_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The CLI without blocking this thread: a long run (a 50 MB record, a disk filling up) must not
 * stall the test runner's own messages. `prefix` runs it under `sh -c`, after that shell text
 * (`ulimit -f 100; exec`, `exec setpriv ...`). `bin`: the CLI of another copy of the checkout.
 */
export function cablegramAsync(
  args: string[],
  opts: { timeoutMs?: number; prefix?: string; bin?: string } = {},
): Promise<Run> {
  const bin = opts.bin ?? BIN;
  const command = opts.prefix
    ? spawn("sh", ["-c", `${opts.prefix} "$0" "$@"`, process.execPath, bin, ...args])
    : spawn(process.execPath, [bin, ...args]);
  let stdout = "";
  let stderr = "";
  command.stdout.setEncoding("utf8").on("data", (s: string) => {
    stdout += s;
  });
  command.stderr.setEncoding("utf8").on("data", (s: string) => {
    stderr += s;
  });
  const timer = setTimeout(() => command.kill("SIGKILL"), opts.timeoutMs ?? 300_000);
  return new Promise((resolve) => {
    command.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

const made: string[] = [];

export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `cg-fault-${name}-`));
  made.push(dir);
  return dir;
}

/** Removes the folders tempDir made (archives and inputs of up to 65 MB): call in afterAll. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The first `n` text-mirror cables of the bundled sample, in name order. */
export function sampleCables(n: number): string[] {
  return readdirSync(MIRROR)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .slice(0, n)
    .map((f) => join(MIRROR, f));
}

/**
 * Hooks for a test file whose ingests read sample cables: before its tests the CLI is compiled and
 * the first `n` sample cables are copied into a new folder (`name` in its name); after them every
 * tempDir goes. The returned `dir` is that folder once the hooks have run.
 */
export function sampleInput(name: string, n: number): { dir: string } {
  const input = { dir: "" };
  beforeAll(async () => {
    await ensureBuilt();
    input.dir = tempDir(name);
    copyInto(input.dir, sampleCables(n));
  }, 300_000);
  afterAll(removeTempDirs);
  return input;
}

/** Copies the files into `dir` (created), returning the copies' paths. */
export function copyInto(dir: string, files: readonly string[]): string[] {
  return files.map((f) => {
    const to = join(dir, f.slice(f.lastIndexOf("/") + 1));
    copyFileSync(f, to);
    return to;
  });
}

/** Errors a user must never see: SQLite's bare words without the archive, or a stack trace. */
export const RAW_FAILURE = /SqliteError|^\s+at .+:\d+:\d+\)?$/m;

/**
 * Overwrites leaf pages of `table` (every one, or one in the middle) with garbage, as a failing
 * disk or a stray write would. The archive is checkpointed first so the pages are in the file.
 */
export function damagePages(path: string, table: string, which: "all" | "one"): number[] {
  const db = new Database(path);
  db.pragma("wal_checkpoint(TRUNCATE)");
  const size = db.pragma("page_size", { simple: true }) as number;
  const pages = db
    .prepare<[string], number>(
      "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
    )
    .pluck()
    .all(table);
  db.close();
  if (pages.length === 0) throw new Error(`no leaf pages of ${table} in ${path}`);
  const hit = which === "all" ? pages : [pages[Math.floor(pages.length / 2)]!];
  const fd = openSync(path, "r+");
  try {
    for (const p of hit) writeSync(fd, Buffer.alloc(size, 0x5a), 0, size, (p - 1) * size);
  } finally {
    closeSync(fd);
  }
  return hit;
}
