/**
 * `npm run load -- --trace DIR`: the server's own view of the run, from what scripts/serve-trace.mjs
 * logged in each server process — how long connections waited to be accepted and their first
 * request to be read, how long requests spent between being read and finished (the server's
 * queue plus the search), and the statuses written. A load generator sees only its side: a
 * timeout does not say whether the request waited in the kernel, in the server or in the search.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export const TRACE_PRELOAD = new URL("./serve-trace.mjs", import.meta.url).href;

interface Traced {
  accepted: number;
  ended: number | null;
  requests: { read: number; finished: number | null; status: number | null }[];
}

function pct(sorted: number[], p: number): number | string {
  if (sorted.length === 0) return "-";
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** One line per server process that accepted connections. */
export function traceSummary(dir: string, opened: number): string[] {
  const lines: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const { connections } = JSON.parse(readFileSync(join(dir, file), "utf8")) as {
      connections: Traced[];
    };
    const accepted = connections.map((c) => c.accepted).sort((a, b) => a - b);
    const firstRead = connections
      .filter((c) => c.requests.length > 0)
      .map((c) => c.requests[0]!.read - c.accepted)
      .sort((a, b) => a - b);
    const requests = connections.flatMap((c) => c.requests);
    const inServer = requests
      .filter((r) => r.finished !== null)
      .map((r) => r.finished! - r.read)
      .sort((a, b) => a - b);
    const statuses = new Map<string, number>();
    for (const r of requests) {
      const k = r.finished === null ? "unfinished" : String(r.status);
      statuses.set(k, (statuses.get(k) ?? 0) + 1);
    }
    const spread =
      accepted.length >= opened
        ? ` (the first ${opened} within ${accepted[opened - 1]! - accepted[0]!} ms)`
        : "";
    lines.push(
      `server pid ${file.replace(".json", "")}: ${connections.length} connections accepted${spread}; first request read after accept p50 ${pct(firstRead, 50)} ms, max ${pct(firstRead, 100)} ms; read to finished p50 ${pct(inServer, 50)} ms, p95 ${pct(inServer, 95)} ms, max ${pct(inServer, 100)} ms; requests ${[...statuses].map(([k, n]) => `${k}: ${n}`).join(", ")}`,
    );
  }
  return lines;
}

// `tsx scripts/load-trace.ts DIR [CONNECTIONS]`: the summary of a trace taken by hand (a checkout
// without --trace, the preload given through NODE_OPTIONS).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of traceSummary(process.argv[2]!, Number(process.argv[3] ?? 64)))
    process.stdout.write(`${line}\n`);
}
