import { describe, expect, it, vi } from "vitest";
import type { RawRecord } from "../formats/record.js";

// A parser bug, simulated: the real parser for every record but one that makes it throw.
vi.mock("../parse/index.js", async (original) => {
  const real = await original<typeof import("../parse/index.js")>();
  return {
    ...real,
    parseRecord: (rec: RawRecord, ctx?: Parameters<typeof real.parseRecord>[1]) => {
      if (rec.body.includes("TRIGGER")) throw new RangeError("Maximum call stack size exceeded");
      return real.parseRecord(rec, ctx);
    },
    parseRecords: (recs: readonly RawRecord[]) => {
      if (recs.some((r) => r.body.includes("TRIGGER"))) {
        throw new RangeError("Maximum call stack size exceeded");
      }
      return real.parseRecords(recs);
    },
  };
});
const { PARSE_CHUNK, prepareItem, prepareItems, storeRejection } = await import("./prepare.js");

function record(body: string, referenceId?: string): RawRecord {
  return {
    kind: "record",
    source: { format: "raw", file: "in.txt", offset: 120, line: 7 },
    metadata: referenceId ? { referenceId } : {},
    header: null,
    body,
    warnings: [],
  };
}

describe("prepareItem", () => {
  it("turns a parser exception into a rejection naming the record", () => {
    expect(prepareItem(record("TRIGGER", "05ALMATY2121"))).toEqual({
      kind: "rejected",
      source: { format: "raw", file: "in.txt", offset: 120, line: 7 },
      reason: "parse failed: Maximum call stack size exceeded",
      referenceId: "05ALMATY2121",
    });
  });

  it("passes read errors through as rejections", () => {
    const source = { format: "csv" as const, file: "cables.csv", offset: 9, line: 2 };
    expect(prepareItem({ kind: "error", source, reason: "row has 7 fields, expected 8" })).toEqual({
      kind: "rejected",
      source,
      reason: "row has 7 fields, expected 8",
      referenceId: null,
    });
  });

  it("prepares a cable with its hashes and slim JSON", () => {
    const p = prepareItem(
      record("C O N F I D E N T I A L ALMATY 002121\n\n1. (C) Text.\n", "05ALMATY2121"),
    );
    expect(p.kind).toBe("cable");
    if (p.kind !== "cable") return;
    expect(p.cable.referenceId).toBe("05ALMATY2121");
    expect(p.textHash).toMatch(/^[0-9a-f]{40}$/);
    expect(p.contentHash).toMatch(/^[0-9a-f]{40}$/);
    expect(JSON.parse(p.slimJson).body).toBe("");
  });
});

describe("storeRejection", () => {
  it("rejects a cable the archive refused with its id, place and the archive's message", () => {
    const p = prepareItem(
      record("C O N F I D E N T I A L ALMATY 002121\n\n1. (C) Text.\n", "05ALMATY2121"),
    );
    if (p.kind !== "cable") throw new Error("the record did not parse");
    const refused = Object.assign(new Error("CHECK constraint failed: serial"), { code: "23514" });
    expect(storeRejection(p, refused)).toEqual({
      kind: "rejected",
      source: { format: "raw", file: "in.txt", offset: 120, line: 7 },
      reason: "cannot store: CHECK constraint failed: serial",
      referenceId: "05ALMATY2121",
    });
    expect(storeRejection(p, "disk quota").reason).toBe("cannot store: disk quota");
  });
});

describe("prepareItem without an id in the text", () => {
  const header = "O 131830Z JUN 00\nFM AMEMBASSY DAMASCUS\nTO SECSTATE WASHDC IMMEDIATE 1438\n";
  const at = (file: string): RawRecord => ({
    ...record(header),
    source: { format: "raw", file, offset: 0, line: 1 },
  });

  it("takes the id from a file named like one, and says so", () => {
    const p = prepareItem(at("cables/00DAMASCUS3013.txt"));
    expect(p.kind).toBe("cable");
    if (p.kind !== "cable") return;
    expect(p.cable.referenceId).toBe("00DAMASCUS3013");
    expect(p.cable.warnings.at(-1)).toMatch(/taken from the file name 00DAMASCUS3013\.txt/);
  });

  it("rejects it when the file name is not an id", () => {
    expect(prepareItem(at("notes/damascus.txt"))).toMatchObject({
      kind: "rejected",
      reason: expect.stringMatching(/^no reference id/),
    });
  });
});

describe("prepareItems", () => {
  const cable = (serial: number) =>
    record(
      `C O N F I D E N T I A L ALMATY 00${serial}\n\n1. (C) Text ${serial}.\n`,
      `05ALMATY${serial}`,
    );

  it("gives what prepareItem gives, item for item, across chunks", () => {
    const items = Array.from({ length: PARSE_CHUNK + 10 }, (_, i) => cable(2000 + i));
    const starts: number[] = [];
    const batch = prepareItems(items, (start) => starts.push(start));
    expect(starts).toEqual([0, PARSE_CHUNK]);
    expect(batch).toEqual(items.map((it) => prepareItem(it)));
  });

  it("rejects only the record that makes the parser throw, keeping the order", () => {
    const source = { format: "csv" as const, file: "cables.csv", offset: 9, line: 2 };
    const items = [
      cable(2121),
      { kind: "error" as const, source, reason: "row has 7 fields, expected 8" },
      record("TRIGGER", "05ALMATY2122"),
      cable(2123),
    ];
    const out = prepareItems(items);
    expect(out.map((p) => (p.kind === "cable" ? p.cable.referenceId : p.reason))).toEqual([
      "05ALMATY2121",
      "row has 7 fields, expected 8",
      "parse failed: Maximum call stack size exceeded",
      "05ALMATY2123",
    ]);
  });
});
