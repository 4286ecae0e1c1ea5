import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CableCsvParser, rowStartAt } from "./csv.js";
import type { RawRecord, ReadError, ReadItem } from "./record.js";

const SAMPLE = readFileSync(
  new URL("../../test/fixtures/formats/cables_csv_sample.csv", import.meta.url),
);

/** Run the parser over `bytes` cut into chunks of `size` bytes (Infinity: one chunk). */
function parse(bytes: Uint8Array | string, size = Number.POSITIVE_INFINITY, maxRowBytes?: number) {
  const buf = typeof bytes === "string" ? Buffer.from(bytes) : Buffer.from(bytes);
  const parser = new CableCsvParser("t.csv", maxRowBytes ? { maxRowBytes } : {});
  const items: ReadItem[] = [];
  const step = Number.isFinite(size) ? size : Math.max(1, buf.length);
  for (let i = 0; i < buf.length; i += step) items.push(...parser.push(buf.subarray(i, i + step)));
  items.push(...parser.end());
  return items;
}

const records = (items: ReadItem[]) => items.filter((i): i is RawRecord => i.kind === "record");
const errors = (items: ReadItem[]) => items.filter((i): i is ReadError => i.kind === "error");

/** A cables.csv row as the export writes it: quoted fields, `\"` escapes. */
function row(n: number, body: string, extra: Partial<{ id: string; header: string }> = {}) {
  const q = (s: string) => `"${s.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
  return [
    q(String(n)),
    q("6/6/2005 14:16"),
    q(extra.id ?? `05ALMATY${n}`),
    q("Embassy Almaty"),
    q("CONFIDENTIAL"),
    q(""),
    q(extra.header ?? ""),
    q(body),
  ].join(",");
}

describe("cables.csv reader on the real sample", () => {
  it("reads both rows with their metadata, header and unescaped body", () => {
    const items = parse(SAMPLE);
    expect(errors(items)).toEqual([]);
    const [first, second] = records(items);
    expect(first!.metadata).toEqual({
      referenceId: "66BUENOSAIRES2481",
      created: "12/28/1966 18:48",
      origin: "Embassy Buenos Aires",
      classification: "UNCLASSIFIED",
      references: ["66STATE106206"],
    });
    expect(first!.header?.startsWith("P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES")).toBe(true);
    expect(first!.body.startsWith("UNCLASSIFIED BUENOS AIRES 2481")).toBe(true);
    expect(first!.body).toContain('OF "PREFERENTIAL JURISDICTION" FOR FISHING');
    expect(first!.body).toContain("FONOFF LEGAL ADVISORS' QUALMS");
    expect(first!.body).not.toContain("\\");
    expect(second!.metadata.references).toEqual(["72MOSCOW1603", "72TEHRAN1091", "72TEHRAN263"]);
    expect(second!.body).toContain("SHAH'S REQUEST");
  });

  it("gives each row's byte offset and line", () => {
    const [first, second] = records(parse(SAMPLE));
    expect(first!.source).toEqual({ format: "csv", file: "t.csv", offset: 0, line: 1 });
    expect(second!.source).toMatchObject({ offset: 5138, line: 116 });
  });

  it("gives the same records whatever the chunk size", () => {
    const whole = parse(SAMPLE);
    for (const size of [1, 2, 3, 7, 64, 1000]) expect(parse(SAMPLE, size)).toEqual(whole);
  });
});

describe("cables.csv escapes", () => {
  it("turns backslash-newline, \\\" and \\' into the characters they escape", () => {
    const text = `"1","6/6/2005 14:16","05ALMATY1","E","C","","VZCZC\\\nOO RUEH","it\\'s \\"so\\"\\\r\nend"\n`;
    const [rec] = records(parse(text));
    expect(rec!.header).toBe("VZCZC\nOO RUEH");
    expect(rec!.body).toBe(`it's "so"\nend`);
  });

  it("reads a doubled quote as one quote and an empty field as empty", () => {
    const text = `"1","6/6/2005 14:16","05ALMATY1","","C","","","say ""hi"""\n`;
    const [rec] = records(parse(text));
    expect(rec!.body).toBe('say "hi"');
    expect(rec!.metadata.origin).toBeUndefined();
    expect(rec!.header).toBeNull();
  });

  it("accepts a last row without a final newline, and CRLF row ends", () => {
    const text = `${row(1, "a")}\r\n${row(2, "b")}`;
    expect(records(parse(text)).map((r) => r.body)).toEqual(["a", "b"]);
  });

  it("recognises the row-start pattern, asking for more bytes when cut", () => {
    const b = Buffer.from('"12","6/6/2005 14:16","x"');
    expect(rowStartAt(b, 0)).toBe(1);
    expect(rowStartAt(b.subarray(0, 10), 0)).toBe(-1);
    expect(rowStartAt(Buffer.from('"12","June 6",'), 0)).toBe(0);
  });
});

