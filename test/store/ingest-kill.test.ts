import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMirrorCables, writeSyntheticCsv } from "../../scripts/bench/synthetic-csv.js";
import { ingest } from "../../src/ingest/index.js";
import { openArchive } from "../../src/store/db.js";
import { fts5Tables } from "../../src/store/fts-merge.js";
import { archiveStats } from "../../src/store/stats.js";
import { cablegramAsync, ensureBuilt } from "../faults/harness.js";

/**
 * Crash safety of `cablegram ingest`, the real CLI as a child process: SIGKILL it at 20 moments
 * spread through the ingest, then check after each kill that the archive is intact (SQLite's
 * integrity check and every FTS5 index's own), that the killed run is reported interrupted, and
 * that a rerun completes the archive with exact counts. The input is small (60 cables in batches
 * of 3, so 20 commits a run) to keep 20 rounds well within CI time; the killed runs are the CLI
 * with its default parse workers, as users run it; the reruns call the same ingest in this
 * process (no process start-up per round).
 */

const ROOT = new URL("../../", import.meta.url).pathname;
const BIN = join(ROOT, "bin/cablegram");
const ROWS = 60;
const BATCH = 3;
const ROUNDS = 20;
const TABLES = ["cables", "versions", "paragraphs", "refs", "tags", "recipients"];

interface Summary {
  new: number;
  newVersions: number;
  unchanged: number;
  rejected: number;
  seconds: number;
  startedAt: string;
}

let dir = "";
let csv = "";

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), "cg-kill-"));
  csv = join(dir, "cables.csv");
  // Cables from the bundled sample, renumbered under fresh ids.
  writeSyntheticCsv(csv, loadMirrorCables([join(ROOT, "data/sample/mirror")]), ROWS, 7);
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function ingestArgs(db: string): string[] {
  return [BIN, "ingest", csv, "--db", db, "--batch", String(BATCH)];
}

function runToEnd(db: string, extra: string[] = []): Promise<Summary> {
  const child = spawn(process.execPath, [...ingestArgs(db), ...extra], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (s: string) => {
    out += s;
  });
  child.stderr.setEncoding("utf8").on("data", (s: string) => {
    err += s;
  });
  return new Promise((resolve, reject) =>
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`ingest failed (${code}): ${err}`));
      else resolve(JSON.parse(out) as Summary);
    }),
  );
}

/** The rerun, in this process: the same ingest as the CLI's, without a process start per round. */
async function ingestAgain(path: string): Promise<Summary> {
  const db = openArchive(path);
  try {
    const report = await ingest(db, [csv], { workers: 0, batchSize: BATCH, dbLabel: path });
    return report as unknown as Summary;
  } finally {
    db.close();
  }
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

/**
 * SQLite's own check, and FTS5's check of every full-text index against the text it indexes. A
 * kill while the archive was being created can leave the schema part-made (each migration is one
 * transaction): `complete` says all four indexes must be there.
 */
function checkIntegrity(path: string, complete = true): void {
  const db = new Database(path);
  try {
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    const fts = fts5Tables(db);
    if (complete) {
      expect(fts).toEqual(["cables_fts", "paragraphs_fts", "people_fts", "subject_fts"]);
    }
    for (const t of fts) db.exec(`INSERT INTO ${t} (${t}) VALUES ('integrity-check')`);
  } finally {
    db.close();
  }
}

/** How the archive's runs ended, in order, and what `stats` counts as interrupted. */
function runs(path: string): { statuses: string[]; interrupted: number; report: string } {
  const db = new Database(path, { readonly: true });
  try {
    // Killed before the run was logged (the archive still being made): no run to report.
    const logged = db
      .prepare("SELECT 1 FROM pragma_table_info('ingest_runs') WHERE name = 'status'")
      .pluck()
      .get();
    if (!logged) return { statuses: [], interrupted: 0, report: "" };
    const statuses = db
      .prepare<[], string>("SELECT status FROM ingest_runs ORDER BY id")
      .pluck()
      .all();
    const last = db
      .prepare<[], string | null>("SELECT report_json FROM ingest_runs ORDER BY id DESC LIMIT 1")
      .pluck()
      .get();
    const report = last ? (JSON.parse(last) as Record<string, unknown>) : {};
    const {
      new: added,
      rejected,
      rejections,
    } = report as { new?: number; rejected?: number; rejections?: unknown[] };
    return {
      statuses,
      interrupted: archiveStats(db).unfinishedRuns.interrupted,
      report: `new ${added}, rejected ${rejected} ${JSON.stringify(rejections ?? []).slice(0, 400)}`,
    };
  } finally {
    db.close();
  }
}

/** Whether the archive's schema was made whole before the kill. */
function migrated(path: string): boolean {
  const db = new Database(path, { readonly: true });
  try {
    return fts5Tables(db).length === 4 && TABLES.every((t) => hasTable(db, t));
  } finally {
    db.close();
  }
}

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE name = ?").pluck().get(name) === 1;
}

