import { describe, expect, it } from "vitest";
import { useFullCopy } from "./full-copy.js";

const CAPTION = [
  "UNCLAS SECTION 01 OF 02 THE HAGUE 001446",
  "",
  "SIPDIS",
  "",
  "E.O. 12958: N/A",
  "TAGS: KCRM PGOV PHUM SMIG NL",
  "SUBJECT: G/TIP MILLER MEETS DUTCH FOREIGN AND JUSTICE",
  "MINISTERS WHO RESPOND TO CONTINUING ACTION PLAN",
  "",
];

describe("useFullCopy: a preview cut at '...' and the full copy after it", () => {
  it("continues the preview from the copy after a blank-line database row (04THEHAGUE1446)", () => {
    const text = [
      ...CAPTION,
      "REF: SECSTATE 115541",
      "",
      "SUMMARY",
      "-----...",
      "",
      "17734",
      "",
      "2004-06-10",
      "",
      "04THEHAGUE1446",
      "",
      "Embassy The Hague",
      "",
      ...CAPTION,
      "REF: SECSTATE 115541",
      "",
      "SUMMARY",
      "-------",
      "",
      "1. During a June 7 meeting with G/TIP Director Miller, Dutch",
      "Foreign Minister Bot and Justice Minister Donner acknowledged",
      "a shared commitment for concrete action.",
    ].join("\n");
    const out = useFullCopy(text);
    expect(out).not.toBeNull();
    expect(out?.text).not.toContain("17734");
    expect(out?.text).not.toContain("-----...");
    expect(out?.text.match(/SUBJECT:/g)).toHaveLength(1);
    expect(out?.text).toContain("SUMMARY\n-------\n\n1. During a June 7 meeting");
    expect(out?.warning).toMatch(/preview cut at '\.\.\.'/);
  });

  it("continues a cut line at its complete words in a flattened copy", () => {
    const text = [
      "S E C R E T BOGOTA 003585",
      "",
      "E.O. 12958: DECL: 2019/12/21",
      "TAGS: PREL UNSC MARR ENRG PREF CO VE EC UY",
      "SUBJECT: Charge Discusses Venezuela",
      "",
      "CLASSIFIED BY: Brian A. Nicho...",
      "",
      "S E C R E T BOGOTA 003585 E.O. 12958: DECL: 2019/12/21 TAGS: PREL UNSC MARR ENRG PREF CO VE EC UY",
      "SUBJECT: Charge Discusses Venezuela CLASSIFIED BY: Brian A. Nichols, Deputy Chief of Mission; REASON: 1.4(B), (D)",
      "1. (C) Acting Foreign Minister Clemencia Forero told the Charge on December 18 that the GOC had sent a letter.",
    ].join("\n");
    const out = useFullCopy(text);
    // The preview's lines stay (the caption keeps its line structure); the copy supplies the rest.
    expect(out?.text).toContain("TAGS: PREL UNSC MARR ENRG PREF CO VE EC UY\nSUBJECT: Charge");
    expect(out?.text).toContain("CLASSIFIED BY: Brian A. Nichols, Deputy Chief of Mission");
    expect(out?.text).not.toContain("Nicho...");
  });

  it("keeps preview lines the copy lacks, and the cut line when the copy lacks it too", () => {
    const text = [
      "C O N F I D E N T I A L MOSCOW 002981",
      "E.O. 12958: DECL: 06/13/2017",
      "TAGS: ECON PREL RS",
      "SUBJECT: CORRUPTION IN RUSSIA",
      "Classified By: DCM Daniel A. Russell for Re...",
      "",
      "C O N F I D E N T I A L MOSCOW 002981 E.O. 12958: DECL: 06/13/2017 TAGS: ECON PREL RS",
      "1. (C) Summary. Corruption is arguably the Russian economy's most pressing problem, and more.",
      "2. (C) Interviews over the past year with more than forty entrepreneurs suggest some abatement.",
    ].join("\n");
    const out = useFullCopy(text)?.text ?? "";
    expect(out).toContain("SUBJECT: CORRUPTION IN RUSSIA");
    expect(out).toContain("Classified By: DCM Daniel A. Russell for Re...\n");
    expect(out).toContain("1. (C) Summary. Corruption");
  });

  it("undoes the CSV quoting of a copy that follows as a CSV row", () => {
    const text = [
      "C O N F I D E N T I A L THE HAGUE 001782",
      "E.O. 12958: DECL: 08/14/2016",
      "TAGS: PREL PGOV NL",
      "SUBJECT: PM BALKENENDE ON ELECTIONS",
      "REF:...",
      "",
      '74802,8/14/2006 15:43,06THEHAGUE1782,"Embassy The',
      'Hague",CONFIDENTIAL,06THEHAGUE1768,"HEADER","C O N F I D E N T I A L THE HAGUE 001782',
      "E.O. 12958: DECL: 08/14/2016",
      "TAGS: PREL PGOV NL",
      "SUBJECT: PM BALKENENDE ON ELECTIONS",
      "REF: THE HAGUE 1768",
      '1. (C) Balkenende takes a ""subtle"" approach to the campaign and said so at length.',
      'ARNALL"',
    ].join("\n");
    const out = useFullCopy(text)?.text ?? "";
    expect(out).toContain("REF: THE HAGUE 1768");
    expect(out).toContain('a "subtle" approach');
    expect(out).not.toContain("74802");
    expect(out.trimEnd().endsWith("ARNALL")).toBe(true);
  });

  it("leaves a text alone whose '...' is an ellipsis and whose lines repeat only far apart", () => {
    const summary = "Our contacts are often a grumpy lot, but we now hear more than the ordinary";
    const filler = "Filler sentence about the political situation in the country.\n".repeat(60);
    const text = `${summary}\namount of concern about the inability to address problems.\n${filler}HEADING...\n-----\n${summary}\namount of concern about the inability to address problems.\n${filler}`;
    expect(useFullCopy(text)).toBeNull();
  });

  it("leaves a text alone when only one line comes again by chance", () => {
    const text = [
      "UNCLAS THE HAGUE 002515",
      "SENSITIVE BUT UNCLASSIFIED",
      "THIS MESS...",
      "",
      "THIS MESSAGE IS SENSITIVE BUT UNCLASSIFIED. PLEASE HANDLE ACCORDINGLY.",
      "1. (U) SUMMARY. The Embassy convened the mission's most extensive outreach effort to date.",
    ].join("\n");
    expect(useFullCopy(text)).toBeNull();
  });

  it("leaves a text without a cut, or whose copy is shorter, alone", () => {
    expect(useFullCopy(CAPTION.join("\n"))).toBeNull();
    const text = [
      ...CAPTION,
      "1. Text of the cable, long enough...",
      "",
      ...CAPTION.slice(0, 7),
    ].join("\n");
    expect(useFullCopy(text)).toBeNull();
  });
});
