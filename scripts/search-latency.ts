/**
 * Search latency on an archive (e.g. one built by scripts/synthetic-archive.ts):
 *
 *   tsx scripts/search-latency.ts --db /tmp/synth.db [--runs 5] [--json]
 *
 * Runs a fixed mix of queries (words, phrases, fields, NEAR, negation, with facets and histogram),
 * id lookups and deep keyset pages through `search()`, after one warm-up pass, and prints p50/p95
 * per group and per query. Also measures the serial-date estimate (estimateAccuracy).
 */
import { parseArgs } from "node:util";
import { estimateAccuracy } from "../src/graph/estimate.js";
import { encodeCursor } from "../src/search/cursor.js";
import { search } from "../src/search/index.js";
import { openArchive } from "../src/store/db.js";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    runs: { type: "string", default: "5" },
    json: { type: "boolean" },
  },
});
if (!values.db) {
  process.stderr.write("usage: tsx scripts/search-latency.ts --db PATH [--runs N] [--json]\n");
  process.exit(2);
}
const db = openArchive(values.db);
const runs = Number(values.runs);

const FACETED = [
  "nuclear",
  "iran nuclear",
  "oil",
  '"human rights"',
  "election fraud",
  "corruption president",
  "terrorism",
  "qadhafi",
  "berber*",
  "military assistance",
  "NEAR(oil price, 5)",
  "nuclear -iran",
  "libya OR tunisia",
  "subject:iran",
  "(iraq OR iran) classification:secret",
  "reason:1.4(d) oil",
  "iran tag:PREL",
  "tag:PGOV",
  "tag:KNNP year:2009",
  "origin:paris",
  "classification:S//NF",
  "caveat:NOFORN",
  "created:2008-01..2008-06",
  "has:protect",
  "marking:S/NF",
  "station:tripoli has:refs",
  "cites:09TRIPOLI208",
  "government",
];

interface Case {
  group: string;
  label: string;
  run: () => unknown;
}

function deepCursor(): string | null {
  // The 5,000th newest cable: a keyset page there must cost what the first page costs.
  const row = db
    .prepare<[], { created: string; id: number }>(
      `SELECT created, id FROM cables WHERE created IS NOT NULL
        ORDER BY created DESC, id ASC LIMIT 1 OFFSET 5000`,
    )
    .get();
  return row ? encodeCursor("-created", { key: -Date.parse(row.created), id: row.id }) : null;
}

const ids = db
  .prepare<[], { reference_id: string }>(
    "SELECT reference_id FROM cables WHERE id % 997 = 0 LIMIT 40",
  )
  .all()
  .map((r) => r.reference_id);
const cursor = deepCursor();

const cases: Case[] = [
  ...FACETED.map((q) => ({
    group: "search+facets",
    label: q,
    run: () => search(db, q, { facets: true }),
  })),
  ...FACETED.slice(0, 8).map((q) => ({
    group: "search",
    label: q,
    run: () => search(db, q),
  })),
  ...ids.map((id) => ({ group: "id lookup", label: id, run: () => search(db, id) })),
  {
    group: "deep page",
    label: "tag:PGOV page after 5,000",
    run: () => search(db, "tag:PGOV", { sort: "-created", cursor }),
  },
  {
    group: "deep page",
    label: "all, page after 5,000",
    run: () => search(db, "", { sort: "-created", cursor }),
  },
  { group: "deep page", label: "all, first page", run: () => search(db, "", { sort: "-created" }) },
  {
    group: "browse all+facets",
    label: "(empty query)",
    run: () => search(db, "", { facets: true }),
  },
];

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

for (const c of cases) c.run(); // warm-up: page cache, prepared statements
// Wall time, and CPU time of this process: on a machine shared with other work, CPU time is the
// closer estimate of what a query costs on an idle core.
const times = new Map<Case, number[]>();
const cpuTimes = new Map<Case, number[]>();
for (let r = 0; r < runs; r++) {
  for (const c of cases) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    c.run();
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    times.set(c, [...(times.get(c) ?? []), ms]);
    cpuTimes.set(c, [...(cpuTimes.get(c) ?? []), (used.user + used.system) / 1000]);
  }
}

const groups = new Map<string, number[]>();
const cpuGroups = new Map<string, number[]>();
for (const [c, ts] of times) groups.set(c.group, [...(groups.get(c.group) ?? []), ...ts]);
for (const [c, ts] of cpuTimes) cpuGroups.set(c.group, [...(cpuGroups.get(c.group) ?? []), ...ts]);
const cables = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM cables").get()?.n ?? 0;
const t0 = performance.now();
const accuracy = estimateAccuracy(db);
const accuracyMs = performance.now() - t0;

const report = {
  cables,
  groups: Object.fromEntries(
    [...groups].map(([g, ts]) => {
      const cpu = cpuGroups.get(g) ?? [];
      return [
        g,
        {
          n: ts.length,
          p50Ms: quantile(ts, 0.5),
          p95Ms: quantile(ts, 0.95),
          cpuP50Ms: quantile(cpu, 0.5),
          cpuP95Ms: quantile(cpu, 0.95),
        },
      ];
    }),
  ),
  slowest: [...times]
    .map(([c, ts]) => ({
      group: c.group,
      query: c.label,
      p50Ms: quantile(ts, 0.5),
      cpuP50Ms: quantile(cpuTimes.get(c) ?? [], 0.5),
    }))
    .sort((a, b) => b.p50Ms - a.p50Ms)
    .slice(0, 10),
  estimate: { ...accuracy, ms: accuracyMs },
};
if (values.json) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  process.stdout.write(`${report.cables} cables\n`);
  for (const [g, s] of Object.entries(report.groups)) {
    process.stdout.write(
      `${g.padEnd(20)} n=${String(s.n).padStart(4)}  wall p50 ${s.p50Ms.toFixed(1)} p95 ${s.p95Ms.toFixed(1)} ms  cpu p50 ${s.cpuP50Ms.toFixed(1)} p95 ${s.cpuP95Ms.toFixed(1)} ms\n`,
    );
  }
  process.stdout.write("slowest (p50):\n");
  for (const s of report.slowest) {
    process.stdout.write(
      `  wall ${s.p50Ms.toFixed(1).padStart(7)} ms  cpu ${s.cpuP50Ms.toFixed(1).padStart(7)} ms  ${s.group}: ${s.query}\n`,
    );
  }
  const e = report.estimate;
  process.stdout.write(
    `date estimate: ${e.count} held back, median ${e.medianDays} d, p90 ${e.p90Days} d, mean ${e.meanDays} d (${e.unestimated} without neighbours; ${e.ms.toFixed(0)} ms)\n`,
  );
}
db.close();
