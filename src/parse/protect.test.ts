import { describe, expect, it } from "vitest";
import { makeDoc } from "./doc.js";
import { parseParagraphs } from "./paragraphs.js";
import { countRedactions, parseProtect } from "./protect.js";

const protect = (text: string) => {
  const doc = makeDoc(text);
  return parseProtect(doc, parseParagraphs(doc));
};

describe("parseProtect finds source-protection markers", () => {
  it("reads `(strictly protect)` and `(protect)` with paragraph and sentence (08BEIJING3385 style)", () => {
    const text = [
      "1. (C) Summary: Olympic views. End Summary.",
      "",
      '2. (C) Dong Lisheng (protect), a political scientist at the Chinese Academy of Social Sciences, told PolOff the Games "far exceeded" expectations.  He added more.',
      "",
      "3. (C) Ibrahim el-Meyet (strictly protect), a prominent Tripoli-based attorney and business consultant, told CDA on July 10 that Dr. Shukri Ghanem intends to resign.",
    ].join("\n");
    expect(protect(text)).toEqual([
      {
        marker: "PROTECT",
        paragraph: 2,
        text: 'Dong Lisheng (protect), a political scientist at the Chinese Academy of Social Sciences, told PolOff the Games "far exceeded" expectations.',
      },
      {
        marker: "STRICTLY PROTECT",
        paragraph: 3,
        text: "Ibrahim el-Meyet (strictly protect), a prominent Tripoli-based attorney and business consultant, told CDA on July 10 that Dr. Shukri Ghanem intends to resign.",
      },
    ]);
  });

  it("reads the forms glued to redactions, in any case, and with the words drafters add", () => {
    const cases: [string, string][] = [
      ["An embassy contact XXXXXXXXXXXX(protect) confirmed it.", "PROTECT"],
      ["Libyan dual national xxxxxxxxxxxx(strictly protect) told P/E Chief.", "STRICTLY PROTECT"],
      [
        "SEPARATELY, XXXXXXXXXXXX (STRICTLY PROTECT) TOLD US THAT SHUKHRAT WAS BACK.",
        "STRICTLY PROTECT",
      ],
      ["Karen Pierce (Protect), the FCO's director, agreed.", "PROTECT"],
      [
        "Monsignor Paolo Gualtieri (protect throughout), Country Director for Spain, told us.",
        "PROTECT",
      ],
      [
        "Senior Prosecutor Armen Boshnaghyan (please protect) said the investigator agreed.",
        "PROTECT",
      ],
      [
        "Chairman Bob Foresman (Amcit, strictly protect) who has worked with us.",
        "STRICTLY PROTECT",
      ],
      ["ARSO interviewed Josh Rosen (Victim - PROTECT).", "PROTECT"],
      ["(XXXXXXXXXXXX -- strictly \nprotect) said the plan would fail.", "STRICTLY PROTECT"],
      ["Our contact XXXXXXXXXXXX -- PROTECT -- said the talks stalled.", "PROTECT"],
    ];
    for (const [text, marker] of cases) {
      const found = protect(text);
      expect(found, text).toHaveLength(1);
      expect(found[0]!.marker, text).toBe(marker);
      expect(found[0]!.paragraph).toBeNull();
    }
  });

  it("reads the bare forms: a sentence, a label, after a redaction, `strictly`, capitals in prose", () => {
    const cases: [string, string][] = [
      [
        "(S//NF) STRICTLY PROTECT. The source has direct access to the minister.",
        "STRICTLY PROTECT",
      ],
      ["PROTECT: The contact asked that his name not be used.", "PROTECT"],
      ["Protect: Mr. Hassan spoke on condition of anonymity.", "PROTECT"],
      ["The deputy (STRICT PROTECT) said the army would move.", "STRICTLY PROTECT"],
      ["Our contact (strict protect) told us the plan.", "STRICTLY PROTECT"],
      ["(C) Strictly protect.  The official said the vote is rigged.", "STRICTLY PROTECT"],
      ["He spoke to us (Note: Please protect. Timmermans asked that it stay private).", "PROTECT"],
      ["An official, XXXXXXXXXXXX protect, said the talks stalled.", "PROTECT"],
      ["An official, xxxxxxxxxxxx, strictly protect, said the talks stalled.", "STRICTLY PROTECT"],
      ["The governor, who asked us to strictly protect his identity, said it.", "STRICTLY PROTECT"],
      ["Our contact Ali Hassan, PROTECT, told us the army would move on Monday.", "PROTECT"],
      ["-- STRICTLY PROTECT -- the source is a senior officer.", "STRICTLY PROTECT"],
    ];
    for (const [text, marker] of cases) {
      const found = protect(text);
      expect(found, text).toHaveLength(1);
      expect(found[0]!.marker, text).toBe(marker);
    }
  });

  it("names the paragraph of every marker after paragraph 1, headings between paragraphs included", () => {
    const text = [
      "1. (C) Summary: talks. End Summary.",
      "",
      "2. (S//NF) STRICTLY PROTECT. The source, a senior officer, described the plan.",
      "",
      "3. (C) PROTECT: the second contact agreed.",
    ].join("\n");
    expect(protect(text).map((p) => [p.marker, p.paragraph])).toEqual([
      ["STRICTLY PROTECT", 2],
      ["PROTECT", 3],
    ]);
  });

  it("does not take the verb, a law's name or a handling sentence for a marker", () => {
    const prose = [
      "The Navy leadership is focused on solutions to protect the sub-sea pipeline.",
      "(in order to protect our part of it)",
      "Iceland has strong laws (like the U.S. PROTECT Act) against child exploitation.",
      "SENSITIVE BUT UNCLASSIFIED - PLEASE PROTECT ACCORDINGLY",
      "This cable is sensitive but unclassified. Please protect accordingly.",
      "-- PROTECT the UK by strengthening defences against terrorist attack.",
      "-- Protect and defend the Islamic identity.",
      '(who, unlike Jews, "have no system to protect themselves")',
      "It should be strictly protected.",
      "Sensitive but unclassified. Please Protect Accordingly.",
      "SENSITIVE BUT UNCLASSIFIED--PLEASE PROTECT ACCORDINGLY",
      "1. (U) Sensitive but Unclassified - protect accordingly.",
      "The Law will equally protect state-owned assets.",
      "Prevent, Pursue, Protect, Prepare.",
      "the UN concept of Responsibility to Protect. This doctrine calls for action.",
      "SUBJECT: PREMIER WEN'S COMMENTS: PROTECT CHINA'S INVESTMENTS",
      "it is much more difficult to protect. XXXXXXXXXXXX Azerbaijan",
      "THE NAVY WILL PROTECT. THE PORT IS CLOSED.",
    ];
    for (const text of prose) expect(protect(text), text).toEqual([]);
  });

  it("returns nothing for empty input", () => {
    expect(protect("")).toEqual([]);
  });
});

describe("countRedactions", () => {
  it("counts runs of four or more X, alone or glued to a word", () => {
    expect(countRedactions("XXXXXXXXXXXX told PolOff that xxxxxxxxxxxx would attend.")).toBe(2);
    expect(countRedactions("XXXXXXXXXXXXNEED A MILLION and toXXXXXXXXXXXX")).toBe(2);
    expect(countRedactions("XXXXXXXXXXXX XXXXXXX, his deputy")).toBe(2);
  });

  it("does not count three X (Roman numerals, ordinals) or words", () => {
    expect(countRedactions("the XXXth Olympiad, Super Bowl XXX, Exxon and Xerox")).toBe(0);
    expect(countRedactions("")).toBe(0);
  });
});
