/**
 * Latency of every analytics view at full scale, beside plain search measured in the same run:
 *
 *   npm run bench:analytics -- --db /work/bench251/archive.db [--runs 20] [--json] [--in-place]
 *                              [--only REGEX]
 *
 * The archive is copied to a temporary folder first (SQLite's online backup, so a copy taken while
 * an ingest still writes is consistent) unless --in-place: opening it
 * writable applies pending migrations and builds what analytics precomputes (traffic counts,
 * migration 006; reported event dates, migration 008) — both timed and reported, being what an
 * ingest adds. Then each request runs through the server's app (the JSON API, response cache off:
 * parameters validated, the set matched, the view computed, JSON written), one warm-up and
 * `runs` timed runs each, for a broad query (the TAG nearest 10 % of the archive) and a narrow one
 * (the TAG nearest 0.5 %). Numbers are printed, not asserted: a shared machine makes timings a
 * report (targets: broad ≤ 300 ms, narrow ≤ 100 ms at p95).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { addressees } from "../src/analytics/addressees.js";
import { loadCoverageIndex } from "../src/analytics/coverage-index.js";
import { matchQuery } from "../src/analytics/result.js";
import { sqliteAnalytics } from "../src/analytics/sqlite-source.js";
import { parseQuery } from "../src/search/index.js";
import { createApp } from "../src/server/app.js";
import { refreshAnalyticsFacts } from "../src/store/analytics-facts.js";
import { loadFactsMemory } from "../src/store/analytics-facts-read.js";
import { recordPhases } from "../src/store/analytics-phases.js";
import { openArchive } from "../src/store/db.js";
import { refreshEventDates } from "../src/store/event-dates.js";
import { refreshTrafficCounts, trafficCountsFresh } from "../src/store/traffic-counts.js";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    runs: { type: "string", default: "20" },
    json: { type: "boolean" },
    "in-place": { type: "boolean" },
    /** Only the views whose name matches (a regular expression), e.g. after changing one. */
    only: { type: "string" },
  },
});
if (!values.db || !existsSync(values.db)) {
  process.stderr.write(
    "usage: tsx scripts/bench-analytics.ts --db ARCHIVE [--runs N] [--json] [--in-place] [--only REGEX]\n",
  );
  process.exit(2);
}
const RUNS = Number(values.runs);

function median(times: number[]): number {
  const s = [...times].sort((a, b) => a - b);
  return s[(s.length - 1) >> 1]!;
}

function p95(times: number[]): number {
  const s = [...times].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]!;
}

const log = (line: string) => {
  if (!values.json) console.log(line);
};

