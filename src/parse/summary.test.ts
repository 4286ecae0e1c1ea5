import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { makeDoc } from "./doc.js";
import { parseSummary } from "./summary.js";

const summary = (text: string) => parseSummary(makeDoc(text));

describe("parseSummary: between a label and End summary", () => {
  it("drops label, marking and end marker", () => {
    expect(
      summary(
        "Classified By: COM X\n\n1. (C) Summary: Fidel Castro's health. End summary.\n\n2. (C) Text",
      ),
    ).toBe("Fidel Castro's health.");
    expect(
      summary("1. (C) Summary and Comment: Continuing violent unrest. End Summary and Comment. "),
    ).toBe("Continuing violent unrest.");
    expect(
      summary(
        "2. (C) Summary and Action Request. With Iranian President. End Summary and Action Request.",
      ),
    ).toBe("With Iranian President.");
  });

  it("takes the summary under a dashed heading, without the paragraph number and marking", () => {
    expect(
      summary('SUMMARY\n-------\n\n1. (C/NF) This is not a "change" election. END SUMMARY. '),
    ).toBe('This is not a "change" election.');
    expect(summary("Summary -------\n\n2. (C) President Lula welcomed [...] End Summary")).toBe(
      "President Lula welcomed [...]",
    );
  });

  it("finds an end marker split over two lines and a misspelt label", () => {
    expect(summary("1. (C) Summay: The talks went well.  END\nSUMMARY.\n\n2. (C) Text")).toBe(
      "The talks went well.",
    );
  });

  it("keeps paragraph breaks and list items as newlines, joins hard wraps", () => {
    const text =
      "1. (C/NF) Summary: In separate meetings [...] following\nway forward:\n\n-- the Interior Ministry [...]\n\nrelationship with Merkel. End summary";
    expect(summary(text)).toBe(
      "In separate meetings [...] following way forward:\n-- the Interior Ministry [...]\nrelationship with Merkel.",
    );
  });

  it("removes the numbers and markings of later paragraphs inside a long summary", () => {
    const text =
      "1. (C) Summary: First point.\n\n2. (S/NF) Second point. End summary.\n\n3. (C) Text";
    expect(summary(text)).toBe("First point.\nSecond point.");
  });

  it("collapses runs of blanks and drops numbering only where a line starts", () => {
    const text =
      "1. (C) Summary:  Talks  ended.   The 2. item stays.\n  \u00b63.(S/NF)  Next\tpoint\t\there. End summary.";
    expect(summary(text)).toBe("Talks ended. The 2. item stays. Next\tpoint here.");
  });

  it("strips the parenthesis of (End summary.)", () => {
    expect(summary("1. (U) SUMMARY: Trade grew. (END SUMMARY)\n\n2. (U) Text")).toBe("Trade grew.");
  });
});

describe("parseSummary: one marker only", () => {
  it("with an end marker but no label, the summary is paragraph 1", () => {
    const text =
      "Classified By: Classified by Political M-C George Glass for reasons 1.4\n(b,d).\n\n1. (C) German FM Westerwelle told [...]. END SUMMARY.\n\n2. (C) x";
    expect(summary(text)).toBe("German FM Westerwelle told [...].");
  });

  it("with a label but no end marker, it runs to the next blank line or rule", () => {
    expect(summary("1. (C) SUMMARY: Fidel Castro's [...].\n \nWHAT WE KNOW\n")).toBe(
      "Fidel Castro's [...].",
    );
    expect(summary("1.(C) Summary: The GOB [...]. -------- Training --------\n\n2.(U) Bah")).toBe(
      "The GOB [...].",
    );
  });

  it("reads the seed cable's summary through its link debris", () => {
    const head = readFileSync(
      new URL("../../test/fixtures/caption-fields/05ALMATY2121-head.md", import.meta.url),
      "utf8",
    );
    const s = summary(head);
    expect(
      s?.startsWith("POEC chief met with Uzbek human rights activist Lutfullo Shamsiddinov"),
    ).toBe(true);
    expect(s?.endsWith("killed on Cholpon Street the evening of May 13.")).toBe(true);
  });

  it("finds the word in every spelling the label pattern allows, and only whole words", () => {
    // Each spelling of `summ?a?r?y` in any case, as a label and in the end marker.
    for (const word of ["Summary", "SUMARY", "summay", "Sumry", "SUMMRY", "Sumy"]) {
      expect(summary(`1. (C) ${word}: Talks went well.\nEnd ${word}.\n2. (C) More.`)).toBe(
        "Talks went well.",
      );
    }
    // Not a word of its own (`summarys`), or three m's: no label, no end marker.
    expect(summary("1. (C) Summarys: Talks.\n\n2. (C) More.")).toBeNull();
    expect(summary("1. (C) Summmary: Talks.\n\n2. (C) More.")).toBeNull();
    // `END OF SUMMARY` ends it; `end` glued to a word before it does not.
    expect(summary("SUMMARY: Talks. END OF SUMMARY. More.")).toBe("Talks.");
    expect(summary("SUMMARY: Talks; legend summary. More.\n\nNext.")).toBe(
      "Talks; legend summary. More.",
    );
  });

  it("is null without a summary, and never takes 'a summary of' in the text", () => {
    expect(summary("1. (C) The minister gave a summary of the talks.\n\n2. (C) More.")).toBeNull();
    expect(summary("SUBJECT: SUMMARY OF TALKS\n\n1. (C) Text.")).toBeNull();
    expect(summary("")).toBeNull();
  });
});

