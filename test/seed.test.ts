import { beforeAll, describe, expect, it } from "vitest";
import { readSource } from "../src/formats/index.js";
import type { RawRecord } from "../src/formats/record.js";
import type { Cable } from "../src/model/cable.js";
import { parseRecord } from "../src/parse/index.js";

/**
 * Acceptance of the seed copy: corpus/scraped/05ALMATY2121.md (copied to test/fixtures/seed/), a
 * cable scraped off a web page, full of link debris, with the paragraph anchors lost (`[1](#)2.`,
 * `16.` for 6.), the partial-extract banner and no metadata at all. Read and parsed the way the
 * command line does it, it must come out as the cable says.
 */

const SEED = new URL("fixtures/seed/05ALMATY2121.md", import.meta.url).pathname;

let cable: Cable;

beforeAll(async () => {
  const items = [];
  for await (const item of readSource(SEED)) items.push(item);
  expect(items).toHaveLength(1);
  expect(items[0]!.kind).toBe("record");
  cable = parseRecord(items[0] as RawRecord);
});

describe("seed copy 05ALMATY2121", () => {
  it("is read as a scraped copy and flagged as a partial extract", () => {
    expect(cable.source?.format).toBe("scraped");
    expect(cable.partial).toBe(true);
  });

  it("has its id from the banner, with the year inferred from the DECL date (and said so)", () => {
    expect(cable.referenceId).toBe("05ALMATY2121");
    expect(cable.station).toBe("ALMATY");
    expect(cable.year).toBe(2005);
    expect(cable.serial).toBe(2121);
    expect(cable.warnings.join("\n")).toMatch(/DECL|declassification/i);
  });

  it("has the classification, DECL date, TAGS and subject of the caption area", () => {
    expect(cable.classification).toBe("CONFIDENTIAL");
    expect(cable.declassification?.date).toBe("2015-06-06");
    expect(cable.tagsAsWritten).toEqual(["KZ", "MOPS", "PHUM", "UZ", "POLITICAL"]);
    expect(cable.tags).toEqual(["KZ", "MOPS", "PHUM", "UZ", "POLITICAL"]);
    expect(cable.subject).toBe(
      "KAZAKHSTAN: CONVERSATION WITH UZBEK HUMAN RIGHTS ACTIVIST LUTFULLO SHAMSIDDINOV",
    );
  });

  it("has references A-E: four 2005 Tashkent cables and an IIR report", () => {
    expect(cable.references.map((r) => [r.label, r.kind, r.referenceId])).toEqual([
      ["A", "cable", "05TASHKENT1544"],
      ["B", "cable", "05TASHKENT1537"],
      ["C", "cable", "05TASHKENT1536"],
      ["D", "cable", "05TASHKENT1446"],
      ["E", "report", null],
    ]);
    expect(cable.references[4]!.text).toContain("IIR 6 955 0183 05");
  });

  it("is classified by Mark Asquino, CDA, for reasons 1.4(b) and 1.4(d)", () => {
    expect(cable.classifiedBy).toMatchObject({
      names: ["Mark Asquino"],
      title: "CDA",
      reasons: ["1.4(b)", "1.4(d)"],
    });
  });

  it("has ten paragraphs numbered 1-10, all marked C, with the four section headings", () => {
    expect(cable.paragraphs.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(cable.paragraphs.every((p) => p.marking === "C")).toBe(true);
    expect(cable.paragraphs.map((p) => p.heading)).toEqual([
      null,
      "Seeking Asylum",
      null,
      "Shamsiddinov's Involvement",
      "May 13 Events in Andijon",
      null,
      null,
      null,
      null,
      "Decision to Flee",
    ]);
    expect(cable.paragraphs[5]!.text).toMatch(
      /^Many of the people with weapons were the Akromiylar/,
    );
    // Paragraph 5 runs on across the copy's blank lines.
    expect(cable.paragraphs[4]!.text).toContain("people (including women and children) gathered");
  });

  it("has the summary and is signed ASQUINO", () => {
    expect(cable.summary).toMatch(/^POEC chief met with Uzbek human rights activist/);
    expect(cable.signers).toEqual(["ASQUINO"]);
  });

  it("has a body without link remnants, banner or end-of-message signal, repairs listed", () => {
    expect(cable.body).not.toContain("](");
    expect(cable.body).not.toContain("[1]");
    expect(cable.body).not.toMatch(/\bNNNN\b/);
    expect(cable.body).not.toContain("partial extract");
    expect(cable.body).toMatch(/^C O N F I D E N T I A L ALMATY 002121/);
    expect(cable.body).toMatch(/^6\. \(C\) Many of the people/m);
    const warnings = cable.warnings.join("\n");
    expect(warnings).toMatch(/markdown link remnants/);
    expect(warnings).toMatch(/4 paragraph numbers carrying a stray leading 1/);
  });
});
