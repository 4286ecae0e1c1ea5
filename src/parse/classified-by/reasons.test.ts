import { describe, expect, it } from "vitest";
import { findSection, scanReasons } from "./reasons.js";

/** Codes of the first reason clause in a text, the way parseClassifiedBy reads them. */
function codes(text: string): string[] {
  const at = findSection(text, 0, text.length);
  return at < 0 ? [] : scanReasons(text, at, null).codes;
}

describe("reason codes", () => {
  it.each([
    ["1.4 (b) and (d).", ["1.4(b)", "1.4(d)"]],
    ["1.4(b), (d)", ["1.4(b)", "1.4(d)"]],
    ["1.4 (b,d)", ["1.4(b)", "1.4(d)"]],
    ["1.4 (b/d)", ["1.4(b)", "1.4(d)"]],
    ["1.4(b)(d)", ["1.4(b)", "1.4(d)"]],
    ["1.4 b and d", ["1.4(b)", "1.4(d)"]],
    ["1.4 (B, D)", ["1.4(b)", "1.4(d)"]],
    ["1.4 (b&d)", ["1.4(b)", "1.4(d)"]],
    ["1.4 (b+d).", ["1.4(b)", "1.4(d)"]],
    ["1.4 b, c, and d", ["1.4(b)", "1.4(c)", "1.4(d)"]],
    ["1.5 (b) (d)", ["1.5(b)", "1.5(d)"]],
    ["1.5 B,D", ["1.5(b)", "1.5(d)"]],
    ["1.5.D.", ["1.5(d)"]],
    ["1.5(D).", ["1.5(d)"]],
    ["REASONS: 1.5 (B), (C) AND (D).", ["1.5(b)", "1.5(c)", "1.5(d)"]],
    ["E.O. 12958, reasons 1.4 (b,d)", ["1.4(b)", "1.4(d)"]],
  ])("%s", (text, expected) => {
    expect(codes(text)).toEqual(expected);
  });

  it("survives wrap damage: 1. 4, 1 .4, ( b), (d ), a nd", () => {
    expect(codes("reasons 1. \n4 (b) and (d) \n")).toEqual(["1.4(b)", "1.4(d)"]);
    expect(codes("reasons 1 .4(b) and (d)")).toEqual(["1.4(b)", "1.4(d)"]);
    expect(codes("reasons 1.4 ( \nb) and (d)")).toEqual(["1.4(b)", "1.4(d)"]);
    expect(codes("reasons 1.4 (d \n) and (e).")).toEqual(["1.4(d)", "1.4(e)"]);
    expect(codes("reasons 1.4 (b) a \nnd (d)")).toEqual(["1.4(b)", "1.4(d)"]);
  });

  it("stops before the next sentence or paragraph", () => {
    expect(codes("1.5 (D). NIACT PRECEDENCE BECAUSE OF CRISIS")).toEqual(["1.5(d)"]);
    expect(codes("1.4(B), (D) \n\n(C) On November 26, the police")).toEqual(["1.4(b)", "1.4(d)"]);
    expect(codes("1.4 (b&d) (C) On March 30, the minister")).toEqual(["1.4(b)", "1.4(d)"]);
    expect(codes("1.4 (b) and (d) A meeting followed")).toEqual(["1.4(b)", "1.4(d)"]);
  });

  it("reads E.O. 12356 codes and letters without a section", () => {
    expect(codes("DECL: OADR REASON 1.3(a)(4)")).toEqual(["1.3(a)(4)"]);
    expect(scanReasons("b, d.", 0, "1.4").codes).toEqual(["1.4(b)", "1.4(d)"]);
    expect(scanReasons("b, d.", 0, null).codes).toEqual([]);
  });

  it("does not take the 1 of 12958 for a section", () => {
    expect(findSection("E.O. 12958", 0, 10)).toBe(-1);
  });
});
