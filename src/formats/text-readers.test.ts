import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repairDbRow } from "./db-row.js";
import { decodeBytes, decodeCp1252 } from "./decode.js";
import { readMirror } from "./mirror.js";
import { readRaw } from "./raw.js";
import type { RawRecord, ReadItem } from "./record.js";
import { readScraped } from "./scraped.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/formats/${name}`, import.meta.url));

function record(item: ReadItem): RawRecord {
  if (item.kind !== "record") throw new Error(`expected a record, got: ${item.reason}`);
  return item;
}

describe("text mirror reader", () => {
  it("reads the five metadata lines and keeps banner and body glued for split-header", () => {
    const rec = record(readMirror(fixture("05PARIS104.txt"), "05PARIS104.txt"));
    expect(rec.metadata).toEqual({
      referenceId: "05PARIS104",
      subject: "GTMO AND DJAMEL BEGHAL TRIAL UPDATES",
      created: "2005-01-06 17:05",
      classification: "SECRET",
      origin: "Embassy Paris",
    });
    expect(rec.header).toBeNull();
    expect(rec.body.startsWith("This record is a partial extract")).toBe(true);
    expect(rec.body).toContain("is not available.S E C R E T SECTION 01 OF 02 PARIS 000104");
    expect(rec.warnings).toEqual([]);
  });

  it("reads a malformed WikiLeaks id as written (canonicalisation comes later)", () => {
    const rec = record(readMirror(fixture("7575LIBREVILLE1895.txt"), "l.txt"));
    expect(rec.metadata.referenceId).toBe("7575LIBREVILLE1895");
    expect(rec.metadata.subject).toBeUndefined();
    expect(rec.body.startsWith("O R 181205Z NOV 75 ZFF4\nFM AMEMBASSY LIBREVILLE")).toBe(true);
  });

  it("repairs a database row glued into the text (09TRIPOLI417)", () => {
    const rec = record(readMirror(fixture("09TRIPOLI417.txt"), "t.txt"));
    expect(rec.header?.startsWith("VZCZCXRO2956\nPP RUEHBZ")).toBe(true);
    expect(rec.header).toContain("RUEHTRO/AMEMBASSY TRIPOLI 5383");
    expect(rec.body.startsWith("S E C R E T TRIPOLI 000417 \n \nSIPDIS")).toBe(true);
    expect(rec.body).not.toMatch(/\t|\\\n/);
    expect(rec.warnings[0]).toMatch(/raw database row .*duplicate header before it dropped/);
  });

  it("rejects a file cut short and a file that is not a mirror", () => {
    const cut = readMirror(Buffer.from("05PARIS104\nSUBJECT\n2005-01-06"), "c.txt");
    expect(cut).toMatchObject({
      kind: "error",
      reason: expect.stringMatching(/cut short: 3 of its 5/),
    });
    const other = readMirror(Buffer.from("VZCZC\nOO RUEHC\nDE RUEHC #1\nZNR\nO 1Z\nbody"), "o.txt");
    expect(other).toMatchObject({ kind: "error", reason: expect.stringMatching(/line 3 is not/) });
  });

  it("keeps a mirror with no text after its metadata, with a warning", () => {
    const rec = record(readMirror(Buffer.from("05X1\n\n2005-01-06 17:05\nSECRET\nEmbassy X"), "e"));
    expect(rec.metadata.origin).toBe("Embassy X");
    expect(rec.body).toBe("");
    expect(rec.warnings).toEqual(["no cable text after the five metadata lines"]);
  });
});

describe("raw telegram reader", () => {
  it("decodes a cp1252 CRLF file (PlusD via Tika) to LF text with the right characters", () => {
    const rec = readRaw(fixture("07KINGSTON382.txt"), "k.txt");
    expect(rec.body).not.toContain("\r");
    expect(rec.body.startsWith("\nVZCZCXYZ0015\nPP RUEHWEB\nDE RUEHKG #0382")).toBe(true);
    expect(rec.body).toMatch(/\n\u00b61\. /);
    expect(rec.warnings).toEqual([
      expect.stringMatching(
        /^not valid UTF-8 \(first bad byte at byte \d+\): decoded as windows-1252$/,
      ),
    ]);
    expect(rec.metadata).toEqual({});
  });

  it("takes PlusD's own id line as metadata (00HANOI686)", () => {
    const rec = readRaw(fixture("00HANOI686.txt"), "h.txt");
    expect(rec.metadata).toEqual({ referenceId: "2000HANOI00686", classification: "CONFIDENTIAL" });
    expect(rec.body.startsWith("This record is a partial extract")).toBe(true);
    expect(rec.body).not.toContain("2000HANOI00686 -");
  });
});

