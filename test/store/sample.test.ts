import { mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ingest } from "../../src/ingest/index.js";
import { openArchive } from "../../src/store/db.js";
import { archiveStats } from "../../src/store/stats.js";

/** data/sample is what a new installation ingests first: it must stay small and go in cleanly. */

const SAMPLE = new URL("../../data/sample/", import.meta.url).pathname;
const CSV_IDS = ["66BUENOSAIRES2481", "72TEHRAN1164"];

function files(dir: string): string[] {
  return readdirSync(join(SAMPLE, dir)).map((f) => join(dir, f));
}

/** The id a sample file holds, from its name (`08TRIPOLI220__heuer_cablemap.html` → 08TRIPOLI220). */
const idOf = (file: string) => file.split("/").pop()!.split(/__|\./)[0]!;

describe("the bundled sample", () => {
  const cableFiles = ["mirror", "html", "text", "scraped"].flatMap(files);

  it("stays under 10 MB and holds each cable once", () => {
    const bytes = [...cableFiles, "csv/cables.csv", "README.md"]
      .map((f) => statSync(join(SAMPLE, f)).size)
      .reduce((a, b) => a + b, 0);
    expect(bytes).toBeLessThanOrEqual(10 * 1024 * 1024);
    const ids = [...cableFiles.map(idOf), ...CSV_IDS];
    expect(ids.length).toBeGreaterThanOrEqual(950);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("goes into an empty archive whole: one new cable per id, nothing rejected", async () => {
    const db = openArchive(join(mkdtempSync(join(tmpdir(), "cg-sample-")), "sample.db"));
    const report = await ingest(db, [SAMPLE], { workers: 1 });
    const failures = report.rejections.map((r) => `${r.file}: ${r.reason}`).join("\n");
    expect(report.rejected, failures).toBe(0);
    const expected = cableFiles.length + CSV_IDS.length;
    expect(report).toMatchObject({ new: expected, newVersions: 0, unchanged: 0 });
    expect(report.skippedFiles).toEqual([
      { path: join(SAMPLE, "README.md"), reason: "documentation, not a cable" },
    ]);
    const stats = archiveStats(db);
    expect(stats.cables).toBe(expected);
    // The REF clusters resolve inside the sample: some cited cables are present.
    expect(stats.citedCables - stats.missingCables).toBeGreaterThan(100);
    db.close();
  }, 600_000);
});
