import { describe, expect, it } from "vitest";
import { findRefBlock } from "./block.js";
import { findCableAtoms } from "./cables.js";
import { splitItems } from "./items.js";
import { referenceKind } from "./kinds.js";
import { removePageFurniture } from "./page-lines.js";
import { tokenize } from "./tokens.js";

describe("tokenize", () => {
  it("reads a letter O in numbers and a zero in words", () => {
    const t = tokenize("LAGOS O1512, 0TTAWA COTON0U SANTIAG0 465 HK05511");
    expect(t.map((x) => [x.kind, x.value])).toEqual([
      ["word", "LAGOS"],
      ["num", "01512"],
      ["punct", ","],
      ["word", "0TTAWA"],
      ["word", "COTON0U"],
      ["word", "SANTIAG0"],
      ["num", "465"],
      ["word", "HK"],
      ["num", "05511"],
    ]);
  });

  it("keeps parenthesised groups whole and notes the spacing", () => {
    const t = tokenize('HAVANA 639 ("A SPLENDID LITTLE VISIT") B)HK');
    expect(t[2]).toMatchObject({ kind: "paren", value: '"A SPLENDID LITTLE VISIT"', gap: true });
    expect(t[4]).toMatchObject({ kind: "punct", value: ")", gap: false });
  });
});

describe("findCableAtoms", () => {
  it("gives each citation its station, serials and written years", () => {
    expect(findCableAtoms("COLOMBO CABLES 0266 AND 02259 (2002)", 2003)).toEqual([
      {
        start: 0,
        end: 36,
        station: "COLOMBO",
        serials: [
          { serial: 266, yy: null },
          { serial: 2259, yy: "02" },
        ],
      },
    ]);
  });

  it("refuses date-time groups, reason numbers and over-long numbers", () => {
    expect(findCableAtoms("SECDEF R162245Z OCT 08", 2008)).toEqual([]);
    expect(findCableAtoms("OSC EUP20080707950031", 2008)).toEqual([]);
    expect(findCableAtoms("STATE 1.4 (B)", 2008)).toEqual([]);
  });
});

describe("splitItems", () => {
  it("splits on enumerators in sequence only", () => {
    expect(
      splitItems("A) TALLINN 366 B) LEE-GOLDSTEIN EMAIL 05/11/07 \nB) TALLINN 347", 2007),
    ).toEqual([
      { label: "A", text: "TALLINN 366" },
      { label: "B", text: "LEE-GOLDSTEIN EMAIL 05/11/07" },
      { label: "B", text: "TALLINN 347" },
    ]);
    expect(splitItems("E-mails J. Speaks-K. Allen", 2009)).toEqual([
      { label: null, text: "E-mails J. Speaks-K. Allen" },
    ]);
  });
});

describe("findRefBlock", () => {
  it("returns the block after the keyword, cut where it ends", () => {
    const text =
      "SUBJECT: X\n\nREF: A. BOGOTA 1775\n \n     ¶B. BOGOTA 3422\n \nClassified By: Ambassador";
    expect(findRefBlock(text)).toBe("A. BOGOTA 1775\n      B. BOGOTA 3422");
    expect(findRefBlock("SUBJECT: NO REFERENCES HERE\n\n1. (C) Text")).toBeNull();
  });
});

describe("referenceKind", () => {
  it("is decided by the typing word written first", () => {
    expect(referenceKind("OSD REPORT DTG 251847Z MAR 08")).toBe("report");
    expect(referenceKind("SECDEF MSG DTG 301601z SEP 08")).toBe("other");
    expect(referenceKind("HILL - OPS CENTER TELCONS 9/28 AND 29")).toBe("telcon");
    expect(referenceKind("USDEL SECRETARY TELEGRAMS 000005/000007/00004")).toBeNull();
    expect(referenceKind("AIRGRAM A-12 OF MAY 3")).toBe("other");
    expect(referenceKind("2006 BLUE LANTERN GUIDEBOOK")).toBe("book");
  });
});

describe("removePageFurniture", () => {
  it("removes page-break lines and old page headers, whole lines without a trace", () => {
    expect(removePageFurniture("A. X 1\nTRIPOLI 00000402 001.2 OF 003\nB. X 2")).toBe(
      "A. X 1\nB. X 2",
    );
    expect(
      removePageFurniture(
        "A. STATE 40721 CONFIDENTIAL PAGE 02 ROME 01196 01 OF 02 082030Z B. ROME 1098",
      ),
    ).toBe("A. STATE 40721    B. ROME 1098");
    expect(removePageFurniture("                       CONFIDENTIAL ")).toBe("");
    expect(removePageFurniture("A. CONFIDENTIAL SOURCE REPORT")).toBe(
      "A. CONFIDENTIAL SOURCE REPORT",
    );
  });
});

describe("splitItems and the viewer's own letters", () => {
  it("does not take an abbreviation for a drifted letter", () => {
    expect(splitItems("A. U.S. EMBASSY REPORT 5/1\nB. STATE 1234", 2008)).toEqual([
      { label: "A", text: "U.S. EMBASSY REPORT 5/1" },
      { label: "B", text: "STATE 1234" },
    ]);
  });
});
