import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_SINGLE_RECORD_BYTES } from "../../src/formats/index.js";
import type { IngestReport } from "../../src/ingest/index.js";
import { cablegramAsync, ensureBuilt, RAW_FAILURE, removeTempDirs, tempDir } from "./harness.js";

/**
 * One record far larger than any cable: a single cables.csv row of 50 MB, ingested by the real
 * CLI with its default workers. It is parsed alone on a worker sized for it (src/ingest/pool.ts,
 * largeRecordLimits) and stored whole. The largest record guaranteed is MAX_SINGLE_RECORD_BYTES
 * (64 MB, the CSV row cap too); a larger one is rejected with its position and the limit, never
 * cut. Peak resident memory is the report's own figure (the process's, worker threads included).
 */

const MB = 1024 * 1024;
const LINE = "THE MINISTER SAID THE GOVERNMENT WOULD REVIEW THE AGREEMENT BEFORE THE VOTE.\n";

/** A cables.csv holding one row whose text is about `bytes` long, in numbered paragraphs of ~1 MB. */
function writeBigRow(path: string, bytes: number): number {
  const head = [
    "1",
    "12/28/1966 18:48",
    "66BUENOSAIRES2481",
    "Embassy Buenos Aires",
    "UNCLASSIFIED",
    "",
    "",
  ]
    .map((f) => `"${f}"`)
    .join(",");
  const fd = openSync(path, "w");
  let written = 0;
  try {
    writeSync(fd, `${head},"UNCLASSIFIED BUENOS AIRES 2481\n\nSUBJECT: A VERY LONG REPORT\n\n`);
    const paragraph = LINE.repeat(Math.floor(MB / LINE.length));
    for (let n = 1; written < bytes; n++) {
      written += writeSync(fd, `${n}. ${paragraph}\n`);
    }
    writeSync(fd, `SMITH\n"\n`);
  } finally {
    closeSync(fd);
  }
  return written;
}

beforeAll(ensureBuilt, 300_000);

afterAll(removeTempDirs);

describe("one very large record", () => {
  it("stores a 50 MB record with the default workers and reports peak memory", async () => {
    const dir = tempDir("large");
    const csv = join(dir, "cables.csv");
    const textBytes = writeBigRow(csv, 50 * MB);
    const db = join(dir, "a.db");
    const reportPath = join(dir, "report.json");
    const started = Date.now();
    const run = await cablegramAsync(["ingest", csv, "--db", db, "--report", reportPath], {
      timeoutMs: 900_000,
    });
    const seconds = (Date.now() - started) / 1000;
    expect(run.stderr).not.toMatch(RAW_FAILURE);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(reportPath, "utf8")) as IngestReport;
    expect(report).toMatchObject({ records: 1, new: 1, rejected: 0, status: "finished" });
    expect(report.workers).toBeGreaterThanOrEqual(1);

    const archive = new Database(db, { readonly: true });
    const stored = archive
      .prepare<[], { body: number; paragraphs: number }>(
        `SELECT length(body) AS body, (SELECT sum(length(text)) FROM paragraphs) AS paragraphs
           FROM cables WHERE reference_id = '66BUENOSAIRES2481'`,
      )
      .get()!;
    archive.close();
    // The whole text is there: the body holds every line, the paragraphs nearly all of it.
    expect(stored.body).toBeGreaterThan(textBytes * 0.99);
    expect(stored.paragraphs).toBeGreaterThan(textBytes * 0.95);
    const rssMb = Math.round(report.peakRssBytes / MB);
    process.stdout.write(
      `50 MB record: stored in ${seconds.toFixed(1)} s with ${report.workers} worker(s), peak RSS ${rssMb} MB\n`,
    );
    // Bounded: a few times the record, not the 4 GB default heap a runaway parse could take.
    expect(rssMb).toBeLessThan(2048);
  }, 900_000);

  it("rejects a record over the guaranteed size with its position and the limit, never cut", async () => {
    const dir = tempDir("too-large");
    const csv = join(dir, "cables.csv");
    writeBigRow(csv, MAX_SINGLE_RECORD_BYTES + MB);
    const db = join(dir, "a.db");
    const reportPath = join(dir, "report.json");
    const run = await cablegramAsync(["ingest", csv, "--db", db, "--report", reportPath], {
      timeoutMs: 300_000,
    });
    expect(run.stderr).not.toMatch(RAW_FAILURE);
    expect(run.status).toBe(1);
    const report = JSON.parse(readFileSync(reportPath, "utf8")) as IngestReport;
    expect(report).toMatchObject({ records: 1, new: 0, rejected: 1, status: "finished" });
    expect(report.rejections[0]).toMatchObject({ file: csv, line: 1, offset: 0 });
    expect(report.rejections[0]!.reason).toMatch(/64 MB/);
  }, 300_000);
});
