/**
 * The entity-summary finish step alone (src/store/entity-summary.ts), on a resolved archive (a
 * script, not a test; it WRITES to the archive: run it on a copy):
 *
 *   npx tsx scripts/bench-entity-summary.ts --db ARCHIVE [--full [--columns]] [--cables 1000] [--json]
 *
 * `--full` times a full build (what the first finish after migration 012, or after a full
 * resolution, does). With `--columns` a full resolution runs first (untimed) and the build reads
 * its columns, as at the end of a first ingest; the build then writes on two threads
 * (entity-summary-parallel.ts), so the main thread's own CPU time is printed too (Linux). Then an incremental run is timed as after an ingest of `cables` new
 * versions: that many random cables get their mentions replaced, already placed, with the first
 * one's protection flipped (the triggers of migration 014 journal them as an ingest would), and
 * the step applies them as deltas. Prints wall and CPU time and the peak resident memory.
 */
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { peakRss } from "../src/ingest/finish.js";
import { openArchive } from "../src/store/db.js";
import { resolveEntities } from "../src/store/entities-resolve.js";
import { refreshEntitySummaries } from "../src/store/entity-summary.js";
import { mulberry32 } from "../test/support/mulberry32.js";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    full: { type: "boolean" },
    columns: { type: "boolean" },
    cables: { type: "string", default: "1000" },
    json: { type: "boolean" },
  },
});
if (!values.db || !existsSync(values.db)) {
  process.stderr.write(
    "usage: tsx scripts/bench-entity-summary.ts --db ARCHIVE [--full] [--cables N] [--json]\n",
  );
  process.exit(2);
}
const db = openArchive(values.db);
/** CPU seconds of this (the main) thread, where the kernel tells them; else null. */
function mainThreadCpu(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
}
const timed = (what: string, run: () => unknown) => {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const main = mainThreadCpu();
  const report = run();
  const used = process.cpuUsage(cpu);
  const mainAfter = mainThreadCpu();
  return {
    what,
    seconds: (performance.now() - t) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    mainThreadCpuSeconds: main === null || mainAfter === null ? null : mainAfter - main,
    peakRssBytes: peakRss(),
    report,
  };
};
const results = [];
if (values.full) {
  db.prepare("INSERT OR IGNORE INTO entity_summary_dirty (entity_id) VALUES ('*')").run();
}
if (values.full && values.columns) {
  db.prepare("INSERT INTO entity_dirty (type) VALUES ('*')").run();
  const t = performance.now();
  resolveEntities(db);
  process.stderr.write(
    `full resolution (untimed): ${((performance.now() - t) / 1000).toFixed(1)} s\n`,
  );
}
// Whatever is stale first (the full build, or what an earlier run left).
const first = values.full ? (values.columns ? "full build from columns" : "full build") : "pending";
results.push(timed(first, () => refreshEntitySummaries(db)));

const n = Math.max(1, Number(values.cables));
const all = db.prepare<[], number>("SELECT cable_id FROM cable_entities").pluck().all();
const pick = mulberry32(11);
const chosen = [...new Set(Array.from({ length: n }, () => all[Math.floor(pick() * all.length)]!))];
// Each chosen cable's mentions replaced as a new version replaces them, with one protection
// flipped (a real change): the triggers journal the cable and resolution's placements stay.
db.transaction(() => {
  const mentions = db.prepare<[number], Record<string, unknown>>(
    "SELECT * FROM mentions WHERE cable_id = ? ORDER BY seq",
  );
  const del = db.prepare("DELETE FROM mentions WHERE cable_id = ?");
  for (const cable of chosen) {
    const rows = mentions.all(cable);
    if (rows.length === 0) continue;
    del.run(cable);
    rows[0]!.protected = rows[0]!.protected ? 0 : 1;
    const cols = Object.keys(rows[0]!);
    const ins = db.prepare(
      `INSERT INTO mentions (${cols.join(", ")}) VALUES (${cols.map((c) => `@${c}`).join(", ")})`,
    );
    for (const r of rows) ins.run(r);
  }
})();
const stale = db
  .prepare<[], number>("SELECT count(DISTINCT cable_id) FROM entity_summary_journal")
  .pluck()
  .get();
results.push(
  timed(`incremental: ${chosen.length} cables, ${stale} journaled`, () =>
    refreshEntitySummaries(db),
  ),
);
db.close();

if (values.json) process.stdout.write(`${JSON.stringify(results)}\n`);
else {
  for (const r of results) {
    process.stdout.write(
      `${r.what.padEnd(48)} ${r.seconds.toFixed(1).padStart(8)} s ${r.cpuSeconds.toFixed(1).padStart(8)} s CPU (${r.mainThreadCpuSeconds?.toFixed(1) ?? "?"} s main thread)   peak RSS ${(r.peakRssBytes / 2 ** 20).toFixed(0)} MB   ${JSON.stringify(r.report)}\n`,
    );
  }
}
