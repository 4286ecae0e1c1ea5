import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { IngestReport } from "../../src/ingest/index.js";
import { cablegramAsync, RAW_FAILURE, sampleInput, tempDir } from "./harness.js";

/**
 * The disk fills up in the middle of an ingest (the real CLI, batches of 20 cables). Two ways to
 * make it happen: a file size limit on the child process (`ulimit -f`, RLIMIT_FSIZE: no mount, no
 * privilege, works everywhere), where SQLite sees a refused write; and a small tmpfs (needs
 * mount rights; skipped with a message where the test cannot mount), where the disk really is
 * full. Either way the ingest stops with a message naming the archive and how far it got, the
 * report is written, the batches committed before stay readable, and the same ingest run again
 * with room completes the archive with exact counts.
 */

const CABLES = 300;
const input = sampleInput("disk-input", CABLES);

interface Stopped {
  report: IngestReport;
  committed: number;
}

/** Checks what a run stopped by a full disk left: the message, the report, a readable archive. */
function expectStopped(
  run: { status: number | null; stderr: string },
  db: string,
  reportPath: string,
  what: RegExp,
): Stopped {
  process.stdout.write(`${run.stderr.trim()}\n`);
  expect(run.stderr).not.toMatch(RAW_FAILURE);
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(what);
  expect(run.stderr).toContain(db);
  // How far it got, in numbers, and what to do.
  expect(run.stderr).toMatch(/stopped .*after \d+ records: \d+ written \(\d+ new\)/);
  expect(run.stderr).toMatch(/running the same ingest again skips it/);
  const report = JSON.parse(readFileSync(reportPath, "utf8")) as IngestReport;
  expect(report.status).toBe("failed");
  expect(report.error).toMatch(what);
  expect(report.records).toBe(
    report.new + report.newVersions + report.unchanged + report.rejected + report.unwritten,
  );
  const archive = new Database(db, { readonly: true });
  expect(archive.pragma("integrity_check", { simple: true })).toBe("ok");
  const committed = archive.prepare("SELECT count(*) FROM cables").pluck().get() as number;
  archive.close();
  expect(committed).toBe(report.new);
  return { report, committed };
}

async function rerunCompletes(db: string, committed: number): Promise<void> {
  const again = await cablegramAsync(["ingest", input.dir, "--db", db, "--batch", "20"]);
  expect(again.status, again.stderr).toBe(0);
  expect(JSON.parse(again.stdout)).toMatchObject({
    new: CABLES - committed,
    unchanged: committed,
    rejected: 0,
  });
}

describe("disk full during an ingest", () => {
  it("under a file size limit (ulimit -f): stops naming archive and progress, writes the report", async () => {
    const dir = tempDir("fsize");
    const db = join(dir, "archive.db");
    const reportPath = join(dir, "report.json");
    // 3 MB (POSIX counts ulimit -f in 512-byte blocks): some batches fit, not all 300 cables.
    const run = await cablegramAsync(
      ["ingest", input.dir, "--db", db, "--batch", "20", "--report", reportPath],
      { prefix: "ulimit -f 6144; exec" },
    );
    const { committed } = expectStopped(
      run,
      db,
      reportPath,
      /writing the archive .* failed \(disk I\/O error\).*size limit \(ulimit -f/,
    );
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(CABLES);
    expect(statSync(`${db}-wal`).size + statSync(db).size).toBeGreaterThan(0);
    await rerunCompletes(db, committed);
  }, 300_000);

  it("on a full tmpfs: says the disk is full, and completes once there is room", async (ctx) => {
    const dir = tempDir("tmpfs");
    const mnt = join(dir, "mnt");
    mkdirSync(mnt);
    const mount = spawnSync("mount", ["-t", "tmpfs", "-o", "size=3m", "tmpfs", mnt], {
      encoding: "utf8",
    });
    if (mount.status !== 0) {
      ctx.skip(
        `cannot mount a tmpfs here (${(mount.stderr || mount.error?.message || "").trim()}); the ulimit -f case covers a refused write`,
      );
      return;
    }
    try {
      const db = join(mnt, "archive.db");
      // The report goes where there is room: a full disk cannot take it either.
      const reportPath = join(dir, "report.json");
      const run = await cablegramAsync([
        "ingest",
        input.dir,
        "--db",
        db,
        "--batch",
        "20",
        "--report",
        reportPath,
      ]);
      const { committed } = expectStopped(
        run,
        db,
        reportPath,
        /the disk holding the archive .* is full/,
      );
      expect(committed).toBeLessThan(CABLES);
      const grow = spawnSync("mount", ["-o", "remount,size=64m", mnt]);
      expect(grow.status).toBe(0);
      await rerunCompletes(db, committed);
    } finally {
      spawnSync("umount", [mnt]);
    }
  }, 300_000);
});