describe("parseSummary: headings the copy glued or numbered oddly (issue 8, class 2)", () => {
  it("reads a Summary heading underlined by a rule at the end of the Classified-By line", () => {
    expect(
      summary(
        "Classified By: Charge Phillip Chicola for reasons 1.4 b and d Summary -------\n\n¶1. (C) General Heleno spoke out.\n\n¶2. (C) Text",
      ),
    ).toBe("General Heleno spoke out.");
  });

  it("reads a heading whose rule is on the next line", () => {
    expect(
      summary(
        "SUBJECT: More than Malbec Summary\n-------- 1.  Ambassador visited Mendoza.\n\n2. Text",
      ),
    ).toBe("Ambassador visited Mendoza.");
  });

  it("reads `(1) SUMMARY:` and `1, (C) Summary:`", () => {
    expect(summary("REF: A\n\n(1) SUMMARY: The GOCR and the GON disagree.\n\n(2) Text")).toBe(
      "The GOCR and the GON disagree.",
    );
    expect(summary("REF: A\n\n1, (C) Summary: Zardari called for the Army.\n\n2. (C) Text")).toBe(
      "Zardari called for the Army.",
    );
  });
});

describe("parseSummary: paragraph 1 whose number the copy lost (issue 8, class 2)", () => {
  it("reads a heading after an emptied marking: punctuation or empty brackets", () => {
    for (const marker of ["¶1.  . ", "1. , ", "1. () ", "1. ( ). "]) {
      expect(
        summary(`TAGS: PREL BR\n\n${marker}Summary: Experts met. End summary.\n\n2. Text`),
      ).toBe("Experts met.");
    }
  });

  it("reads a run-together row's first paragraph from under the last caption line", () => {
    const row =
      "RUEKJCS/SECDEF WASHINGTON DC IMMEDIATEC O N F I D E N T I A L BUENOS AIRES 002711 SIPDIS  E.O. 12958: DECL: 12/01/2016 \nTAGS: MARR PARM AR\nnon-proliferation and relations.  2. (C) Your visit comes at a time.  END SUMMARY.  3. (U) The GOA";
    expect(summary(row)).toBe(
      "non-proliferation and relations. 2. (C) Your visit comes at a time.",
    );
    // A wrapped subject line is caption, not text; a blank line ends the caption lines.
    expect(
      summary(
        "SUBJECT: STORM CLOUDS GATHERING OVER\nPARLIAMENT\nopposition have signaled intent.  End Summary.\n\n2. (U) x",
      ),
    ).toBe("opposition have signaled intent.");
    expect(
      summary("SUBJECT: ALL CAPITALS\n\nTHE MINISTER SAID NO.  END SUMMARY.\n\n2. MORE TEXT"),
    ).toBe("THE MINISTER SAID NO.");
  });

  it("reads paragraph 1 glued to the Classified-By line behind a bare marking", () => {
    expect(
      summary(
        "Classified By: Ambassador Margaret Scobey per 1.4 (b) and (d). -- (C) During a meeting, he spoke. END SUMMARY ---- Threats ----\n2.(C) Text",
      ),
    ).toBe("During a meeting, he spoke.");
  });

  it("stays null when no caption precedes the end marker or the text is numbered from 2", () => {
    expect(summary("some words. End summary.")).toBeNull();
  });
});
