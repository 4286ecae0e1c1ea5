import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ingest } from "../../src/ingest/index.js";
import { openArchive } from "../../src/store/db.js";
import { copyInto, sampleCables, tempDir } from "./harness.js";

/**
 * Folders as people really have them: cables behind symbolic links, in dot-named folders, links
 * that loop back up the tree or point nowhere. Every cable is read exactly once, and every path
 * not read is in the report with its reason.
 */
describe("symlinked and hidden folders", () => {
  it("reads every cable once and reports every path it did not read", async () => {
    const cables = sampleCables(6);
    const root = tempDir("tree");
    const outside = tempDir("outside");
    const tree = join(root, "tree");
    mkdirSync(join(tree, "plain"), { recursive: true });
    mkdirSync(join(tree, ".hidden"));
    mkdirSync(join(tree, ".git"));
    copyInto(join(tree, "plain"), cables.slice(0, 2));
    copyInto(join(tree, ".hidden"), cables.slice(2, 4));
    copyInto(outside, cables.slice(4, 6));
    copyInto(join(tree, ".git"), cables.slice(0, 1));
    writeFileSync(join(tree, "plain", ".DS_Store"), "\0\0\x01Bud1");
    symlinkSync(outside, join(tree, "linked")); // a folder elsewhere: read
    symlinkSync(join(tree, "plain"), join(tree, "again")); // a second way into plain: once
    symlinkSync(tree, join(tree, "plain", "up")); // a loop back to the top: once
    symlinkSync(join(root, "gone"), join(tree, "dangling.txt")); // points nowhere: rejected

    const db = openArchive(join(root, "a.db"));
    const report = await ingest(db, [tree], { workers: 0 });
    expect({
      records: report.records,
      new: report.new,
      unchanged: report.unchanged,
      rejected: report.rejected,
    }).toEqual({ records: 7, new: 6, unchanged: 0, rejected: 1 });
    expect(db.prepare("SELECT count(*) FROM cables").pluck().get()).toBe(6);
    expect(report.rejections).toEqual([
      expect.objectContaining({
        file: join(tree, "dangling.txt"),
        reason: expect.stringMatching(/symbolic link to a path that does not exist/),
      }),
    ]);
    const skipped = Object.fromEntries(
      report.skippedFiles.map((s) => [s.path.slice(tree.length + 1), s.reason]),
    );
    expect(Object.keys(skipped).sort()).toEqual([".git", "again", "plain/.DS_Store", "plain/up"]);
    expect(skipped[".git"]).toMatch(/version-control/);
    expect(skipped.again).toMatch(/already read as .*plain/);
    expect(skipped["plain/up"]).toMatch(/already read as/);
    expect(skipped["plain/.DS_Store"]).toMatch(/hidden file/);
    db.close();
  });
});