function exited(child: ChildProcess): Promise<NodeJS.Signals | null> {
  return new Promise((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
}

describe("ingest killed with SIGKILL", () => {
  it(`leaves a consistent archive that a rerun completes exactly (${ROUNDS} kills spread through the ingest)`, async () => {
    const began = Date.now();
    const reference = join(dir, "reference.db");
    const spawnedAt = Date.now();
    const full = await runToEnd(reference);
    expect(full).toMatchObject({ new: ROWS, newVersions: 0, unchanged: 0, rejected: 0 });
    const expected = tableCounts(reference);
    expect(expected.cables).toBe(ROWS);
    // The ingest proper (claim to end), not the process start-up before it: that is where kills land.
    const startup = Math.max(0, Date.parse(full.startedAt) - spawnedAt);
    const ingestMs = full.seconds * 1000;

    const log: string[] = [];
    let claimedKills = 0;
    let lastClaimed = "";
    for (let round = 0; round < ROUNDS; round++) {
      const db = join(dir, `round-${round + 1}.db`);
      // Round k lands in the k-th twentieth of the ingest; when the run beats the kill (a machine
      // less loaded than during the reference run), it is tried again sooner.
      let scale = 1;
      let signal: NodeJS.Signals | null = null;
      let delay = 0;
      for (let attempt = 0; attempt < 4 && signal !== "SIGKILL"; attempt++, scale /= 2) {
        for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
        const child = spawn(process.execPath, ingestArgs(db), { stdio: "ignore" });
        const at = (round + Math.random()) / ROUNDS;
        delay = Math.round(scale * (startup + at * ingestMs));
        const timer = setTimeout(() => child.kill("SIGKILL"), delay);
        signal = await exited(child);
        clearTimeout(timer);
      }
      expect(signal).toBe("SIGKILL");
      const context = () => log.join("\n");

      if (!existsSync(db)) {
        log.push(`kill ${round + 1}: after ${delay} ms, before the archive was created`);
      } else {
        checkIntegrity(db, false);
        const committed = migrated(db) ? (tableCounts(db).cables ?? 0) : 0;
        // A run that had claimed the archive is reported interrupted at once (its process is gone),
        // unless the kill landed after it had logged its end (closing the archive, exiting).
        const killed = runs(db);
        const ended = killed.statuses[0] === "finished";
        const claimed = killed.statuses.length === 1 && !ended;
        if (claimed) {
          claimedKills++;
          lastClaimed = db;
        }
        log.push(
          `kill ${round + 1}: after ${delay} ms, ${committed} of ${ROWS} cables committed${claimed ? "" : ended ? ` (after the run had ended: ${killed.report})` : " (before the run was logged)"}`,
        );
        expect(killed.statuses, context()).toEqual(
          claimed ? ["running"] : ended ? ["finished"] : [],
        );
        expect(killed.interrupted, context()).toBe(claimed ? 1 : 0);
        const rerun = await ingestAgain(db);
        expect(rerun, context()).toMatchObject({
          new: ROWS - committed,
          newVersions: 0,
          unchanged: committed,
          rejected: 0,
        });
        // The killed run is marked interrupted for good by the rerun, which itself finished.
        const after = runs(db);
        expect(after.statuses, context()).toEqual(
          claimed ? ["interrupted", "finished"] : ended ? ["finished", "finished"] : ["finished"],
        );
        expect(after.interrupted, context()).toBe(claimed ? 1 : 0);
      }
      if (existsSync(db)) {
        expect(tableCounts(db), context()).toEqual(expected);
        checkIntegrity(db);
      } else {
        const rerun = await ingestAgain(db);
        expect(rerun, context()).toMatchObject({ new: ROWS, unchanged: 0, rejected: 0 });
      }
    }
    // Most kills must land inside the ingest proper, or the test would prove little.
    expect(claimedKills, log.join("\n")).toBeGreaterThanOrEqual(ROUNDS * 0.75);
    // `cablegram stats` itself says so, on the archive of the last kill inside a run.
    const stats = await cablegramAsync(["stats", "--db", lastClaimed]);
    expect(stats.status).toBe(0);
    expect(stats.stdout).toMatch(/unfinished +1 interrupted, 0 failed ingest run\(s\)/);
    log.push(
      `${ROUNDS} kills, ${claimedKills} inside a logged run, in ${((Date.now() - began) / 1000).toFixed(1)} s`,
    );
    process.stdout.write(`${log.join("\n")}\n`);
  }, 900_000);
});
