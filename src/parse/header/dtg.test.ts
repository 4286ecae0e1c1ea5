import { describe, expect, it } from "vitest";
import { dtgToIso, parseDtgLine } from "./dtg.js";

describe("dtgToIso", () => {
  it("reads day, hour, minute, month and a two-digit year (66-99 are 19xx)", () => {
    expect(dtgToIso("131503", "MAR", "08")).toBe("2008-03-13T15:03:00Z");
    expect(dtgToIso("281848", "DEC", "66")).toBe("1966-12-28T18:48:00Z");
    expect(dtgToIso("310838", "OCT", "00")).toBe("2000-10-31T08:38:00Z");
    expect(dtgToIso("052234", "may", "2009")).toBe("2009-05-05T22:34:00Z");
  });

  it("gives null for groups that are no date", () => {
    expect(dtgToIso("311838", "FEB", "09")).toBeNull();
    expect(dtgToIso("122460", "JAN", "09")).toBeNull();
    expect(dtgToIso("121212", "XYZ", "09")).toBeNull();
  });
});

describe("parseDtgLine", () => {
  it("reads the first prosign and the group, operating signals after it ignored", () => {
    expect(parseDtgLine("ZNY CCCCC ZZH\nO P 180800Z MAR 08 ZDS\nFM X")).toEqual({
      precedence: "IMMEDIATE",
      dtg: "2008-03-18T08:00:00Z",
    });
    expect(parseDtgLine("FM AMEMBASSY X")).toBeNull();
  });
});