let tmp: string | null = null;
let path = values.db;
if (!values["in-place"]) {
  tmp = mkdtempSync(join(tmpdir(), "cablegram-bench-analytics-"));
  path = join(tmp, "archive.db");
  const t0 = performance.now();
  // SQLite's online backup: a consistent copy even while another process writes the archive.
  const source = new Database(values.db, { readonly: true, fileMustExist: true });
  await source.backup(path);
  source.close();
  log(`copied ${values.db} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const result: Record<string, unknown> = { archive: values.db, runs: RUNS };
try {
  let t0 = performance.now();
  const db = openArchive(path);
  const opened = performance.now() - t0;
  const total = db.prepare("SELECT count(*) FROM cables").pluck().get() as number;
  result.cables = total;
  log(`${total} cables; opened (migrations) in ${opened.toFixed(0)} ms`);

  t0 = performance.now();
  const trafficStale = !trafficCountsFresh(db);
  if (trafficStale) refreshTrafficCounts(db);
  const trafficMs = performance.now() - t0;
  t0 = performance.now();
  const read = refreshEventDates(db);
  const eventMs = performance.now() - t0;
  const events = db.prepare("SELECT count(*) FROM event_dates").pluck().get() as number;
  t0 = performance.now();
  const derived = refreshAnalyticsFacts(db);
  const factsMs = performance.now() - t0;
  t0 = performance.now();
  const memoryInts = loadFactsMemory(db);
  const memoryMs = performance.now() - t0;
  t0 = performance.now();
  const missingRefs = loadCoverageIndex(db);
  const coverageMs = performance.now() - t0;
  result.precompute = {
    trafficCountsMs: trafficStale ? Math.round(trafficMs) : null,
    eventDates: { cables: read, dates: events, ms: Math.round(eventMs) },
    analyticsFacts: { cables: derived, ms: Math.round(factsMs) },
    factsMemory: { bytes: memoryInts * 4, ms: Math.round(memoryMs) },
    coverageIndex: { missingRefs, ms: Math.round(coverageMs) },
  };
  log(
    `precompute: traffic counts ${trafficStale ? `${(trafficMs / 1000).toFixed(1)} s` : "already fresh"}; ` +
      `event dates of ${read} cables (${events} dates) ${(eventMs / 1000).toFixed(1)} s; ` +
      `analytics facts of ${derived} cables ${(factsMs / 1000).toFixed(1)} s`,
  );
  // The first large set after opening (or after an ingest) pays this; the views below do not.
  log(
    `facts copy in memory: ${(memoryInts / 262_144).toFixed(1)} MB loaded in ${(memoryMs / 1000).toFixed(1)} s; ` +
      `coverage index (${missingRefs} cited-but-missing REFs) built in ${(coverageMs / 1000).toFixed(1)} s`,
  );

  const tags = db
    .prepare("SELECT tag, count(*) AS n FROM tags GROUP BY tag ORDER BY n DESC")
    .all() as { tag: string; n: number }[];
  const nearest = (share: number) =>
    [...tags].sort((a, b) => Math.abs(a.n - total * share) - Math.abs(b.n - total * share))[0]!;
  const { app } = createApp({ db, cache: false, onError: (e) => console.error(e) });

  const rows: {
    query: string;
    cables: number;
    view: string;
    p95: number;
    median: number;
    status: number;
    /** Median ms of each phase over the timed runs (see the header). */
    phases: { set: number; facts: number; work: number; respond: number } | null;
  }[] = [];
  for (const [kind, t] of [
    ["broad", nearest(0.1)],
    ["narrow", nearest(0.005)],
  ] as const) {
    const q = `tag:"${t.tag}"`;
    const enc = encodeURIComponent(q);
    const year = db
      .prepare(
        `SELECT substr(c.created, 1, 7) FROM tags g JOIN cables c ON c.id = g.cable_id
          WHERE g.tag = ? AND c.created IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
      )
      .pluck()
      .get(t.tag) as string;
    const only = values.only ? new RegExp(values.only) : null;
    const views: [string, string][] = [
      ["search (page 1, facets)", `/api/search?q=${enc}`],
      ["timeline (month, with reported dates)", `/api/analytics/timeline?q=${enc}&by=month`],
      ["timeline (day, with reported dates)", `/api/analytics/timeline?q=${enc}&by=day`],
      ["timeline (month, sent only)", `/api/analytics/timeline?q=${enc}&by=month&reported=0`],
      ["bursts (query)", `/api/analytics/bursts?q=${enc}`],
      ["bursts (every TAG in set)", `/api/analytics/bursts?q=${enc}&kind=tag`],
      ["spikes (busiest month)", `/api/analytics/spikes?q=${enc}&start=${year}`],
      ["secrecy", `/api/analytics/secrecy?q=${enc}`],
      ["addressees", `/api/analytics/addressees?q=${enc}`],
      ["coverage", `/api/analytics/coverage?q=${enc}`],
    ];
    if (!only || only.test("drill-down")) {
      // The flow matrix's folded corner, as its link asks for it.
      const src = sqliteAnalytics(db);
      const set = await matchQuery(src, parseQuery(q), q);
      const flow = (await addressees(src, set.ids)).flow;
      const [row, col] = [flow.rows.at(-1)!, flow.cols.at(-1)!];
      views.push([
        `drill-down: flow ${row} → ${col}`,
        `/api/analytics/cables?q=${enc}&matrix=flow&row=${encodeURIComponent(row)}&col=${encodeURIComponent(col)}`,
      ]);
    }
    log(
      `\n${kind}: ${q}, ${t.n} cables (${((t.n / total) * 100).toFixed(1)} %), p95 (and median) of ${RUNS} runs`,
    );
    for (const [name, url] of views) {
      if (only && !only.test(name)) continue;
      const once = async () => {
        const stop = recordPhases();
        const s = performance.now();
        const res = await app.request(url);
        await res.arrayBuffer();
        const ms = performance.now() - s;
        return { ms, status: res.status, phases: stop() };
      };
      const warm = await once();
      const times: number[] = [];
      const split = { set: [] as number[], facts: [] as number[], work: [] as number[] };
      const respond: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const r = await once();
        times.push(r.ms);
        const view = r.phases.get("view");
        if (view === undefined) continue;
        const set = r.phases.get("set") ?? 0;
        const facts = r.phases.get("facts") ?? 0;
        split.set.push(set);
        split.facts.push(facts);
        split.work.push(view - set - facts);
        respond.push(r.ms - view);
      }
      const p = p95(times);
      const round = (x: number) => Math.round(x * 10) / 10;
      const phases =
        respond.length === 0
          ? null
          : {
              set: round(median(split.set)),
              facts: round(median(split.facts)),
              work: round(median(split.work)),
              respond: round(median(respond)),
            };
      rows.push({
        query: kind,
        cables: t.n,
        view: name,
        p95: round(p),
        median: round(median(times)),
        status: warm.status,
        phases,
      });
      const target = kind === "broad" ? 300 : 100;
      const mark = name.startsWith("search") ? "" : p <= target ? "  ok" : `  over ${target} ms`;
      const split1 = phases
        ? `  [set ${phases.set}, facts ${phases.facts}, work ${phases.work}, respond ${phases.respond}]`
        : "";
      log(
        `  ${name.padEnd(46)} ${p.toFixed(1).padStart(8)} ms (median ${median(times).toFixed(1).padStart(7)})${warm.status === 200 ? "" : ` (HTTP ${warm.status})`}${mark}${split1}`,
      );
    }
  }
  result.latency = rows;
  db.close();
  if (values.json) console.log(JSON.stringify(result, null, 2));
} finally {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
