import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMirrorCables, writeSyntheticCsv } from "../../scripts/bench/synthetic-csv.js";
import { cablegramAsync, ensureBuilt } from "../faults/harness.js";
import { postgresBackend } from "../pg/kill-backend.js";
import { postgresAvailable } from "../support/pg-cluster.js";
import { type KillBackend, type Summary, sqliteBackend } from "./kill-backends.js";

/**
 * Crash safety of `cablegram ingest`, the real CLI as a child process, on both back ends: SIGKILL
 * it at moments spread through the ingest, then check after each kill that the archive is intact
 * (SQLite: its integrity check and every FTS5 index's own; PostgreSQL: every current version
 * stored, no text twice, child rows complete), that the killed run is reported interrupted, and
 * that a rerun completes the archive with exact counts. The input is small (60 cables in batches
 * of 3, so 20 commits a run) to keep the rounds well within CI time; the killed runs are the CLI
 * with its default parse workers, as users run it; the reruns call the same ingest in this
 * process (no process start-up per round). A rerun of the completed archive changes nothing.
 */

const ROOT = new URL("../../", import.meta.url).pathname;
const BIN = join(ROOT, "bin/cablegram");
const ROWS = 60;
const BATCH = 3;

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function exited(child: ChildProcess): Promise<NodeJS.Signals | null> {
  return new Promise((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
}

const BACKENDS: KillBackend[] = [sqliteBackend];
if (postgresAvailable("the kill-and-resume test on PostgreSQL")) BACKENDS.push(postgresBackend);

describe.each(BACKENDS)("ingest killed with SIGKILL ($name)", (backend) => {
  const ROUNDS = backend.rounds;
  beforeAll(() => backend.setUp(dir), 300_000);
  afterAll(() => backend.tearDown());

  it(`leaves a consistent archive that a rerun completes exactly (${ROUNDS} kills spread through the ingest)`, async () => {
    const began = Date.now();
    const reference = await backend.fresh("reference");
    const spawnedAt = Date.now();
    const full = await runToEnd(reference);
    expect(full).toMatchObject({ new: ROWS, newVersions: 0, unchanged: 0, rejected: 0 });
    const expected = await backend.counts(reference);
    expect(expected.cables).toBe(ROWS);
    // The ingest proper (claim to end), not the process start-up before it: that is where kills land.
    const startup = Math.max(0, Date.parse(full.startedAt) - spawnedAt);
    const ingestMs = full.seconds * 1000;

    const log: string[] = [];
    let claimedKills = 0;
    let lastClaimed = "";
    for (let round = 0; round < ROUNDS; round++) {
      let db = "";
      // Round k lands in the k-th of ROUNDS equal parts of the ingest; when the run beats the kill
      // (a machine less loaded than during the reference run), it is tried again sooner.
      let scale = 1;
      let signal: NodeJS.Signals | null = null;
      let delay = 0;
      for (let attempt = 0; attempt < 4 && signal !== "SIGKILL"; attempt++, scale /= 2) {
        db = await backend.fresh(`round-${round + 1}-${attempt}`);
        const spawned = Date.now();
        const child = spawn(process.execPath, ingestArgs(db), { stdio: "ignore" });
        const exit = exited(child);
        const at = (round + Math.random()) / ROUNDS;
        // The first round lands in the start-up; the others count from the run's claim, so a
        // start-up slower than the reference run's (a loaded machine) cannot push them before it.
        let from = 0;
        if (round > 0) {
          let ended = false;
          void exit.then(() => {
            ended = true;
          });
          while (!ended && !(await backend.claimed(db))) await sleep(25);
          from = Date.now() - spawned;
        }
        delay = from + Math.round(scale * (round > 0 ? at * ingestMs : startup + at * ingestMs));
        const timer = setTimeout(
          () => child.kill("SIGKILL"),
          Math.max(0, delay - (Date.now() - spawned)),
        );
        signal = await exit;
        clearTimeout(timer);
      }
      expect(signal).toBe("SIGKILL");
      await backend.afterKill(db);
      const context = () => log.join("\n");

      if (!backend.exists(db)) {
        log.push(`kill ${round + 1}: after ${delay} ms, before the archive was created`);
      } else {
        await backend.check(db, false);
        const committed = (await backend.migrated(db))
          ? ((await backend.counts(db)).cables ?? 0)
          : 0;
        // A run that had claimed the archive is reported interrupted at once (its process is gone),
        // unless the kill landed after it had logged its end (closing the archive, exiting).
        const killed = await backend.runs(db);
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
        const rerun = await backend.ingestAgain(db, csv, BATCH);
        expect(rerun, context()).toMatchObject({
          new: ROWS - committed,
          newVersions: 0,
          unchanged: committed,
          rejected: 0,
        });
        // The killed run is marked interrupted for good by the rerun, which itself finished.
        const after = await backend.runs(db);
        expect(after.statuses, context()).toEqual(
          claimed ? ["interrupted", "finished"] : ended ? ["finished", "finished"] : ["finished"],
        );
        expect(after.interrupted, context()).toBe(claimed ? 1 : 0);
      }
      if (backend.exists(db)) {
        expect(await backend.counts(db), context()).toEqual(expected);
        await backend.check(db);
      } else {
        const rerun = await backend.ingestAgain(db, csv, BATCH);
        expect(rerun, context()).toMatchObject({ new: ROWS, unchanged: 0, rejected: 0 });
      }
    }
    // Most kills must land inside the ingest proper, or the test would prove little.
    expect(claimedKills, log.join("\n")).toBeGreaterThanOrEqual(ROUNDS * 0.75);
    // A rerun of a completed ingest changes nothing.
    const again = await backend.ingestAgain(lastClaimed, csv, BATCH);
    expect(again).toMatchObject({ new: 0, newVersions: 0, unchanged: ROWS, rejected: 0 });
    expect(await backend.counts(lastClaimed)).toEqual(expected);
    // `cablegram stats` says the killed run was interrupted, on the archive of the last kill.
    const stats = await cablegramAsync(["stats", "--db", lastClaimed]);
    expect(stats.status).toBe(0);
    expect(stats.stdout).toMatch(/unfinished +1 interrupted, 0 failed ingest run\(s\)/);
    log.push(
      `${backend.name}: ${ROUNDS} kills, ${claimedKills} inside a logged run, in ${((Date.now() - began) / 1000).toFixed(1)} s`,
    );
    process.stdout.write(`${log.join("\n")}\n`);
  }, 900_000);
});
