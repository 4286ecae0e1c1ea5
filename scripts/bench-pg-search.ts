/**
 * Search-with-facets latency on an existing archive on PostgreSQL (a script, not a test):
 *
 *   npx tsx scripts/bench-pg-search.ts --url postgres://… [--runs 10] [--compare DIR]
 *     [--compare-url postgres://…] [--json]
 *
 * Runs the benchmark's 30 queries (scripts/bench/queries.ts, as `npm run bench` times them: facets
 * and histogram on, first page) through this checkout's searchParsedPostgres, after one warm-up
 * round, and prints p50/p95/max overall and p50 / p95 of each query. `--compare DIR` loads
 * src/search/postgres/search.ts of another checkout (e.g. /work/main) as the baseline and runs
 * both on the same pool, interleaved query by query, so the machine's load falls on both alike;
 * it also checks that both give the same totals and facets. `--compare-url` runs the baseline
 * on another database (e.g. a copy of the archive without a migration the new code relies on:
 * `CREATE DATABASE b TEMPLATE a`), still interleaved. The load average is printed beside
 * the figures. The archive is opened read-only: no migration is applied by this script, unless
 * `--migrate` asks it to apply this checkout's migrations the archive lacks (e.g. 006, the rows
 * this code's facets read), then VACUUM (ANALYZE) it, before anything is timed; the baseline's
 * code reads none of what they add, so both still run on the same archive.
 *
 * `--cpu` (server on this machine, /proc readable) gives each implementation its own connection
 * and also reports the CPU time its server process spent on each search (/proc/PID/schedstat,
 * nanoseconds): on a shared, loaded machine wall times swing with the load, the server's own CPU
 * time much less, and it is what an index or a plan change saves.
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseQuery } from "../src/search/parser.js";
import { searchParsedPostgres } from "../src/search/postgres/search.js";
import type { SearchResult } from "../src/search/types.js";
import { openPostgres, redactUrl } from "../src/store/postgres/connect.js";
import { FIELDED_QUERIES, percentile, TEXT_QUERIES } from "./bench/queries.js";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: process.env.CABLEGRAM_DB },
    runs: { type: "string", default: "10" },
    compare: { type: "string" },
    "compare-url": { type: "string" },
    query: { type: "string", multiple: true },
    json: { type: "boolean" },
    migrate: { type: "boolean" },
    cpu: { type: "boolean" },
  },
});
if (!values.url) {
  process.stderr.write(
    "usage: npx tsx scripts/bench-pg-search.ts --url postgres://… [--runs N] [--compare DIR] [--query Q]… [--json]\n",
  );
  process.exit(2);
}
const runs = Math.max(1, Number(values.runs));
const queries = values.query?.length ? values.query : [...TEXT_QUERIES, ...FIELDED_QUERIES];

type Search = typeof searchParsedPostgres;
if (values.migrate) {
  const t = performance.now();
  const rw = await openPostgres(values.url, { max: 1 });
  try {
    // Fresh statistics and visibility maps for what the migrations wrote (index-only scans).
    await rw.sql.unsafe("VACUUM (ANALYZE)");
  } finally {
    await rw.close();
  }
  process.stderr.write(
    `bench-pg-search: migrations applied and VACUUM (ANALYZE) in ${((performance.now() - t) / 1000).toFixed(1)} s\n`,
  );
}
// One connection each under --cpu: the server process whose CPU time is read is the one searching.
const max = values.cpu ? 1 : 2;
const pg = await openPostgres(values.url, { readonly: true, max });
const basePg =
  values["compare-url"] || (values.cpu && values.compare)
    ? await openPostgres(values["compare-url"] ?? values.url, { readonly: true, max })
    : pg;
const impls: { name: string; search: Search; sql: typeof pg.sql; pid?: number }[] = [];
if (values.compare) {
  const path = join(resolve(values.compare), "src/search/postgres/search.ts");
  const mod = (await import(path)) as { searchParsedPostgres: Search };
  const where = values["compare-url"] ? ` on ${redactUrl(values["compare-url"])}` : "";
  impls.push({
    name: `baseline (${values.compare}${where})`,
    search: mod.searchParsedPostgres,
    sql: basePg.sql,
  });
}
impls.push({ name: "this checkout", search: searchParsedPostgres, sql: pg.sql });
/** CPU nanoseconds the server process `pid` has run (first field of /proc/PID/schedstat). */
function serverCpu(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]);
}
if (values.cpu) {
  for (const impl of impls) {
    const [row] = await impl.sql<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
    impl.pid = row!.pid;
    serverCpu(impl.pid); // fails here, before any timing, when the server is not local
  }
}
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

