/**
 * Entity pages and entity facets at full scale, beside plain search in the same run (a script,
 * not a test):
 *
 *   npm run bench:entity-pages -- --db ARCHIVE [--runs 30] [--json]
 *
 * ARCHIVE must be resolved (an ingest, or `npm run bench:finish` on it); it is opened in place
 * and only read. Each request goes through the server's app (response cache off), one warm-up
 * each, then `runs` timed requests:
 *   - person pages (`/entities/ID`, HTML): the most cited persons (the worst case: the most
 *     mentions, co-mentions and cables) and random persons named in two cables or more, cycling
 *     through `runs` of each;
 *   - the most cited organisation's and place's pages (the largest entities of the archive),
 *     and the second page of their cables (`?after=` the first page's `next` cursor);
 *   - a broad and a narrow search (the TAG nearest 10 % and 0.5 % of the archive): the entity
 *     facets alone (person, org, place over every hit), the search API with all facets, and
 *     plain search (no facets) through the search layer.
 * Prints p50 and p95 (targets: person page and entity facets ≤ 100 ms at p95), and the one-time
 * cost of a connection's entity facet columns (what a fresh process's first faceted search pays:
 * read from the stored per-cable lists on a summarised archive, built from every mention on one
 * never summarised).
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { entityFacets } from "../src/search/entity-facets.js";
import { search } from "../src/search/index.js";
import { createApp } from "../src/server/app.js";
import { openArchive } from "../src/store/db.js";
import { mulberry32 } from "../test/support/mulberry32.js";
import { percentile } from "./bench/queries.js";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    runs: { type: "string", default: "30" },
    json: { type: "boolean" },
  },
});
if (!values.db || !existsSync(values.db)) {
  process.stderr.write(
    "usage: tsx scripts/bench-entity-pages.ts --db ARCHIVE [--runs N] [--json]\n",
  );
  process.exit(2);
}
const RUNS = Math.max(1, Number(values.runs));
const log = (s: string) => {
  if (!values.json) process.stdout.write(`${s}\n`);
};

const db = openArchive(values.db);
const { app } = createApp({ db, cache: false, onError: (e) => console.error(e) });
const total = db.prepare<[], number>("SELECT count(*) FROM cables").pluck().get()!;
const ids = (sql: string) => db.prepare<[], string>(sql).pluck().all();
const rowids = (sql: string, ...params: unknown[]) =>
  Int32Array.from(
    db
      .prepare<unknown[], number>(sql)
      .pluck()
      .all(...params),
  );

interface Row {
  what: string;
  p50: number;
  p95: number;
  runs: number;
  status?: number;
}
const rows: Row[] = [];
function report(what: string, times: number[], status?: number): void {
  const row = {
    what,
    p50: Math.round(percentile(times, 50) * 10) / 10,
    p95: Math.round(percentile(times, 95) * 10) / 10,
    runs: times.length,
    ...(status === undefined || status === 200 ? {} : { status }),
  };
  rows.push(row);
  log(
    `  ${what.padEnd(58)} p50 ${String(row.p50).padStart(7)} ms   p95 ${String(row.p95).padStart(7)} ms${row.status ? `  (HTTP ${row.status})` : ""}`,
  );
}

async function request(url: string): Promise<{ ms: number; status: number }> {
  const t = performance.now();
  const res = await app.request(url);
  await res.arrayBuffer();
  return { ms: performance.now() - t, status: res.status };
}

/** `runs` timed requests cycling through `urls`, each warmed up once first. */
async function pages(what: string, urls: string[]): Promise<void> {
  let status = 200;
  for (const u of urls) status = Math.max(status, (await request(u)).status);
  const times: number[] = [];
  for (let i = 0; i < Math.max(RUNS, urls.length); i++) {
    times.push((await request(urls[i % urls.length]!)).ms);
  }
  report(what, times, status);
}

function timed(run: () => unknown): number[] {
  run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  return times;
}

const entities = db.prepare<[], number>("SELECT count(*) FROM entities").pluck().get()!;
log(`${total} cables, ${entities} entities; ${RUNS} runs each`);

// One-time: the connection's entity facet columns (built on the first search with facets).
const everything = rowids("SELECT id FROM cables ORDER BY id");
const t0 = performance.now();
entityFacets(db, everything, 20);
const columnsMs = performance.now() - t0;
log(`entity facet columns built in ${columnsMs.toFixed(0)} ms (once per connection)`);

log("\nentity pages");
const topPersons = ids(
  "SELECT id FROM entities WHERE type = 'person' ORDER BY cables DESC LIMIT 30",
);
await pages(
  `person pages, the 30 most cited (top: ${topPersons[0]})`,
  topPersons.map((id) => `/entities/${id}`),
);
const pick = mulberry32(7);
const many = ids("SELECT id FROM entities WHERE type = 'person' AND cables >= 2 ORDER BY id");
const randomPersons = Array.from({ length: 30 }, () => many[Math.floor(pick() * many.length)]!);
await pages(
  "person pages, 30 random (2 cables or more)",
  randomPersons.map((id) => `/entities/${id}`),
);
for (const type of ["org", "place"]) {
  const [top] = ids(`SELECT id FROM entities WHERE type = '${type}' ORDER BY cables DESC LIMIT 1`);
  if (!top) continue;
  await pages(`${type} page, the most cited (${top})`, [`/entities/${top}`]);
  // The page after the first 200 cables, through the `next` cursor (keyset paging).
  const first = (await (await app.request(`/api/entities/${top}`)).json()) as { next?: string };
  if (first.next) {
    await pages(`${type} page, the most cited, its cables' second page`, [
      `/entities/${top}?after=${encodeURIComponent(first.next)}`,
    ]);
  }
}

const tags = db
  .prepare<[], { tag: string; n: number }>("SELECT tag, count(*) AS n FROM tags GROUP BY tag")
  .all();
const nearest = (share: number) =>
  [...tags].sort((a, b) => Math.abs(a.n - total * share) - Math.abs(b.n - total * share))[0]!;
for (const [kind, t] of [
  ["broad", nearest(0.1)],
  ["narrow", nearest(0.005)],
] as const) {
  const q = `tag:"${t.tag}"`;
  log(`\n${kind} search: ${q}, ${t.n} cables (${((t.n / total) * 100).toFixed(1)} %)`);
  // The hits of `tag:X`, as the search matches them: the cables with that TAG, in rowid order.
  const hits = rowids("SELECT cable_id FROM tags WHERE tag = ? ORDER BY cable_id", t.tag);
  report(
    "entity facets alone (person, org, place)",
    timed(() => entityFacets(db, hits, 20)),
  );
  await pages("search API, page 1 with every facet", [`/api/search?q=${encodeURIComponent(q)}`]);
  report(
    "plain search (search layer, no facets)",
    timed(() => search(db, q, { facets: false })),
  );
}

db.close();
if (values.json) {
  process.stdout.write(`${JSON.stringify({ cables: total, runs: RUNS, columnsMs, rows })}\n`);
}
