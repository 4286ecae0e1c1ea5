import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { detectFormat, type ReadItem, readSource, readStream } from "./index.js";

const FIXTURES = new URL("../../test/fixtures/formats/", import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), "cablegram-formats-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function all(gen: AsyncGenerator<ReadItem>): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of gen) items.push(item);
  return items;
}

function temp(name: string, content: Uint8Array | string): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

function randomBytes(n: number, seed = 1): Buffer {
  const out = Buffer.alloc(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    out[i] = s >> 16;
  }
  return out;
}

describe("format detection", () => {
  const head = (name: string) => readFileSync(join(FIXTURES, name)).subarray(0, 65536);

  it("recognises each fixture by its content, whatever its name", () => {
    expect(detectFormat(head("cables_csv_sample.csv"), "x.bin")).toBe("csv");
    expect(detectFormat(head("05PARIS104.html"), "x.txt")).toBe("html");
    expect(detectFormat(head("05PARIS104.txt"), "x")).toBe("mirror");
    expect(detectFormat(head("7575LIBREVILLE1895.txt"), "x")).toBe("mirror");
    expect(detectFormat(head("07KINGSTON382.txt"), "x.txt")).toBe("raw");
    expect(detectFormat(head("05ALMATY2121.md"), "x.txt")).toBe("scraped");
  });

  it("falls back on the extension, then on raw text", () => {
    const text = Buffer.from("UNCLAS STATE 150591\nSUBJECT: X\n");
    expect(detectFormat(text, "a.md")).toBe("scraped");
    expect(detectFormat(text, "a.CSV")).toBe("csv");
    expect(detectFormat(text, "a.htm")).toBe("html");
    expect(detectFormat(text, "a.txt")).toBe("raw");
  });

  it("recognises a page saved without its preamble by the metadata table", () => {
    const page = Buffer.from("<div><table class='cable'><tr><td>x</td></tr></table></div>");
    expect(detectFormat(page, "page")).toBe("html");
  });
});

describe("readSource", () => {
  it("reads every fixture format through detection, with provenance", async () => {
    const formats: Record<string, string> = {
      "cables_csv_sample.csv": "csv,csv",
      "05PARIS104.html": "html",
      "05PARIS104.txt": "mirror",
      "07KINGSTON382.txt": "raw",
      "05ALMATY2121.md": "scraped",
    };
    for (const [name, expected] of Object.entries(formats)) {
      const items = await all(readSource(join(FIXTURES, name)));
      expect(items.map((i) => (i.kind === "record" ? i.source.format : i.reason)).join()).toBe(
        expected,
      );
      expect(items[0]!.source.file).toBe(join(FIXTURES, name));
    }
  });

  it("obeys a forced format", async () => {
    const [item] = await all(readSource(join(FIXTURES, "05PARIS104.txt"), { format: "raw" }));
    expect(item).toMatchObject({ kind: "record", source: { format: "raw" }, metadata: {} });
  });

  it("answers bad input with one clear error each", async () => {
    const junk = randomBytes(5000);
    const cases: [string, Uint8Array | string, RegExp, number][] = [
      ["empty.txt", "", /^empty file$/, 0],
      ["blank.txt", " \r\n\n\t ", /only whitespace/, 0],
      ["junk.bin", junk, /^binary data, not cable text/, junk.indexOf(0)],
      ["junk.html", Buffer.concat([Buffer.from("<html>\n\n"), Buffer.alloc(10)]), /binary/, 8],
    ];
    for (const [name, content, reason, offset] of cases) {
      const items = await all(readSource(temp(name, content)));
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ kind: "error", reason: expect.stringMatching(reason) });
      expect(items[0]!.source.offset).toBe(offset);
    }
    const [missing] = await all(readSource(join(tmp, "nope.txt")));
    expect(missing).toMatchObject({ kind: "error", reason: "no such file" });
    const [dir] = await all(readSource(tmp));
    expect(dir).toMatchObject({ kind: "error", reason: "is a directory, not a file" });
  });

  it("reads a truncated HTML page and a truncated CSV as errors, not crashes", async () => {
    const page = readFileSync(join(FIXTURES, "05PARIS104.html"));
    const [html] = await all(readSource(temp("cut.html", page.subarray(0, page.length / 2))));
    expect(html).toMatchObject({ kind: "error", source: { format: "html" } });
    const csv = readFileSync(join(FIXTURES, "cables_csv_sample.csv"));
    const items = await all(readSource(temp("cut.csv", csv.subarray(0, 8000))));
    expect(items.map((i) => i.kind)).toEqual(["record", "error"]);
  });

  it("reads invalid UTF-8 as text with a warning", async () => {
    const bytes = Buffer.concat([
      Buffer.from("UNCLAS STATE 1\n\u00b61. SPAIN\u2019S MUELLER\u2019S "),
      Buffer.from([0xff, 0xfe, 0x41]),
    ]);
    const [item] = await all(readSource(temp("bad-utf8.txt", bytes)));
    expect(item).toMatchObject({
      kind: "record",
      warnings: [expect.stringMatching(/invalid UTF-8/)],
    });
  });
});