function digest(r: SearchResult): string {
  const f = r.facets;
  return JSON.stringify([
    r.total,
    f && [f.tag, f.origin, f.classification, f.caveat, f.person, f.org, f.place],
    r.histogram,
  ]);
}

try {
  const loadBefore = load();
  const nodes = queries.map((q) => parseQuery(q));
  const times = impls.map(() => queries.map(() => [] as number[]));
  const cpu = impls.map(() => queries.map(() => [] as number[]));
  const mismatches: string[] = [];
  for (const [qi, node] of nodes.entries()) {
    const answers: string[] = [];
    for (const impl of impls)
      answers.push(digest(await impl.search(impl.sql, node, { facets: true })));
    if (answers.some((a) => a !== answers[0])) mismatches.push(queries[qi]!);
  }
  for (let r = 0; r < runs; r++) {
    for (const [qi, node] of nodes.entries()) {
      // Alternate which implementation goes first, so neither always finds the other's cache.
      const order =
        r % 2 === 0 ? impls.map((_, i) => i) : impls.map((_, i) => impls.length - 1 - i);
      for (const i of order) {
        const impl = impls[i]!;
        const c = impl.pid ? serverCpu(impl.pid) : 0;
        const t = performance.now();
        await impl.search(impl.sql, node, { facets: true });
        times[i]![qi]!.push(performance.now() - t);
        if (impl.pid) cpu[i]![qi]!.push((serverCpu(impl.pid) - c) / 1e6);
      }
    }
  }
  const round = (x: number) => Math.round(x * 10) / 10;
  const result = {
    archive: redactUrl(values.url),
    queries: queries.length,
    runs,
    loadBefore,
    loadAfter: load(),
    mismatches,
    impls: impls.map((impl, i) => {
      const all = times[i]!.flat();
      const allCpu = cpu[i]!.flat();
      return {
        name: impl.name,
        p50: round(percentile(all, 50)),
        p95: round(percentile(all, 95)),
        max: round(Math.max(...all)),
        ...(impl.pid
          ? { cpuP50: round(percentile(allCpu, 50)), cpuP95: round(percentile(allCpu, 95)) }
          : {}),
        perQuery: Object.fromEntries(
          queries.map((q, qi) => [
            q,
            {
              p50: round(percentile(times[i]![qi]!, 50)),
              p95: round(percentile(times[i]![qi]!, 95)),
              ...(impl.pid ? { cpuP50: round(percentile(cpu[i]![qi]!, 50)) } : {}),
            },
          ]),
        ),
      };
    }),
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const out = [
      `${result.archive}: ${queries.length} queries with facets × ${runs} runs (after a warm-up); load average ${result.loadBefore} before, ${result.loadAfter} after`,
      ...result.impls.map(
        (r) =>
          `${r.name}: p50 ${r.p50} ms, p95 ${r.p95} ms, max ${r.max} ms${values.cpu ? `; server CPU p50 ${r.cpuP50} ms, p95 ${r.cpuP95} ms` : ""}`,
      ),
      `p50 / p95 per query (ms)${values.cpu ? " [server CPU p50]" : ""}, ${result.impls.map((r) => r.name).join(" | ")}:`,
      ...queries.map(
        (q) =>
          `  ${q.padEnd(32)} ${result.impls
            .map((r) => {
              const x = r.perQuery[q]!;
              return `${x.p50} / ${x.p95}${values.cpu ? ` [${x.cpuP50}]` : ""}`.padStart(26);
            })
            .join("")}`,
      ),
      mismatches.length
        ? `totals/facets differ between the implementations on: ${mismatches.join(" | ")}`
        : impls.length > 1
          ? "totals, facets and histograms equal between the implementations"
          : "",
    ];
    process.stdout.write(`${out.join("\n")}\n`);
  }
} finally {
  await pg.close();
  if (basePg !== pg) await basePg.close();
}
