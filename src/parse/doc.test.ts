import { describe, expect, it } from "vitest";
import { docMemo, makeDoc } from "./doc.js";

describe("docMemo", () => {
  it("derives once per doc, separately for each doc", () => {
    let calls = 0;
    const lineCount = docMemo((doc) => {
      calls++;
      return doc.text.split("\n").length;
    });
    const a = makeDoc("CONFIDENTIAL\nSUBJECT: TALKS");
    const b = makeDoc("UNCLASSIFIED");
    expect([lineCount(a), lineCount(a), lineCount(b), lineCount(a)]).toEqual([2, 2, 1, 2]);
    expect(calls).toBe(2);
  });

  it("derives again when the doc's text was replaced", () => {
    const length = docMemo((doc) => doc.text.length);
    const doc = makeDoc("SECRET");
    expect(length(doc)).toBe(6);
    doc.text = "SECRET//NOFORN";
    expect(length(doc)).toBe(14);
  });

  it("keeps the memos of different derivations apart", () => {
    const first = docMemo((doc) => doc.text.slice(0, 3));
    const last = docMemo((doc) => doc.text.slice(-3));
    const doc = makeDoc("E.O. 12958: DECL: 10/10/2018");
    expect([first(doc), last(doc), first(doc)]).toEqual(["E.O", "018", "E.O"]);
  });
});
