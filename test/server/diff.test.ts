import { describe, expect, it } from "vitest";
import { lineDiff } from "../../src/server/data/diff.js";

// Lines from 08TRIPOLI564 as first and later released.
const OLD = [
  "SUBJECT: NATIONAL OIL CORPORATION CHAIRMAN SHUKRI GHANEM MAY SEEK TO",
  "RESIGN SOON",
  "",
  "REF: TRIPOLI 227",
  "",
  "1. (S/NF) Summary: A close friend of National Oil Corporation (NOC)",
  "Chairman Shukri Ghanem told us that Ghanem is under pressure.",
  "End summary.",
].join("\n");

describe("lineDiff", () => {
  it("finds a changed line with its context", () => {
    const d = lineDiff(OLD, OLD.replace("A close friend", "A longtime friend"));
    expect(d).toMatchObject({ added: 1, removed: 1, tooLarge: false });
    expect(d.hunks).toHaveLength(1);
    const h = d.hunks[0]!;
    expect(h.oldStart).toBe(4);
    expect(h.lines.map((l) => l.op).join("")).toBe("  -+  ");
    expect(h.lines[2]!.text).toMatch(/A close friend/);
    expect(h.lines[3]!.text).toMatch(/A longtime friend/);
  });

  it("reports insertions and deletions at both ends in separate hunks", () => {
    const lines = OLD.split("\n");
    const changed = ["UNCLAS", ...lines.slice(0, -1)].join("\n");
    const d = lineDiff(OLD, changed);
    expect(d.added).toBe(1);
    expect(d.removed).toBe(1);
    expect(d.hunks.map((h) => h.lines.filter((l) => l.op !== " ").map((l) => l.op))).toEqual([
      ["+"],
      ["-"],
    ]);
  });

  it("finds nothing between equal texts", () => {
    expect(lineDiff(OLD, OLD)).toEqual({ hunks: [], added: 0, removed: 0, tooLarge: false });
  });

  it("gives up on texts that differ in too many lines, quickly", () => {
    const a = Array.from({ length: 5000 }, (_, i) => `line ${i}`).join("\n");
    const b = Array.from({ length: 5000 }, (_, i) => `other ${i}`).join("\n");
    const started = performance.now();
    expect(lineDiff(a, b).tooLarge).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
