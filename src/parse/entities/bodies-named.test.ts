import { describe, expect, it } from "vitest";
import { bodiesAfterKindNouns, definedAcronyms } from "./bodies-named.js";
import { labelUnit } from "./label.js";

const unit = (text: string) => labelUnit(text, false);

describe("bodies named by the words around them", () => {
  it("reads the capitalised words after a noun of a body's kind as that body", () => {
    const u = unit("Initial reports in opposition newspaper Le Phare indicated arrests.");
    expect(bodiesAfterKindNouns(u).map((b) => b.written)).toEqual(["Le Phare"]);
    const club = unit("She owns chic Tashkent nightclub Basha and the restaurant Karavan.");
    expect(bodiesAfterKindNouns(club).map((b) => b.written)).toEqual(["Basha", "Karavan"]);
  });

  it("finds nothing after a kind noun followed by lower-case words", () => {
    expect(bodiesAfterKindNouns(unit("The company said the newspaper was closed."))).toEqual([]);
  });

  it("reads acronyms defined in parentheses, and which of them name a body", () => {
    const u = unit(
      "The Anti-Corruption Unit (ACU) and Jamaat-ud-Dawa (JuD) met the civil aviation authority (INAC) on the Anti-Counterfeiting Trade Agreement (ACTA).",
    );
    expect(definedAcronyms(u)).toEqual([
      { acronym: "ACU", phrase: "Anti-Corruption Unit", body: true },
      { acronym: "JuD", phrase: "Jamaat-ud-Dawa", body: false },
      { acronym: "INAC", phrase: null, body: true },
      { acronym: "ACTA", phrase: "Anti-Counterfeiting Trade Agreement", body: false },
    ]);
  });

  it("does not read a parenthesis that spells nothing before it as a definition", () => {
    expect(definedAcronyms(unit("Smith met the Director (ACU) today."))).toEqual([]);
  });
});