describe("readStream (stdin)", () => {
  it("detects and reads a CSV and an HTML page arriving in small chunks", async () => {
    const chunks = (buf: Buffer, size: number) => {
      const out: Buffer[] = [];
      for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, i + size));
      return Readable.from(out);
    };
    const csv = readFileSync(join(FIXTURES, "cables_csv_sample.csv"));
    const csvItems = await all(readStream(chunks(csv, 1000), { name: "-" }));
    expect(csvItems.map((i) => i.kind === "record" && i.metadata.referenceId)).toEqual([
      "66BUENOSAIRES2481",
      "72TEHRAN1164",
    ]);
    expect(csvItems[1]!.source).toEqual({ format: "csv", file: "-", offset: 5138, line: 116 });
    const html = readFileSync(join(FIXTURES, "05PARIS104.html"));
    const [page] = await all(readStream(chunks(html, 4096), { name: "-" }));
    expect(page).toMatchObject({ kind: "record", metadata: { referenceId: "05PARIS104" } });
  });

  it("reports a stream that fails mid-way", async () => {
    async function* failing() {
      yield Buffer.from("UNCLAS STATE 1\n");
      throw new Error("connection reset");
    }
    const [item] = await all(readStream(failing(), { name: "-" }));
    expect(item).toMatchObject({ kind: "error", reason: "cannot read: connection reset" });
  });
});

describe("streaming a large cables.csv", () => {
  it("reads a 160 MB file with bounded memory", async () => {
    // Mostly plain text with a few escapes, like the real file (escapes are the slow path).
    const body = `\\"REF\\" ${"THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG.\n".repeat(220)}`;
    const rows = 16_000; // × 10 KB
    const path = join(tmp, "big.csv");
    const parts: string[] = [];
    for (let i = 1; i <= rows; i++) {
      parts.push(`"${i}","6/6/2005 14:16","05ALMATY${i}","E","C","","H","${body}"\n`);
      if (parts.length === 1000) {
        writeFileSync(path, parts.join(""), { flag: i === 1000 ? "w" : "a" });
        parts.length = 0;
      }
    }
    const before = process.memoryUsage();
    let peak = 0;
    let count = 0;
    for await (const item of readSource(path)) {
      if (item.kind !== "record") throw new Error(item.reason);
      count++;
      if (count % 500 === 0) {
        const now = process.memoryUsage();
        peak = Math.max(
          peak,
          now.rss - before.rss,
          now.heapUsed + now.external - before.heapUsed - before.external,
        );
      }
    }
    rmSync(path);
    expect(count).toBe(rows);
    // Reading it whole would hold ≥ 160 MB of bytes plus the decoded strings.
    expect(peak).toBeLessThan(64 * 1024 * 1024);
  });
});
