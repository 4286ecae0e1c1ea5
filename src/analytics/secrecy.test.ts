import { describe, expect, it } from "vitest";
import { markingLevel } from "./markings.js";
import { horizonYears, signalsOf } from "./secrecy.js";

describe("portion markings and over-classification signals", () => {
  it("reads the level of a marking", () => {
    expect(markingLevel("S/NF")).toBe("S");
    expect(markingLevel("C/REL ISAF")).toBe("C");
    expect(markingLevel("SBU/NF")).toBe("SBU");
    expect(markingLevel("u/fouo")).toBe("U");
    expect(markingLevel("TS")).toBe("TS");
    expect(markingLevel("LOU")).toBe("other");
    expect(markingLevel(null)).toBeNull();
  });

  it("flags classified cables marked (U)/(SBU) throughout, and SECRET without (S)", () => {
    expect(signalsOf("CONFIDENTIAL", ["U", "SBU", "U/FOUO"])).toEqual(["unclassified-paragraphs"]);
    expect(signalsOf("SECRET", ["U", "SBU"])).toEqual([
      "unclassified-paragraphs",
      "secret-without-s",
    ]);
    expect(signalsOf("SECRET", ["C", "C/NF", null])).toEqual(["secret-without-s"]);
    expect(signalsOf("SECRET", ["C", "S/NF"])).toEqual([]);
    expect(signalsOf("UNCLASSIFIED", ["U", "SBU"])).toEqual([]);
    // An unmarked paragraph says nothing: not "every paragraph (U)".
    expect(signalsOf("CONFIDENTIAL", ["U", null])).toEqual([]);
    expect(signalsOf("SECRET", [null, null])).toEqual([]);
    expect(signalsOf("SECRET", [])).toEqual([]);
  });

  it("measures the declassification horizon in whole years", () => {
    expect(horizonYears("2008-03-17T10:10:00Z", "2018-03-17")).toBe(10);
    expect(horizonYears("2008-03-17T10:10:00Z", "2018-03-16")).toBe(9);
    expect(horizonYears("2008-03-17T10:10:00Z", null)).toBeNull();
    expect(horizonYears(null, "2018-03-16")).toBeNull();
  });
});
