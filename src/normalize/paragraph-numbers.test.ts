import { describe, expect, it } from "vitest";
import { repairParagraphNumbers } from "./paragraph-numbers.js";

const numbered = (...ns: string[]) =>
  ns.map((n) => `${n}. (C) Text of the paragraph.`).join("\n\n");

describe("repairParagraphNumbers", () => {
  it("repairs the seed's 16.-19. between 5. and 10. (05ALMATY2121), with or without link debris", () => {
    const text = numbered("1", "2", "3", "4", "5", "16", "17", "18", "19", "10");
    const expected = numbered("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    expect(repairParagraphNumbers(text, { anchorDebris: true })).toEqual({
      text: expected,
      count: 4,
    });
    expect(repairParagraphNumbers(text, { anchorDebris: false })).toEqual({
      text: expected,
      count: 4,
    });
  });

  it("with anchor debris, repairs a run that ends the cable", () => {
    const text = numbered("1", "2", "3", "14", "15");
    expect(repairParagraphNumbers(text, { anchorDebris: true }).text).toBe(
      numbered("1", "2", "3", "4", "5"),
    );
    expect(repairParagraphNumbers(text, { anchorDebris: false }).count).toBe(0);
  });

  it("never renumbers a clean cable's sub-lists, gaps and typos (real sequences)", () => {
    // 05BRASILIA1714: a list 1.-4. inside paragraph 14, then 15.-17.
    const sublist = numbered("13", "14", "1", "2", "3", "4", "15", "16", "17");
    // 07BRASILIA2069: 11, 13, a stray 4, then 15...20.
    const stray = numbered("11", "13", "4", "15", "16", "17", "18", "19", "20");
    // 09DOHA502: a typo 15 between 4 and 5.
    const typo = numbered("3", "4", "15", "5", "6");
    for (const text of [sublist, stray, typo]) {
      expect(repairParagraphNumbers(text, { anchorDebris: false })).toEqual({ text, count: 0 });
    }
    // With debris too, a run the following numbers do not confirm stays.
    expect(repairParagraphNumbers(stray, { anchorDebris: true }).count).toBe(0);
  });

  it("keeps a drafter's duplicate", () => {
    const text = numbered("1", "2", "2", "3");
    expect(repairParagraphNumbers(text, { anchorDebris: true })).toEqual({ text, count: 0 });
  });
});
