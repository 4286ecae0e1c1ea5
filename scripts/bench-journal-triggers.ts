/**
 * What the summary journal's triggers (migration 014) cost a first ingest while a full summary
 * build is pending, when their WHEN is false (a script, not a test):
 *
 *   tsx scripts/bench-journal-triggers.ts --db ARCHIVE [--rows N] [--rounds R] [--dir DIR]
 *
 * Takes the first N mentions (default 200,000) of ARCHIVE (read-only: any archive an ingest made)
 * and their cables, and in a fresh archive in DIR times, in CPU microseconds a row, the two writes
 * a first ingest makes of each: the writer's INSERT (as startMentionLoad leaves the table) and
 * resolution's UPDATE of entity_id and link in key order (as entities-full.ts writes them). Two
 * ways, interleaved round by round so both run under the same load: `triggers` (as migration 014
 * leaves the archive) and `paused` (pauseSummaryJournal, as the ingest now does).
 */
import { rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { openArchive } from "../src/store/db.js";
import { startMentionLoad } from "../src/store/entities-write.js";
import { pauseSummaryJournal } from "../src/store/entity-summary-journal.js";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    rows: { type: "string", default: "200000" },
    rounds: { type: "string", default: "3" },
    dir: { type: "string", default: tmpdir() },
  },
});
if (!values.db) {
  process.stderr.write("usage: tsx scripts/bench-journal-triggers.ts --db ARCHIVE [--rows N]\n");
  process.exit(2);
}
const COLS = "cable_id, seq, type, name, variants, roles, paragraphs, kind, us_official, protected";
const source = new Database(values.db, { readonly: true, fileMustExist: true });
const rows = source
  .prepare(
    `SELECT ${COLS}, key, vkeys, entity_id, link FROM mentions ORDER BY cable_id, seq LIMIT ?`,
  )
  .raw()
  .all(Number(values.rows)) as unknown[][];
source.close();
if (rows.length === 0) throw new Error(`${values.db} holds no mention`);
const lastCable = rows.at(-1)![0] as number;

const cpu = (run: () => void) => {
  const t = process.cpuUsage();
  run();
  const u = process.cpuUsage(t);
  return (u.user + u.system) / rows.length;
};

function round(paused: boolean): { insert: number; update: number } {
  const path = join(values.dir!, `bench-journal-${process.pid}.db`);
  const clear = () => {
    for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
  };
  clear();
  const db = openArchive(path);
  try {
    const cols = (
      db.prepare("SELECT name FROM pragma_table_info('cables')").pluck().all() as string[]
    ).join(", ");
    db.prepare("ATTACH ? AS src").run(values.db);
    db.exec(`INSERT INTO cables (${cols}) SELECT ${cols} FROM src.cables WHERE id <= ${lastCable}`);
    db.exec("DETACH src");
    db.pragma("wal_checkpoint(TRUNCATE)");
    // The writer's start: indexes left out, and (now) the journal paused while '*' is pending.
    if (paused) startMentionLoad(db);
    else db.exec("DROP INDEX IF EXISTS mentions_key; DROP INDEX IF EXISTS mentions_entity");
    const insert = db.prepare(
      `INSERT INTO mentions (${COLS}, key, vkeys) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const update = db.prepare(
      "UPDATE mentions SET entity_id = ?, link = ? WHERE cable_id = ? AND seq = ?",
    );
    // Transactions of about the size an ingest batch and a resolution batch write.
    const inserts = db.transaction((rs: unknown[][]) => {
      for (const r of rs) insert.run(...r.slice(0, 12));
    });
    const updates = db.transaction((rs: unknown[][]) => {
      for (const r of rs) update.run(r[12], r[13], r[0], r[1]);
    });
    const ins = cpu(() => {
      for (let i = 0; i < rows.length; i += 24_000) inserts(rows.slice(i, i + 24_000));
    });
    db.pragma("wal_checkpoint(TRUNCATE)");
    if (paused) pauseSummaryJournal(db);
    const upd = cpu(() => {
      for (let i = 0; i < rows.length; i += 50_000) updates(rows.slice(i, i + 50_000));
    });
    return { insert: ins, update: upd };
  } finally {
    db.close();
    clear();
  }
}

const out: Record<string, { insert: number[]; update: number[] }> = {
  triggers: { insert: [], update: [] },
  paused: { insert: [], update: [] },
};
for (let r = 0; r < Math.max(1, Number(values.rounds)); r++) {
  for (const way of ["triggers", "paused"] as const) {
    const t = round(way === "paused");
    out[way]!.insert.push(+t.insert.toFixed(2));
    out[way]!.update.push(+t.update.toFixed(2));
  }
}
process.stdout.write(
  `${JSON.stringify({ rows: rows.length, cpuMicrosecondsPerRow: out, load: loadavg() })}\n`,
);
