import { describe, expect, it } from "vitest";
import { parseMarking, readMarking } from "./marking.js";

describe("parseMarking", () => {
  it.each([
    ["C", "C"],
    ["c", "C"],
    ["SBU", "SBU"],
    ["U", "U"],
    ["S//NF", "S/NF"],
    ["C/NF", "C/NF"],
    ["C NF", "C/NF"],
    ["S-NF", "S/NF"],
    ["S/NOFORN", "S/NF"],
    ["SBU/N", "SBU/N"],
    ["C/REL LIBYA", "C/REL LIBYA"],
    ["C//REL TO USA, KEN, GBR//", "C/REL TO USA, KEN, GBR"],
    ["S/REL TO NATO/AUS", "S/REL TO NATO/AUS"],
    ["S/Rel UK", "S/REL UK"],
    ["S//FGI//NF", "S/FGI/NF"],
    ["U//FOUO", "U/FOUO"],
    ["C - ENTIRE TEXT", "C"],
    ["CONFIDENTIAL -- ENTIRE PARAGRAPH", "C"],
    ["SECRET/REL FRANCE", "S/REL FRANCE"],
  ])("(%s) → %s", (raw, want) => {
    expect(parseMarking(raw)).toBe(want);
  });

  it.each([
    "Afghanistan",
    "U.S.",
    "b",
    "b,d",
    "SE",
    "reftel",
    "highly clean",
    "",
    "as she has before",
  ])("(%s) is not a portion mark", (raw) => {
    expect(parseMarking(raw)).toBeNull();
  });
});

describe("readMarking", () => {
  it("reads a parenthesised mark and where the text resumes", () => {
    const line = "5.(C/REL LIBYA) Action Request: Post is requested";
    expect(readMarking(line, 2)).toEqual({ marking: "C/REL LIBYA", end: 15 });
  });

  it("reads the malformed marks whose opening parenthesis was lost", () => {
    expect(readMarking("1. C) Content", 3)?.marking).toBe("C");
    expect(readMarking("2. SBU) Content", 3)?.marking).toBe("SBU");
  });

  it("leaves lower-case list letters alone", () => {
    expect(readMarking("1. a) the first point", 3)).toBeNull();
    expect(readMarking("1. (b) and (d)", 3)).toBeNull();
  });
});
