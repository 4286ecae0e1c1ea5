import { describe, expect, it } from "vitest";
import { captionArea, captionAreaEnd, proseStart } from "./caption-area.js";
import { makeDoc } from "./doc.js";

describe("captionAreaEnd", () => {
  it("ends at paragraph 1 in its written forms", () => {
    const text =
      "C O N F I D E N T I A L TRIPOLI 000453\n\nTAGS: PREL SY LE LY\nSUBJECT: QADHAFI AND ASAD\n\n¶1. (C) Summary: ...";
    expect(captionArea(makeDoc(text)).endsWith("QADHAFI AND ASAD\n\n")).toBe(true);
    expect(captionAreaEnd(makeDoc("SUBJECT: X\n1.(C) Summary"))).toBe(11);
    expect(captionAreaEnd(makeDoc("SUBJECT: X\n¶\n1.  (U) CLASSIFIED BY"))).toBe(13);
  });

  it("ends at an unnumbered summary and inside run-together SMART text", () => {
    expect(captionAreaEnd(makeDoc("REF: STATE 1\n\nSUMMARY\n-------\n\n1. ..."))).toBe(14);
    const smart = `SIPDIS E.O. 12958: DECL: 01/04/2020 TAGS: MASS SUBJECT: X ${"y ".repeat(200)} 1. (C) The text.`;
    expect(smart.slice(captionAreaEnd(makeDoc(smart)))).toBe(" 1. (C) The text.");
  });

  it("does not take a reason code or a REF number for paragraph 1", () => {
    const text = "Classified By: DCM X, reasons\n1.4 (b) and (d)\nREF: A. STATE 1\n\n1. (C) Text";
    expect(text.slice(captionAreaEnd(makeDoc(text)))).toBe("1. (C) Text");
  });

  it("falls back to a window without paragraph 1 and memoises per doc", () => {
    const doc = makeDoc("x".repeat(5000));
    expect(captionAreaEnd(doc)).toBe(2500);
    expect(captionAreaEnd(doc)).toBe(2500);
    expect(captionAreaEnd(makeDoc("STEVENS"))).toBe(7);
  });
});

describe("proseStart", () => {
  it("is the caption area's end where paragraph 1 opens the text", () => {
    const doc = makeDoc("TAGS: PREL\nSUBJECT: X\n\n1. (C) Text");
    expect(proseStart(doc)).toBe(captionAreaEnd(doc));
  });

  it("in a cable without numbered paragraphs, follows the last caption label's block", () => {
    const text =
      "UNCLAS LONDON 002187\n\nSIPDIS\n\nE.O. 12958: N/A\nTAGS: KNNP UK\nSUBJECT: AGENDA FOR\nNPT TALKS\n\nREF: STATE 96412\n  B. STATE 2\n\nPoloff shared the agenda.\nSUSMAN\n";
    const doc = makeDoc(text);
    expect(captionAreaEnd(doc)).toBe(text.length);
    expect(text.slice(proseStart(doc)).trim()).toBe("Poloff shared the agenda.\nSUSMAN");
  });

  it("takes a label only with its colon: prose may open a line with `Reason` or `Subject`", () => {
    const text = `TAGS: PREL\nSUBJECT: X\n\nA. (U) POST: The Hague.\nReason to believe the filming\nwas hostile.${" y".repeat(1300)}`;
    expect(text.slice(proseStart(makeDoc(text))).startsWith("\nA. (U) POST")).toBe(true);
  });

  it("keeps the window where no label stands in it, or a label's block runs to its end", () => {
    expect(proseStart(makeDoc("x".repeat(5000)))).toBe(2500);
    const open = `TAGS: PREL\nSUBJECT: ${"y ".repeat(1400)}`;
    expect(proseStart(makeDoc(open))).toBe(captionAreaEnd(makeDoc(open)));
  });
});
