/**
 * Where uncached searches spend their time (issue 13): sends the URLs `load.ts --targets
 * distinct` sends (distinctSearchPaths, same count, same order) through the web app in this
 * process, response cache off, one after the other, and prints the time of each URL family (the
 * query's shape, and the frequency band of its first word) and the slowest URLs. Serving in
 * process times the app alone: no sockets, no queueing behind other requests.
 *
 *   tsx scripts/search-profile.ts --db PATH [--count 600] [--distinct-count 40000] [--slowest 25]
 *     [--baseline CHECKOUT] [--json]
 *
 * The archive is opened read-only, as `serve --workers N` opens it; the start-up work a server
 * does before it listens (warmUp) is timed and reported apart, so the families show steady-state
 * costs. `--count` takes the first URLs of the distinct list: at full scale a 30 s load run sends
 * a few hundred to a few thousand of them.
 *
 * `--baseline CHECKOUT` (another checkout of the project, e.g. a `git worktree` of main, built
 * with `npm run build`: its dist/ is loaded) serves the same URLs through that checkout's app as well, over its own connection, in the same
 * process, alternating which side goes first from one URL to the next: old and new measured
 * interleaved under the same machine load, each family printed with both times.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
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
    baseline: { type: "string" },
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

interface Side {
  name: string;
  warmUpMs: number;
  request(path: string): Promise<Response>;
  close(): void;
}

/** The app of the checkout at `root` (this one by default) over its own read-only connection. */
async function side(name: string, root: string | null): Promise<Side> {
  const load = async <T>(rel: string): Promise<T> =>
    root ? ((await import(pathToFileURL(resolve(root, rel)).href)) as T) : (null as T);
  const mods = root
    ? {
        openArchive: (await load<typeof import("../src/store/db.js")>("dist/store/db.js"))
          .openArchive,
        warmUp: (await load<typeof import("../src/search/index.js")>("dist/search/index.js"))
          .warmUp,
        createApp: (await load<typeof import("../src/server/app.js")>("dist/server/app.js"))
          .createApp,
        sqliteArchive: (
          await load<typeof import("../src/archive/archive.js")>("dist/archive/archive.js")
        ).sqliteArchive,
      }
    : { openArchive, warmUp, createApp, sqliteArchive };
  const conn = mods.openArchive(values.db!, { readonly: true });
  const t = performance.now();
  mods.warmUp(conn);
  const warmUpMs = Math.round(performance.now() - t);
  const { app } = mods.createApp({ archive: mods.sqliteArchive(conn, values.db!), cache: false });
  return {
    name,
    warmUpMs,
    request: async (path) => app.request(path),
    close: () => conn.close(),
  };
}

const sides = [await side("this checkout", null)];
if (values.baseline) sides.push(await side(`baseline ${values.baseline}`, values.baseline));

interface Row {
  path: string;
  family: string;
  band: string;
  ms: number;
  status: number;
}
const rowsBySide: Row[][] = sides.map(() => []);
for (const [n, path] of paths.entries()) {
  const params = new URL(path, "http://x").searchParams;
  const word = /[a-z]+/.exec(params.get("q")?.replace(/^(NEAR|\w+:)/, "") ?? "")?.[0] ?? "";
  const band = bandOf(docsOf.get(word));
  // Alternating which side goes first spreads any warming of the page cache over both.
  const order = n % 2 === 0 ? sides.map((_, i) => i) : sides.map((_, i) => sides.length - 1 - i);
  for (const i of order) {
    const start = performance.now();
    const res = await sides[i]!.request(path);
    await res.arrayBuffer();
    rowsBySide[i]!.push({
      path,
      family: family(params),
      band,
      ms: performance.now() - start,
      status: res.status,
    });
  }
}
for (const s of sides) s.close();
db.close();

interface Group {
  name: string;
  n: number;
  totalMs: number;
  p50: number;
  p95: number;
  max: number;
}
function groups(rows: Row[], key: (r: Row) => string): Group[] {
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

function reportOf(s: Side, rows: Row[]) {
  const total = rows.reduce((a, r) => a + r.ms, 0);
  return {
    side: s.name,
    urls: rows.length,
    warmUpMs: s.warmUpMs,
    totalMs: Math.round(total),
    meanMs: Math.round(total / Math.max(1, rows.length)),
    non2xx: rows.filter((r) => r.status >= 300).length,
    byFamily: groups(rows, (r) => r.family),
    byBand: groups(rows, (r) => r.band),
    byFamilyAndBand: groups(rows, (r) => `${r.family} | ${r.band}`),
    slowest: [...rows]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, Number(values.slowest))
      .map((r) => ({ ms: Math.round(r.ms), family: r.family, band: r.band, path: r.path })),
  };
}
const reports = sides.map((s, i) => reportOf(s, rowsBySide[i]!));

if (values.json) {
  process.stdout.write(
    `${JSON.stringify({ db: values.db, pathsMs: Math.round(pathsMs), sides: reports }, null, 2)}\n`,
  );
} else {
  const line = (g: Group) =>
    `  ${g.name.padEnd(34)} n ${String(g.n).padStart(4)}  total ${String(g.totalMs).padStart(7)} ms  p50 ${String(g.p50).padStart(5)}  p95 ${String(g.p95).padStart(6)}  max ${String(g.max).padStart(6)}\n`;
  process.stdout.write(`URL list from ${values.db} in ${Math.round(pathsMs)} ms\n`);
  for (const report of reports) {
    process.stdout.write(
      `== ${report.side}: ${report.urls} URLs, ${report.totalMs} ms in all, mean ${report.meanMs} ms, ${report.non2xx} not 2xx; warm-up before serving ${report.warmUpMs} ms\nby family:\n`,
    );
    for (const g of report.byFamily) process.stdout.write(line(g));
    process.stdout.write("by frequency band of the first word:\n");
    for (const g of report.byBand) process.stdout.write(line(g));
    process.stdout.write("by family and band (costliest first):\n");
    for (const g of report.byFamilyAndBand.slice(0, 20)) process.stdout.write(line(g));
    process.stdout.write("slowest URLs:\n");
    for (const s of report.slowest) {
      process.stdout.write(
        `  ${String(s.ms).padStart(6)} ms  ${s.family} | ${s.band}  ${s.path}\n`,
      );
    }
  }
}
