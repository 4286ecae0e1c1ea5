import { describe, expect, it } from "vitest";
import { roleForms, roleSpellings } from "./role-forms.js";

describe("the spellings of a role", () => {
  it("turns `X of Y` into `Y X` and back", () => {
    expect(roleSpellings("Minister of Interior")).toEqual([
      "Minister of Interior",
      "Interior Minister",
    ]);
    expect(roleSpellings("Deputy Minister of Interior")).toEqual([
      "Deputy Minister of Interior",
      "Deputy Interior Minister",
    ]);
    expect(roleSpellings("Secretary General of the CSU")).toEqual([
      "Secretary General of the CSU",
      "CSU Secretary General",
    ]);
    expect(roleSpellings("Finance Director")).toEqual(["Finance Director", "Director of Finance"]);
    expect(roleSpellings("Deputy Interior Minister")).toEqual([
      "Deputy Interior Minister",
      "Deputy Minister of Interior",
    ]);
    expect(roleSpellings("GM")).toEqual(["GM"]);
    expect(roleSpellings("Chairman Dr.")).toEqual(["Chairman Dr."]);
    expect(roleSpellings("Ambassador and")).toEqual(["Ambassador and"]);
    expect(roleSpellings("Deputy Minister")).toEqual(["Deputy Minister"]);
  });
});

describe("the writings of a role", () => {
  it("swaps an abbreviation for its expansions and back, word for word", () => {
    expect(roleForms("ConocoPhillips GM")).toContain("ConocoPhillips General Manager");
    expect(roleForms("General Manager")).toContain("GM");
    expect(roleForms("FM")).toEqual(
      expect.arrayContaining(["Foreign Minister", "Minister of Foreign Affairs", "FonMin"]),
    );
    expect(roleForms("Libyan Foreign Minister")).toEqual(
      expect.arrayContaining(["Libyan FM", "Libyan FonMin"]),
    );
    expect(roleForms("Deputy Foreign Minister")).toContain("DFM");
    expect(roleForms("Deputy Foreign Minister")).not.toContain("Deputy FM");
  });

  it("adds the generic head of a minister, a director or a chair", () => {
    expect(roleForms("Minister of Interior")).toEqual(
      expect.arrayContaining([
        "Interior chief",
        "Interior head",
        "chief of Interior",
        "head of Interior",
      ]),
    );
    expect(roleForms("Deputy Finance Director")).toContain("Deputy Finance chief");
    expect(roleForms("Ambassador")).toEqual(["Ambassador", "Amb."]);
    expect(roleForms("Minister")).toEqual(["Minister"]);
    expect(roleForms("Secretary of State")).toEqual(["Secretary of State", "State Secretary"]);
  });
});
