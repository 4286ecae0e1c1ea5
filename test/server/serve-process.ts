/**
 * `cablegram serve` as a real process (the compiled CLI), in a process group of its own so a test
 * can signal it the way a terminal's Ctrl-C does; plain HTTP requests on fresh connections, so
 * the cluster's round robin hands consecutive requests to different workers.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { request } from "node:http";
import { BIN, ensureBuilt } from "../faults/harness.js";

export interface ServeProcess {
  proc: ChildProcess;
  url: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) once the primary has exited. */
  exited: Promise<number | string>;
}

export function startServe(args: string[], timeoutMs = 90_000): Promise<ServeProcess> {
  ensureBuilt();
  const proc = spawn(process.execPath, [BIN, "serve", "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  let err = "";
  proc.stdout!.on("data", (c: Buffer) => {
    out += c.toString();
  });
  proc.stderr!.on("data", (c: Buffer) => {
    err += c.toString();
  });
  const exited = new Promise<number | string>((resolve) =>
    proc.once("exit", (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill("SIGKILL");
      reject(new Error(`serve did not start in time\n${out}\n${err}`));
    }, timeoutMs);
    const check = () => {
      const m = /^Cablegram serving .* at (http:\/\/\S+)/m.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({ proc, url: m[1]!, stdout: () => out, stderr: () => err, exited });
    };
    proc.stdout!.on("data", check);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before listening\n${out}\n${err}`));
    });
  });
}

/** One GET on a connection of its own (no keep-alive). */
export function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        body += c;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.split(") ")[1]!.split(" ")[1]);
  } catch {
    return null;
  }
}

/** The live child processes of `pid` (Linux /proc). */
export function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .filter((p) => parentOf(p) === pid);
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether a process holds `file` open read-only at the OS level (O_ACCMODE of its descriptor). */
export function opensReadOnly(pid: number, file: string): boolean | null {
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    let target: string;
    try {
      target = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue;
    }
    if (target !== file) continue;
    const flags = /^flags:\s+([0-7]+)/m.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, "utf8"));
    return flags ? (Number.parseInt(flags[1]!, 8) & 3) === 0 : null;
  }
  return null;
}

export async function waitFor(test: () => boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}
