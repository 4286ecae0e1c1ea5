import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ingest } from "../../src/ingest/index.js";
import { openArchive } from "../../src/store/db.js";
import { getCable } from "../../src/store/read.js";
import { sampleCables, tempDir } from "./harness.js";

/**
 * Encodings that tools produce and cables never had: UTF-16 without a byte-order mark (Windows
 * exports), stray NUL bytes in an otherwise good CRLF file. Each cable is stored, equal to the
 * clean copy, with a warning; binary junk is still rejected at its first NUL.
 */

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, "utf16le");
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
}

describe("input encodings", () => {
  it("stores UTF-16 without a BOM and text with stray NULs, each with a warning", async () => {
    const [source] = sampleCables(1);
    const text = readFileSync(source!, "utf8");
    const id = text.split("\n", 1)[0]!.trim();
    const crlf = text.replace(/\n/g, "\r\n");
    const at = crlf.indexOf("\r\n", 400);
    const withNuls = Buffer.concat([
      Buffer.from(crlf.slice(0, at)),
      Buffer.from([0, 0]),
      Buffer.from(crlf.slice(at)),
    ]);
    const variants: [string, Buffer, RegExp][] = [
      ["utf16le.txt", Buffer.from(text, "utf16le"), /UTF-16LE \(no byte-order mark/],
      ["utf16be.txt", utf16be(text), /UTF-16BE \(no byte-order mark/],
      ["nuls.txt", withNuls, /removed 2 stray NUL byte\(s\) \(first at byte \d+\)/],
    ];
    const clean = openArchive(":memory:");
    const dirClean = tempDir("clean");
    writeFileSync(join(dirClean, "clean.txt"), text);
    await ingest(clean, [join(dirClean, "clean.txt")], { workers: 0 });
    const expected = getCable(clean, id)!;

    for (const [name, bytes, warning] of variants) {
      const dir = tempDir("enc");
      writeFileSync(join(dir, name), bytes);
      const db = openArchive(":memory:");
      const report = await ingest(db, [join(dir, name)], { workers: 0 });
      expect(report, name).toMatchObject({ records: 1, new: 1, rejected: 0 });
      const cable = getCable(db, id)!;
      expect(cable.warnings.join("\n"), name).toMatch(warning);
      expect(cable.body, name).toBe(expected.body);
      expect(cable.subject, name).toBe(expected.subject);
      db.close();
    }
  });

  it("still rejects binary data, at its first NUL", async () => {
    const dir = tempDir("binary");
    const junk = Buffer.alloc(4096);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) % 251;
    writeFileSync(join(dir, "junk.txt"), junk);
    const db = openArchive(":memory:");
    const report = await ingest(db, [dir], { workers: 0 });
    expect(report).toMatchObject({ records: 1, new: 0, rejected: 1 });
    expect(report.rejections[0]).toMatchObject({
      offset: junk.indexOf(0),
      reason: expect.stringMatching(/^binary data/),
    });
    db.close();
  });
});
