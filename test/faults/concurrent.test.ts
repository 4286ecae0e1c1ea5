import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { IngestReport } from "../../src/ingest/index.js";
import { BIN, cablegramAsync, RAW_FAILURE, sampleInput, tempDir } from "./harness.js";

/**
 * Two ingests into one archive at once (the real CLI, two processes). The first holds the
 * archive (src/store/ingest-runs.ts); the second stops at once, naming the holder (its process id
 * and when it started), writes its report and exits non-zero. The first finishes with exact
 * counts and the archive checks whole.
 */

const CABLES = 400;
const input = sampleInput("concurrent-input", CABLES);

/** The `running` row of the holder, once it has claimed the archive. */
async function runningRow(db: string): Promise<{ pid: number; started_at: string }> {
  for (let i = 0; i < 600; i++) {
    try {
      const archive = new Database(db, { readonly: true, fileMustExist: true });
      try {
        const row = archive
          .prepare<[], { pid: number; started_at: string }>(
            "SELECT pid, started_at FROM ingest_runs WHERE status = 'running'",
          )
          .get();
        if (row) return row;
      } finally {
        archive.close();
      }
    } catch {
      // Not created or not migrated yet.
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the first ingest never claimed the archive");
}

describe("concurrent ingests", () => {
  it("the second stops naming the first (process and start time) and writes its report", async () => {
    const dir = tempDir("concurrent");
    const db = join(dir, "archive.db");
    const first = spawn(process.execPath, [BIN, "ingest", input.dir, "--db", db, "--batch", "10"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let firstOut = "";
    let firstErr = "";
    first.stdout.setEncoding("utf8").on("data", (s: string) => {
      firstOut += s;
    });
    first.stderr.setEncoding("utf8").on("data", (s: string) => {
      firstErr += s;
    });
    const firstDone = new Promise<number | null>((r) => first.on("close", r));

    const holder = await runningRow(db);
    expect(holder.pid).toBe(first.pid);
    const reportPath = join(dir, "second.json");
    const second = await cablegramAsync(["ingest", input.dir, "--db", db, "--report", reportPath]);
    process.stdout.write(`${second.stderr.trim()}\n`);
    expect(second.stderr).not.toMatch(RAW_FAILURE);
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(
      `the archive ${db} is being written by another ingest (pid ${first.pid}, started ${holder.started_at}`,
    );
    expect(second.stderr).toMatch(/wait for it to finish, or stop that process/);
    const report = JSON.parse(readFileSync(reportPath, "utf8")) as IngestReport;
    expect(report).toMatchObject({ status: "failed", records: 0, new: 0 });
    expect(report.error).toContain(`pid ${first.pid}`);

    expect(await firstDone, firstErr).toBe(0);
    expect(JSON.parse(firstOut)).toMatchObject({ new: CABLES, rejected: 0, status: "finished" });
    const archive = new Database(db, { readonly: true });
    expect(archive.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(archive.prepare("SELECT count(*) FROM cables").pluck().get()).toBe(CABLES);
    expect(archive.prepare("SELECT status FROM ingest_runs ORDER BY id").pluck().all()).toEqual([
      "finished",
    ]);
    archive.close();
  }, 300_000);
});