describe("cables.csv damage", () => {
  it("reports a row whose closing quote is missing and reads the next row", () => {
    const damaged = row(2, "text").slice(0, -1); // drop the body's closing quote
    const text = `${row(1, "one")}\n${damaged}\nmore text\n${row(3, "three")}\n`;
    const items = parse(text, 5);
    expect(records(items).map((r) => r.body)).toEqual(["one", "three"]);
    const [err] = errors(items);
    expect(err!.source.line).toBe(2);
    expect(err!.source.offset).toBe(row(1, "one").length + 1);
    expect(err!.reason).toMatch(
      /field 8 \(body\) has no closing quote; the next row starts at line 4/,
    );
  });

  it("reports a file cut inside a quoted field (truncated CSV)", () => {
    const cut = SAMPLE.subarray(0, 5138 + 600);
    const items = parse(cut, 4096);
    expect(records(items)).toHaveLength(1);
    const [err] = errors(items);
    expect(err!.source).toMatchObject({ line: 116, offset: 5138 });
    expect(err!.reason).toMatch(/file ends inside field 8 \(body\): no closing quote/);
  });

  it("reads a 10 MB field", () => {
    const big = "X".repeat(10 * 1024 * 1024);
    const items = parse(`${row(1, big)}\n${row(2, "after")}\n`, 1 << 16);
    expect(errors(items)).toEqual([]);
    expect(records(items).map((r) => r.body.length)).toEqual([big.length, 5]);
  });

  it("bounds a runaway row by maxRowBytes and resynchronises on the next row", () => {
    const text = `${row(1, "Y".repeat(5000))}\n${row(2, "ok")}\n`;
    const items = parse(text, 256, 1000);
    expect(records(items).map((r) => r.body)).toEqual(["ok"]);
    expect(errors(items)[0]!.reason).toMatch(/row longer than .* resumed at line 2/);
  });

  it("skips lines that are not rows (a header line, junk) with one error", () => {
    const text = `id,date,body\njunk "quoted"\n${row(1, "one")}\n`;
    const items = parse(text);
    expect(records(items).map((r) => r.body)).toEqual(["one"]);
    expect(errors(items)).toEqual([
      {
        kind: "error",
        source: { format: "csv", file: "t.csv", offset: 0, line: 1 },
        reason: expect.stringMatching(/not a cables.csv row.*resumed at line 3/),
      },
    ]);
  });

  it("reports a row with the wrong number of fields", () => {
    const text = `"1","6/6/2005 14:16","05ALMATY1"\n${row(2, "two")}\n`;
    const items = parse(text);
    expect(errors(items)[0]!.reason).toBe("row has 3 fields, expected 8");
    expect(records(items).map((r) => r.body)).toEqual(["two"]);
  });

  it("reports an unquoted field", () => {
    const text = `"1","6/6/2005 14:16",05ALMATY1,"E","C","","","b"\n${row(2, "two")}\n`;
    const items = parse(text);
    expect(errors(items)[0]!.reason).toMatch(/field 3 \(id\) is not quoted/);
    expect(records(items)).toHaveLength(1);
  });

  it("decodes a body with invalid UTF-8 and says so", () => {
    const head = Buffer.from(`"1","6/6/2005 14:16","05ALMATY1","E","C","","","`);
    const body = Buffer.from([0x31, 0xb6, 0x20, 0x28, 0x43, 0x29]); // cp1252 `1¶ (C)`
    const items = parse(Buffer.concat([head, body, Buffer.from('"\n')]));
    const [rec] = records(items);
    expect(rec!.body).toBe("1\u00b6 (C)");
    expect(rec!.warnings[0]).toMatch(/windows-1252/);
    expect(rec!.warnings[0]).toMatch(/field body/);
  });

  it("survives random bytes", () => {
    let seed = 7;
    const junk = Buffer.alloc(100_000);
    for (let i = 0; i < junk.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      junk[i] = seed >> 16;
    }
    const items = parse(junk, 4096);
    expect(records(items)).toEqual([]);
    expect(errors(items).length).toBeGreaterThan(0);
  });
});
