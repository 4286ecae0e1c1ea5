import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ingest } from "../../src/ingest/index.js";
import { openArchive } from "../../src/store/db.js";
import { getCable, getVersions } from "../../src/store/read.js";
import { archiveStats } from "../../src/store/stats.js";

// Eight real cables in four formats: four text-mirror files (03ANKARA4231 cites 03ANKARA4230),
// one WikiLeaks page, the two rows of the cables.csv sample and the scraped seed copy.
const FIXTURES = new URL("../fixtures/store/", import.meta.url).pathname;
const IDS = [
  "02ROME1725",
  "03ANKARA4230",
  "03ANKARA4231",
  "04MADRID4887",
  "05ALMATY2121",
  "08MANAMA232",
  "66BUENOSAIRES2481",
  "72TEHRAN1164",
];

function tempDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `cg-${name}-`));
}

function counts(r: { new: number; newVersions: number; unchanged: number; rejected: number }) {
  return { new: r.new, newVersions: r.newVersions, unchanged: r.unchanged, rejected: r.rejected };
}

describe("ingest", () => {
  it("stores every fixture cable once, and a second run changes nothing", async () => {
    const db = openArchive(join(tempDir("ingest"), "a.db"));
    // First run on a worker thread (the CLI's path), second in process: same results either way.
    const first = await ingest(db, [FIXTURES], { workers: 1 });
    expect(first.workers).toBe(1);
    expect(counts(first)).toEqual({ new: 8, newVersions: 0, unchanged: 0, rejected: 0 });
    expect(first.records).toBe(8);
    expect(db.prepare("SELECT reference_id FROM cables ORDER BY 1").pluck().all()).toEqual(IDS);

    const second = await ingest(db, [FIXTURES], { workers: 0 });
    expect(counts(second)).toEqual({ new: 0, newVersions: 0, unchanged: 8, rejected: 0 });
    expect(archiveStats(db)).toMatchObject({ cables: 8, versions: 8 });
    const runs = db.prepare("SELECT count(*) FROM ingest_runs WHERE finished_at IS NOT NULL");
    expect(runs.pluck().get()).toBe(2);
    db.close();
  });

  it("keeps an edited cable as exactly one new version, both retrievable", async () => {
    const dir = tempDir("edit");
    cpSync(FIXTURES, dir, { recursive: true });
    const db = openArchive(join(dir, "archive.db"));
    await ingest(db, [dir], { workers: 0 });
    const before = getCable(db, "03ANKARA4231")!;

    const file = join(dir, "mirror/03ANKARA4231.txt");
    const text = readFileSync(file, "utf8");
    const edited = text.replace("Ambassador spoke with", "The Ambassador spoke by phone with");
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);

    const report = await ingest(db, [dir], { workers: 0 });
    expect(counts(report)).toEqual({ new: 0, newVersions: 1, unchanged: 7, rejected: 0 });
    const versions = getVersions(db, "03ANKARA4231");
    expect(versions).toHaveLength(2);
    expect(versions.map((v) => v.current)).toEqual([false, true]);
    expect(versions[0]!.cable.body).toBe(before.body);
    expect(versions[1]!.cable.body).toContain("The Ambassador spoke by phone with");
    expect(getCable(db, "03ANKARA4231")!.body).toContain("spoke by phone");
    expect(
      db.prepare("SELECT count(*) FROM cables_fts WHERE cables_fts MATCH 'phone'").pluck().get(),
    ).toBeGreaterThanOrEqual(1);

    // The edit ingested again is now simply unchanged.
    const again = await ingest(db, [dir], { workers: 0 });
    expect(counts(again)).toEqual({ new: 0, newVersions: 0, unchanged: 8, rejected: 0 });
    db.close();
  });

  it("rejects bad records with their position and reason, and stores the rest", async () => {
    const dir = tempDir("bad");
    const rows = readFileSync(join(FIXTURES, "cables.csv"), "utf8");
    const secondRow = rows.indexOf('"2","');
    const firstRow = rows.slice(0, secondRow);
    const broken = "this line is not a row\n";
    // Row 1, a line that is no CSV row, row 2.
    const csv = firstRow + broken + rows.slice(secondRow);
    writeFileSync(join(dir, "cables.csv"), csv);
    writeFileSync(join(dir, "binary.txt"), Buffer.from([0x43, 0x00, 0x01, 0x02, 0xff, 0x00]));
    writeFileSync(join(dir, "empty.txt"), "");
    writeFileSync(join(dir, "note.txt"), "Lunch with the press attache moved to Thursday.\n");
    cpSync(join(FIXTURES, "mirror/03ANKARA4230.txt"), join(dir, "03ANKARA4230.txt"));

    const db = openArchive(join(dir, "archive.db"));
    const report = await ingest(db, [dir, join(dir, "absent.txt")], { workers: 0 });
    expect(counts(report)).toMatchObject({ new: 3, newVersions: 0, unchanged: 0 });
    const where = (file: string) => report.rejections.filter((r) => r.file === join(dir, file));

    const brokenLine = firstRow.split("\n").length;
    expect(where("cables.csv")).toEqual([
      expect.objectContaining({
        format: "csv",
        line: brokenLine,
        offset: Buffer.byteLength(firstRow),
        reason: expect.stringMatching(/row/),
      }),
    ]);
    expect(where("binary.txt")).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(/binary/) }),
    ]);
    expect(where("empty.txt")).toEqual([
      expect.objectContaining({ line: 1, offset: 0, reason: "empty file" }),
    ]);
    expect(where("note.txt")).toEqual([
      expect.objectContaining({ line: 1, reason: expect.stringMatching(/no reference id/) }),
    ]);
    expect(where("absent.txt")).toEqual([
      expect.objectContaining({ reason: "no such file or folder" }),
    ]);
    expect(report.rejected).toBe(5);
    expect(db.prepare("SELECT reference_id FROM cables ORDER BY 1").pluck().all()).toEqual([
      "03ANKARA4230",
      "66BUENOSAIRES2481",
      "72TEHRAN1164",
    ]);
    db.close();
  });
});
