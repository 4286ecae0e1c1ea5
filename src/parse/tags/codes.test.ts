import { describe, expect, it } from "vitest";
import { fixTypo, isKnownCode, splitGlued } from "./codes.js";

describe("splitGlued", () => {
  it("splits runs of codes into the fewest known codes", () => {
    expect(splitGlued("ETRDEINVECINPGOVCS")).toEqual(["ETRD", "EINV", "ECIN", "PGOV", "CS"]);
    expect(splitGlued("KFRDKIRFCVISCMGTKOCIASECPHUMSMIGEG")).toEqual([
      "KFRD",
      "KIRF",
      "CVIS",
      "CMGT",
      "KOCI",
      "ASEC",
      "PHUM",
      "SMIG",
      "EG",
    ]);
    expect(splitGlued("VTPREL")).toEqual(["VT", "PREL"]);
    expect(splitGlued("POLMIL")).toEqual(["POL", "MIL"]);
    expect(splitGlued("OVIPPRELUNGANU")).toEqual(["OVIP", "PREL", "UNGA", "NU"]);
  });

  it("leaves ordinary words and single codes alone", () => {
    for (const word of [
      "POLITICAL",
      "BRUSSELS",
      "PANAMA",
      "NATIONAL",
      "TURKEY",
      "PREL",
      "GOV",
      "AFFAIRS",
    ]) {
      expect(splitGlued(word)).toBeNull();
    }
  });
});

describe("fixTypo", () => {
  it("fixes a code with one letter too many or too few", () => {
    expect(fixTypo("MOPPS")).toBe("MOPS");
    expect(fixTypo("POGOV")).toBe("PGOV");
    expect(fixTypo("UNDESCO")).toBe("UNESCO");
    expect(fixTypo("UNFCYP")).toBe("UNFICYP");
  });

  it("leaves short and unrelated words alone", () => {
    expect(fixTypo("GOV")).toBeNull();
    expect(fixTypo("LABOR")).toBeNull();
    expect(fixTypo("TURKEY")).toBeNull();
  });
});

describe("isKnownCode", () => {
  it("knows the table codes and the program and regional shapes", () => {
    expect(isKnownCode("PREL")).toBe(true);
    expect(isKnownCode("ZANU-PF")).toBe(true);
    expect(isKnownCode("KSEP")).toBe(true);
    expect(isKnownCode("XF")).toBe(true);
    expect(isKnownCode("LABOR")).toBe(false);
  });
});
