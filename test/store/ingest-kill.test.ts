import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { loadMirrorCables, writeSyntheticCsv } from "../../scripts/bench/synthetic-csv.js";

/**
 * Crash safety of `cablegram ingest`, the real CLI as a child process: SIGKILL it at random
 * moments, then check the archive is intact and that a rerun completes it with exact counts.
 */

const ROOT = new URL("../../", import.meta.url).pathname;
const BIN = join(ROOT, "bin/cablegram");
const ROWS = 2500;
const ROUNDS = 5;
const TABLES = ["cables", "versions", "paragraphs", "refs", "tags", "recipients"];

interface Summary {
  new: number;
  newVersions: number;
  unchanged: number;
  rejected: number;
  seconds: number;
}

let dir = "";
let csv = "";

beforeAll(() => {
  // The CLI runs compiled code: build it from the current sources first.
  spawnSync(
    process.execPath,
    [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
    {
      cwd: ROOT,
      stdio: "ignore",
    },
  );
  if (!existsSync(join(ROOT, "dist/cli/main.js")))
    throw new Error("build failed: no dist/cli/main.js");
  dir = mkdtempSync(join(tmpdir(), "cg-kill-"));
  csv = join(dir, "cables.csv");
  // Thousands of cables from the bundled sample, renumbered under fresh ids.
  writeSyntheticCsv(csv, loadMirrorCables([join(ROOT, "data/sample/mirror")]), ROWS, 7);
}, 300_000);

function ingestArgs(db: string): string[] {
  return [BIN, "ingest", csv, "--db", db, "--batch", "100"];
}

function runToEnd(db: string): Summary {
  const r = spawnSync(process.execPath, ingestArgs(db), { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`ingest failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as Summary;
}

function tableCounts(path: string): Record<string, number> {
  const db = new Database(path, { readonly: true });
  try {
    return Object.fromEntries(
      TABLES.map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]),
    );
  } finally {
    db.close();
  }
}

/** SQLite's own check, and FTS5's check of both indexes against their content tables. */
function checkIntegrity(path: string): void {
  const db = new Database(path);
  try {
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.exec("INSERT INTO cables_fts (cables_fts) VALUES ('integrity-check')");
    db.exec("INSERT INTO paragraphs_fts (paragraphs_fts) VALUES ('integrity-check')");
  } finally {
    db.close();
  }
}

function exited(child: ChildProcess): Promise<NodeJS.Signals | null> {
  return new Promise((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
}

describe("ingest killed with SIGKILL", () => {
  it(`leaves a consistent archive that a rerun completes exactly (${ROUNDS} random kills)`, async () => {
    const reference = join(dir, "reference.db");
    const full = runToEnd(reference);
    expect(full).toMatchObject({ new: ROWS, newVersions: 0, unchanged: 0, rejected: 0 });
    const expected = tableCounts(reference);
    expect(expected.cables).toBe(ROWS);

    const log: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const db = join(dir, `round-${round}.db`);
      // Somewhere between start-up and the end of the run, as long as the reference run took; when
      // the run beats the kill (a machine less loaded than during the reference run), sooner.
      let span = full.seconds * 1000;
      let signal: NodeJS.Signals | null = null;
      let delay = 0;
      for (let attempt = 0; attempt < 4 && signal !== "SIGKILL"; attempt++, span /= 2) {
        for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
        const child = spawn(process.execPath, ingestArgs(db), { stdio: "ignore" });
        delay = Math.round((0.15 + 0.7 * Math.random()) * span);
        const timer = setTimeout(() => child.kill("SIGKILL"), delay);
        signal = await exited(child);
        clearTimeout(timer);
      }
      expect(signal).toBe("SIGKILL");

      checkIntegrity(db);
      const committed = tableCounts(db).cables ?? 0;
      log.push(
        `round ${round}: killed after ${delay} ms, ${committed} of ${ROWS} cables committed`,
      );
      const rerun = runToEnd(db);
      expect(rerun, log.join("\n")).toMatchObject({
        new: ROWS - committed,
        newVersions: 0,
        unchanged: committed,
        rejected: 0,
      });
      expect(tableCounts(db), log.join("\n")).toEqual(expected);
      checkIntegrity(db);
    }
    process.stdout.write(`${log.join("\n")}\n`);
  }, 900_000);
});