describe("scraped copy reader", () => {
  it("keeps the copy's text as is: link debris is normalize's job", () => {
    const rec = readScraped(fixture("05ALMATY2121.md"), "a.md");
    expect(rec.source.format).toBe("scraped");
    expect(rec.metadata).toEqual({});
    expect(rec.body).toContain("TAGS: [KZ](#) [MOPS](#)");
    expect(rec.body).toContain("[1](#)2. (C) As reported ref A");
  });
});

describe("charset decoding", () => {
  it("maps the cp1252 0x80-0x9F range to the right characters", () => {
    expect(decodeCp1252(Buffer.from([0x93, 0x41, 0x94, 0x96, 0x80, 0xb6]))).toBe(
      "\u201cA\u201d\u2013\u20ac\u00b6",
    );
  });

  it("keeps UTF-8 with a few damaged bytes as UTF-8 and says where", () => {
    const bytes = Buffer.concat([
      Buffer.from("SPAIN\u2019S caf\u00e9 "),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from(" \u2019end"),
    ]);
    const out = decodeBytes(bytes);
    expect(out.text).toBe("SPAIN\u2019S caf\u00e9 \ufffd(\ufffd \u2019end");
    expect(out.warnings).toEqual([
      "invalid UTF-8: 2 byte(s) replaced by U+FFFD (first at byte 16)",
    ]);
  });

  it("strips a UTF-8 byte-order mark and reads UTF-16 with one", () => {
    expect(decodeBytes(Buffer.from("\ufeffSECRET")).text).toBe("SECRET");
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("TAGS: PREL", "utf16le")]);
    expect(decodeBytes(utf16).text).toBe("TAGS: PREL");
  });

  it("keeps a literal U+FFFD in valid UTF-8 without a warning", () => {
    expect(decodeBytes(Buffer.from("a\ufffdb"))).toEqual({ text: "a\ufffdb", warnings: [] });
  });

  it("reads the common ¶ and typographic-quote files exactly as UTF-8 decoding does", () => {
    // The fast path (ASCII runs, C2 xx and E2 xx xx by hand) and its fall-backs: other non-ASCII
    // characters, a sequence cut at the end of the file, a lone lead byte.
    const texts = [
      "\u00b61. (C) SPAIN\u2019S \u201cnew\u201d line \u2013 end\u2026",
      "\u00b6",
      "plain ASCII only\n",
      "caf\u00e9 \u00b6 \u2019 \u0425 \u{1F600}",
    ];
    for (const t of texts) {
      expect(decodeBytes(Buffer.from(t))).toEqual({ text: t, warnings: [] });
    }
    // Broken sequences leave the fast path: with no valid sequence the file is cp1252.
    expect(decodeBytes(Buffer.from([0x41, 0xe2, 0x80]))).toEqual({
      text: "A\u00e2\u20ac",
      warnings: ["not valid UTF-8 (first bad byte at byte 1): decoded as windows-1252"],
    });
    expect(decodeBytes(Buffer.from([0x41, 0xc2, 0x41, 0xb6])).text).toBe("A\u00c2A\u00b6");
  });

  it("reads a ¶-only file (ASCII and C2 xx, no E2) exactly as UTF-8 decoding does", () => {
    const texts = [
      "\u00b61. (C) First.\n\u00b62. (S/NF) Second \u00a7 \u00bd\n\u00b6",
      "\u00b6\u00b6\u00b6",
      "\u00c2 is \u00c2\u00b6 and \u00e9", // a real Â is C3 82: the general path
    ];
    for (const t of texts) {
      expect(decodeBytes(Buffer.from(t))).toEqual({ text: t, warnings: [] });
    }
    // C2 followed by a byte that is no continuation: not UTF-8, read as cp1252.
    expect(decodeBytes(Buffer.from([0x41, 0xc2, 0xb6, 0x42, 0xc2]))).toEqual({
      text: "A\u00c2\u00b6B\u00c2",
      warnings: ["not valid UTF-8 (first bad byte at byte 4): decoded as windows-1252"],
    });
  });
});

describe("database row repair", () => {
  it("leaves ordinary text with tabs alone", () => {
    expect(repairDbRow("a\tb\tc\\\nd\te")).toBeNull();
    expect(repairDbRow("no tabs here\\\n")).toBeNull();
  });
});
