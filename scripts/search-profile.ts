/**
 * Where uncached searches spend their time (issue 13): sends the URLs `load.ts --targets
 * distinct` sends (distinctSearchPaths, same count, same order) through the web app in this
 * process, response cache off, one after the other, and prints the time of each URL family (the
 * query's shape, and the frequency band of its first word) and the slowest URLs. Serving in
 * process times the app alone: no sockets, no queueing behind other requests.
 *
 *   tsx scripts/search-profile.ts --db PATH [--count 600] [--distinct-count 40000] [--slowest 25]
 *     [--json]
 *
 * The archive is opened read-only, as `serve --workers N` opens it; the start-up work a server
 * does before it listens (warmUp) is timed and reported apart, so the families show steady-state
 * costs. `--count` takes the first URLs of the distinct list: at full scale a 30 s load run sends
 * a few hundred to a few thousand of them.
 */
import { parseArgs } from "node:util";
import { sqliteArchive } from "../src/archive/archive.js";
import { warmUp } from "../src/search/index.js";
import { createApp } from "../src/server/app.js";
import { openArchive } from "../src/store/db.js";
import { distinctSearchPaths } from "./load-queries.js";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    count: { type: "string", default: "600" },
    "distinct-count": { type: "string", default: "40000" },
    slowest: { type: "string", default: "25" },
    json: { type: "boolean", default: false },
  },
});
if (!values.db) throw new Error("--db PATH is required");

/** The shape of a distinct URL, read back from its parameters (see forms() in load-queries.ts). */
function family(params: URLSearchParams): string {
  const q = params.get("q") ?? "";
  if (params.get("sort")) return `sort ${params.get("sort")}`;
  if (params.get("tag")) return "filter tag=";
  if (params.get("origin")) return "filter origin=";
  if (params.get("classification")) return "filter classification=";
  if (params.get("from")) return "filter from/to (year)";
  if (q.startsWith("NEAR(")) return "NEAR(a b, 20)";
  if (q.includes(" OR ")) return "a OR b";
  if (/ -/.test(q)) return "a -b";
  if (q.endsWith("*")) return "prefix*";
  const field = /^(\w+):|\s(\w+):/.exec(q);
  if (field) return `field ${field[1] ?? field[2]}:`;
  if (q.includes(" ")) return "a b";
  return "word";
}

/** Frequency band of the query's first word (cables it is in), from the FTS5 vocabulary. */
function bandOf(docs: number | undefined): string {
  if (docs === undefined) return "?";
  if (docs < 1_000) return "<1k";
  if (docs < 10_000) return "1k-10k";
  if (docs < 50_000) return "10k-50k";
  return "≥50k";
}

const db = openArchive(values.db, { readonly: true });
const t0 = performance.now();
const paths = distinctSearchPaths(db, Number(values["distinct-count"])).slice(
  0,
  Number(values.count),
);
const pathsMs = performance.now() - t0;
const docsOf = db
  .prepare<[string], number>("SELECT doc FROM temp.load_vocab WHERE term = ?")
  .pluck();

const w0 = performance.now();
warmUp(db);
const warmMs = performance.now() - w0;
const { app } = createApp({ archive: sqliteArchive(db, values.db), cache: false });

interface Row {
  path: string;
  family: string;
  band: string;
  ms: number;
  status: number;
}
const rows: Row[] = [];
for (const path of paths) {
  const params = new URL(path, "http://x").searchParams;
  const word = /[a-z]+/.exec(params.get("q")?.replace(/^(NEAR|\w+:)/, "") ?? "")?.[0] ?? "";
  const start = performance.now();
  const res = await app.request(path);
  await res.arrayBuffer();
  rows.push({
    path,
    family: family(params),
    band: bandOf(docsOf.get(word)),
    ms: performance.now() - start,
    status: res.status,
  });
}
db.close();

interface Group {
  name: string;
  n: number;
  totalMs: number;
  p50: number;
  p95: number;
  max: number;
}
function groups(key: (r: Row) => string): Group[] {
  const by = new Map<string, number[]>();
  for (const r of rows) by.set(key(r), [...(by.get(key(r)) ?? []), r.ms]);
  return [...by]
    .map(([name, ms]) => {
      const s = ms.sort((a, b) => a - b);
      const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
      return {
        name,
        n: s.length,
        totalMs: Math.round(s.reduce((a, b) => a + b, 0)),
        p50: Math.round(at(0.5)),
        p95: Math.round(at(0.95)),
        max: Math.round(s[s.length - 1]!),
      };
    })
    .sort((a, b) => b.totalMs - a.totalMs);
}

const total = rows.reduce((a, r) => a + r.ms, 0);
const report = {
  db: values.db,
  urls: rows.length,
  pathsMs: Math.round(pathsMs),
  warmUpMs: Math.round(warmMs),
  totalMs: Math.round(total),
  meanMs: Math.round(total / rows.length),
  non2xx: rows.filter((r) => r.status >= 300).length,
  byFamily: groups((r) => r.family),
  byBand: groups((r) => r.band),
  byFamilyAndBand: groups((r) => `${r.family} | ${r.band}`),
  slowest: [...rows]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, Number(values.slowest))
    .map((r) => ({ ms: Math.round(r.ms), family: r.family, band: r.band, path: r.path })),
};

if (values.json) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  const line = (g: Group) =>
    `  ${g.name.padEnd(34)} n ${String(g.n).padStart(4)}  total ${String(g.totalMs).padStart(7)} ms  p50 ${String(g.p50).padStart(5)}  p95 ${String(g.p95).padStart(6)}  max ${String(g.max).padStart(6)}\n`;
  process.stdout.write(
    `${report.urls} URLs from ${report.db}: ${report.totalMs} ms in all, mean ${report.meanMs} ms, ${report.non2xx} not 2xx; warm-up ${report.warmUpMs} ms, URL list ${report.pathsMs} ms\nby family:\n`,
  );
  for (const g of report.byFamily) process.stdout.write(line(g));
  process.stdout.write("by frequency band of the first word:\n");
  for (const g of report.byBand) process.stdout.write(line(g));
  process.stdout.write("by family and band (costliest first):\n");
  for (const g of report.byFamilyAndBand.slice(0, 20)) process.stdout.write(line(g));
  process.stdout.write("slowest URLs:\n");
  for (const s of report.slowest) {
    process.stdout.write(`  ${String(s.ms).padStart(6)} ms  ${s.family} | ${s.band}  ${s.path}\n`);
  }
}
