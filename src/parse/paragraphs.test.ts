import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { makeDoc } from "./doc.js";
import { parseParagraphs } from "./paragraphs.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/paragraphs/${name}`, import.meta.url), "utf8");
const parse = (text: string) => parseParagraphs(makeDoc(text));
const summary = (text: string) => parse(text).map((p) => [p.number, p.marking, p.heading]);

describe("parseParagraphs on whole cables", () => {
  it("reads the seed copy (hand-repaired): ten paragraphs marked C, four headings", () => {
    const ps = parse(fixture("05ALMATY2121-repaired.txt"));
    expect(ps.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(ps.every((p) => p.marking === "C")).toBe(true);
    expect(ps.filter((p) => p.heading).map((p) => [p.number, p.heading])).toEqual([
      [2, "Seeking Asylum"],
      [4, "Shamsiddinov's Involvement"],
      [5, "May 13 Events in Andijon"],
      [10, "Decision to Flee"],
    ]);
    expect(ps[0]!.text).toMatch(/^Summary: POEC chief met with Uzbek/);
    expect(ps[0]!.text).toMatch(/Cholpon Street the evening of May 13\.$/);
    // A blank line inside a sentence is damage: joined like a wrap.
    expect(ps[4]!.text).toContain("two to three thousand people (including women and children)");
    // The signature and NNNN are not part of the last paragraph.
    expect(ps[9]!.text).toMatch(/accompanied by his family\.$/);
  });

  it("reads a SMART cable: `1.(C)` without space, capital headings, inline page break, glued signature", () => {
    const ps = parse(fixture("08TRIPOLI220.txt"));
    expect(ps.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(ps[1]!.heading).toBe('FATHI EL-JAHMI "RELEASED"');
    expect(ps[2]!.heading).toBe("BUT REMAINS AT TRIPOLI MEDICAL CENTER");
    const last = ps[10]!.text;
    expect(last).toMatch(/^Comment: While we lack the expertise/);
    expect(last).toMatch(/End comment\.$/);
    expect(last).not.toContain("TRIPOLI 00000220 003 OF 003");
    expect(last).toContain("The distinction between el-Jahmi having been");
  });

  it("reads a wrapped 2000 cable with ruled headings and lone `¶` lines", () => {
    expect(summary(fixture("00GABORONE5064.txt"))).toEqual([
      [1, null, "SUMMARY"],
      [2, null, "BACKGROUND"],
      [3, null, "OUR PROPOSAL"],
      [4, null, null],
      [5, null, "COMMENT"],
    ]);
    const [first] = parse(fixture("00GABORONE5064.txt"));
    expect(first!.text).toMatch(
      /^IN THE PAST YEAR SOUTHERN AFRICA HAS WITNESSED A SERIES OF ELECTIONS\./,
    );
    expect(first!.text).not.toContain("\n");
  });
});

describe("paragraph starts", () => {
  it("accepts `1. (C)`, `1.(C)`, `1.  (U)`, a missing mark, and malformed `C)` / `SBU)`", () => {
    const text = [
      "1. (C) Summary: the first.",
      "",
      "2.(S//NF) Second.",
      "",
      "3.  (U) Third.",
      "",
      "4. Fourth, unmarked.",
      "",
      "5. C) Fifth.",
      "",
      "6. SBU) Sixth.",
      "",
      "7.(C/REL LIBYA) Action Request: Seventh.",
    ].join("\n");
    expect(parse(text).map((p) => [p.number, p.marking, p.text])).toEqual([
      [1, "C", "Summary: the first."],
      [2, "S/NF", "Second."],
      [3, "U", "Third."],
      [4, null, "Fourth, unmarked."],
      [5, "C", "Fifth."],
      [6, "SBU", "Sixth."],
      [7, "C/REL LIBYA", "Action Request: Seventh."],
    ]);
  });

  it("keeps a drafter's duplicate number (08MANAMA336)", () => {
    const text = [
      "6.(SBU) Abduljalil Khalil's wife, Afaf Al-Jamri, a women's activist and writer, is sister to both the editor-in-chief of Al-Wasat.",
      "",
      "6.(SBU) Jawad Fairooz represents the 8th district of the Northern Governorate.",
      "",
      "7.(SBU) Next.",
    ].join("\n");
    expect(parse(text).map((p) => p.number)).toEqual([6, 6, 7]);
  });

  it("does not start a paragraph at a number that merely wraps to a line start", () => {
    // 02ROME1196-style capitals, re-wrapped so that a date falls at a line start.
    const text = [
      "4. (C) OUR MFA INTERLOCUTORS MADE CLEAR THEIR DISSATISFACTION WITH THE REPORT, WHICH REACHED THEM ON MARCH",
      "5. THE MINISTER SAID HE WOULD RAISE IT WITH THE AMBASSADOR.",
      "",
      "5. (C) IN THE ABSENCE OF THE GUIDANCE REPEATEDLY REQUESTED, WE WERE FORCED TO WING IT.",
    ].join("\n");
    const ps = parse(text);
    expect(ps.map((p) => p.number)).toEqual([4, 5]);
    expect(ps[0]!.text).toContain("ON MARCH 5. THE MINISTER SAID");
  });

  it("keeps lettered sub-paragraphs inside their paragraph, one per line (05SANJOSE2249)", () => {
    const text = [
      "¶2.  In this regard, Costa Rica acknowledges that: ",
      " ",
      "a.  The San Juan River belongs to Nicaragua. ",
      "b.  Nicaragua possesses the sovereignty on the River. ",
      " ",
      "¶3.  However, Costa Rica has rights on that River, which ",
      "Nicaragua does not recognize.  Some of those Costa Rican ",
      "rights are: ",
    ].join("\n");
    const ps = parse(text);
    expect(ps.map((p) => p.number)).toEqual([2, 3]);
    expect(ps[0]!.text).toBe(
      "In this regard, Costa Rica acknowledges that:\na.  The San Juan River belongs to Nicaragua.\nb.  Nicaragua possesses the sovereignty on the River.",
    );
    expect(ps[1]!.text).toBe(
      "However, Costa Rica has rights on that River, which Nicaragua does not recognize.  Some of those Costa Rican rights are:",
    );
  });

  it("removes old page headers and repeated banners from a paragraph (signers vector, SOFIA 3382)", () => {
    const text =
      "5.  BIO NOTE:  BURCUOGLU APPEARS TO BE IN HIS FORTIES\nAND SPEAKS GOOD, ALTHOUGH OCCASIONALLY LABORED, ENGLISH.\nHE MENTIONED THAT, DURING A PREVIOUS TOUR OF DUTY IN\nCONFIDENTIAL\n\nSIPDIS\n\nCONFIDENTIAL\n\nSIPDIS\n\nPAGE 03        SOFIA  03382  111320Z\n\nIRAN, HE WAS SENT BY HIS AMBASSADOR ONTO THE GROUNDS.\nRICKERT\n\n\nCONFIDENTIAL\n\nSIPDIS\n";
    const [p] = parse(text);
    expect(p!.text).toBe(
      "BIO NOTE:  BURCUOGLU APPEARS TO BE IN HIS FORTIES AND SPEAKS GOOD, ALTHOUGH OCCASIONALLY LABORED, ENGLISH. HE MENTIONED THAT, DURING A PREVIOUS TOUR OF DUTY IN IRAN, HE WAS SENT BY HIS AMBASSADOR ONTO THE GROUNDS.",
    );
  });
});

describe("headings", () => {
  it("takes a heading glued to the end of the previous paragraph's line (SMART copy)", () => {
    const text =
      '1.(C) Summary: Reports by the Qadhafi Development Foundation (QDF) that detained human rights activist Fathi el-Jahmi was "released" appear to be premature. End summary. FATHI EL-JAHMI "RELEASED" 2.(C) Citing statements by Qadhafi Development Foundation (QDF) human rights director Saleh Abdulsalam, international media reported on March 11 that el-Jahmi was "released".';
    const ps = parse(text);
    expect(summary(text)).toEqual([
      [1, "C", null],
      [2, "C", 'FATHI EL-JAHMI "RELEASED"'],
    ]);
    expect(ps[0]!.text).toMatch(/End summary\.$/);
  });

  it("takes a one-word title glued before an inline paragraph (04BRASILIA445)", () => {
    const text =
      "¶12. (SBU) Itamaraty confirms that the GOB has no plans to ratify the 1996 WIPO Copyright treaty or the WIPO Performances and Phonograms Treaty. Recommendation 13. (SBU) Despite positive strides in the fight against piracy, Brazil remains on the Priority Watch List.";
    expect(summary(text)).toEqual([
      [12, "SBU", null],
      [13, "SBU", "Recommendation"],
    ]);
  });

  it("takes a heading line opening the line of a paragraph (05BRASILIA1130)", () => {
    const text = [
      '¶4. (C) Guerrerio called the Proliferation Security Initiative a "fair exercise," but not one that Brazil had studied.',
      "",
      "ARTICLE 98: 5. (C) A/S Rademaker outlined USG motives for seeking Article 98 agreements.",
      "",
      "¶6. (C) Guerreiro politely but unequivocally stated that Brazil would not sign an Article 98 agreement with the U.S.",
    ].join("\n");
    expect(summary(text)).toEqual([
      [4, "C", null],
      [5, "C", "ARTICLE 98"],
      [6, "C", null],
    ]);
  });

  it("strips rules from ruled headings (04BOGOTA12829)", () => {
    const text = [
      "¶3. (C) WHA DAS Shapiro, INL PDAS Farrar, and Ambassador Wood called on President Uribe on December 15. End Summary. ",
      "",
      "---------------- Counternarcotics ---------------- ",
      "",
      "¶4. (C) President Uribe expressed appreciation for U.S. assistance.",
      "",
      "----------- Extradition ----------- ",
      "",
      "¶5. (C) In response to a question on extradition, Uribe explained.",
    ].join("\n");
    expect(summary(text)).toEqual([
      [3, "C", null],
      [4, "C", "Counternarcotics"],
      [5, "C", "Extradition"],
    ]);
    expect(parse(text)[0]!.text).toMatch(/End Summary\.$/);
  });

  it("does not take a closing `END NOTE.)` or the last line of a list for a heading", () => {
    const text = [
      "6.(U) The visit went well. (Note: the minister was absent.",
      "",
      "END NOTE.)",
      "",
      "7.(U) The programme:",
      "-- Weather forecasting",
      "",
      "8.(U) End.",
    ].join("\n");
    expect(summary(text)).toEqual([
      [6, "U", null],
      [7, "U", null],
      [8, "U", null],
    ]);
  });
});

describe("bad input", () => {
  it("returns no paragraphs for empty or unnumbered text", () => {
    expect(parse("")).toEqual([]);
    expect(parse("SUBJECT: NOTHING NUMBERED HERE\n\nJust a line of text.\n\nSMITH")).toEqual([]);
  });

  it("stays linear on pathological 60 KB bodies (no regex backtracking)", () => {
    const bodies = [
      " ".repeat(60_000),
      "-".repeat(60_000),
      "1. ".repeat(20_000),
      "X".repeat(60_000),
      "(".repeat(60_000),
      "1.(C) ".repeat(10_000),
      `${"WORD      ".repeat(6_000)}\nSMITH`,
    ];
    for (const body of bodies) {
      const started = performance.now();
      parse(body);
      expect(performance.now() - started, body.slice(0, 12)).toBeLessThan(1_000);
    }
  });

  it("does not take `1.4 (b)` reasons or years for paragraphs", () => {
    const text =
      "Classified By: Ambassador, reasons\n1.4 (b) and (d)\n\n2009.  What concerns Latin governments\n";
    expect(parse(text)).toEqual([]);
  });
});

describe("parseParagraphs: never two paragraphs in one (issue 8, classes 11 and 14)", () => {
  const numbers = (text: string) => parse(text).map((p) => p.number);

  it("keeps a marked start the sequence skips as a paragraph of its own, with its number", () => {
    const text = [
      "1. (U) Post has no information on goods.",
      "",
      "1. (U) There are no studies of the extent of child labor in the country.",
      "",
      "2. (U) The government did not publish data.",
      "",
      "1. (U) In 2008 the law was amended.",
    ].join("\n");
    expect(numbers(text)).toEqual([1, 1, 2, 1]);
  });

  it("reads the number from the sequence where the neighbours pin it", () => {
    const text = [
      "¶1. (C) The first paragraph says one thing.",
      "",
      "¶12. (C) The second, scraped, says another.",
      "",
      "¶3. (C) The third paragraph says a third thing.",
    ].join("\n");
    const doc = makeDoc(text);
    expect(parseParagraphs(doc).map((p) => p.number)).toEqual([1, 2, 3]);
    expect(doc.warnings).toContain("paragraph written as 12. read as 2. from the sequence");
  });

  it("reads one copy when the text repeats paragraphs of the cable, the fuller one", () => {
    const p1 = "1. (C) SUMMARY: AS POST PREDICTED, THE COUNTRY REPORT PROVIDED GRIST FOR MILLS.";
    const p2 = "2. (SBU) POLOFF DELIVERED THE REPORT TO THE OFFICE DIRECTOR ON MARCH 4 AS ASKED.";
    const p3 = "3. (SBU) AS WE HAD PREDICTED, THE PRESS HAD A FIELD DAY WITH THE REPORT.";
    const doc = makeDoc([p1, "", p2, "", p1, "", p2, "", p3].join("\n"));
    expect(parseParagraphs(doc).map((p) => p.number)).toEqual([1, 2, 3]);
    expect(doc.warnings.some((w) => w.includes("repeats paragraphs of the cable"))).toBe(true);
  });

  it("does not make paragraph 1 repeated at a page top a paragraph (08BRASILIA1398)", () => {
    const p1 = "¶1. (SBU) SUMMARY. During an October 13 visit to Brasilia, the Ambassador spoke.";
    const text = [
      p1,
      "",
      "¶2. (SBU) Two.",
      "",
      "¶3. (SBU) Three",
      "BRASILIA 00001398 002 OF 002",
      p1,
      "",
      "¶4. (SBU) Four.",
    ].join("\n");
    expect(numbers(text)).toEqual([1, 2, 3, 4]);
  });

  it("warns about a marked number above the bound it reads", () => {
    const doc = makeDoc("1. (C) One.\n\n200. (C) Two hundred.\n");
    parseParagraphs(doc);
    expect(doc.warnings.some((w) => w.includes("numbered 200"))).toBe(true);
  });
});
