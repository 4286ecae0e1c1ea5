/**
 * The end of an ingest, alone, on an archive already written (a script, not a test):
 *
 *   npm run bench:finish -- --db ARCHIVE [--full] [--json]
 *
 * Opens ARCHIVE in place (pending migrations are applied, and timed) and runs every step an ingest
 * runs after its last record (src/ingest/finish.ts: date estimates, FTS merge policy, entity
 * resolution, traffic counts, event dates), then `PRAGMA optimize` as the ingest does; prints
 * each step's wall and CPU time and the process's peak resident memory after it. `--full` makes
 * resolution a full run even where an incremental one would do. It writes to ARCHIVE: run it on
 * a copy. Run under `/usr/bin/time -v` for the kernel's own figures.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { type FinishStep, finishIngest, peakRss, timedStep } from "../src/ingest/finish.js";
import { type Db, openArchive } from "../src/store/db.js";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    full: { type: "boolean" },
    json: { type: "boolean" },
  },
});
if (!values.db || !existsSync(values.db)) {
  process.stderr.write("usage: tsx scripts/bench-finish.ts --db ARCHIVE [--full] [--json]\n");
  process.exit(2);
}

const startRssBytes = peakRss();
let db: Db | null = null;
const steps: FinishStep[] = [
  timedStep("open + migrations", () => {
    db = openArchive(values.db!);
  }),
];
const archive = db as unknown as Db;
// The mark a migration leaves when resolution must redo everything.
if (values.full) archive.prepare("INSERT INTO entity_dirty (type) VALUES ('*')").run();
steps.push(...(await finishIngest(archive)));
steps.push(timedStep("optimize", () => archive.pragma("optimize")));

const count = (sql: string) => archive.prepare<[], number>(sql).pluck().get()!;
const figures = {
  cables: count("SELECT count(*) FROM cables"),
  mentions: count("SELECT count(*) FROM mentions"),
  entities: count("SELECT count(*) FROM entities"),
  entityForms: count("SELECT count(*) FROM entity_forms"),
  entityWords: count("SELECT count(*) FROM entity_words"),
  largestEntity: archive
    .prepare("SELECT id, cables FROM entities ORDER BY cables DESC LIMIT 1")
    .get(),
  startRssBytes,
  peakRssBytes: peakRss(),
  steps,
};
archive.close();

if (values.json) process.stdout.write(`${JSON.stringify(figures)}\n`);
else {
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
  const lines = steps.map(
    (s) =>
      `${s.step.padEnd(20)} ${s.seconds.toFixed(1).padStart(8)} s ${s.cpuSeconds.toFixed(1).padStart(8)} s CPU   peak RSS so far ${mb(s.peakRssBytes)}`,
  );
  const { steps: _, ...rest } = figures;
  process.stdout.write(`${lines.join("\n")}\n${JSON.stringify(rest)}\n`);
}
