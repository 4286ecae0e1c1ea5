import { describe, expect, it } from "vitest";
import { makeDoc } from "./doc.js";
import { parseText } from "./index.js";
import { parseTags } from "./tags.js";

const tags = (text: string) => parseTags(makeDoc(text)).tags;

describe("parseTags: finding the list", () => {
  it("reads the keyword in its spellings and positions", () => {
    expect(tags("TAGS: PGOV PREL PHUM PINR LY\n")).toEqual(["PGOV", "PREL", "PHUM", "PINR", "LY"]);
    expect(tags("E.O. 12356: DECL:  OADR \nTAGS;  PGOV, TU \nSUBJ: TERRORIST KILL")).toEqual([
      "PGOV",
      "TU",
    ]);
    expect(tags("E.O. 12958: N/A \nTABS: EFIS, ECON, EPET, VE, NS \n")).toEqual([
      "EFIS",
      "ECON",
      "EPET",
      "VE",
      "NS",
    ]);
    expect(tags("E.O. 12958: N/A \nTAGS, ASEC, APER, AMGT, PE \nSUBJECT: CORRECTED")).toEqual([
      "ASEC",
      "APER",
      "AMGT",
      "PE",
    ]);
    expect(tags("SIPDIS E.O. 12958: DECL: 01/04/2020 TAGS: MASS MARR MCAP MOPS PARM PGOV")).toEqual(
      ["MASS", "MARR", "MCAP", "MOPS", "PARM", "PGOV"],
    );
    // A CSV copy left quotes before the keyword (07ASUNCION396).
    expect(
      tags('E.O. 12958: DECL: 04/20/2027 "TAGS: PGOV PREL KDEM ECON AR\n\nSUBJECT: COM'),
    ).toEqual(["PGOV", "PREL", "KDEM", "ECON", "AR"]);
  });

  it("follows continuation lines and stops at the next element", () => {
    expect(
      tags("TAGS: OVIP RICE CONDOLEEZZA PREL PHSA SP KV CU\nBL, IS\nSUBJECT: Secretary Rice"),
    ).toEqual(["OVIP", "RICE, CONDOLEEZZA", "PREL", "PHSA", "SP", "KV", "CU", "BL", "IS"]);
    expect(tags("TAGS: ECON EFIN SP\nEINV\nSUBJECT: MADRID WEEKLY")).toEqual([
      "ECON",
      "EFIN",
      "SP",
      "EINV",
    ]);
    expect(tags("TAGS: ECON EFIN SP\nEINV\n\nREF: X")).toEqual(["ECON", "EFIN", "SP"]);
    // A subject without its label after a trailing comma is not a TAG (06LIMA1452).
    expect(
      tags(
        "E.O. 12958: DECL: 04/12/2016   TAGS: PGOV PINR PE\nRUN-OFF,\nSEEKS EMBASSY'S ASSISTANCE IN CEMENTING DEMOCRATIC   COALITION AGAINST HUMALA\n",
      ),
    ).toEqual(["PGOV", "PINR", "PE"]);
  });

  it("reads the keyword alone on its line, and the one-code-per-line PDF layout (00ABUDHABI5893)", () => {
    expect(
      tags(
        "E.O. 12958: DECL: 09/17/2019\nTAGS:\nPGOV, PHUM, PINR, PREL, PROP, PTER, CASC, IR, UK\nSUBJECT: IRAN",
      ),
    ).toEqual(["PGOV", "PHUM", "PINR", "PREL", "PROP", "PTER", "CASC", "IR", "UK"]);
    expect(tags("TAGS: \nPREL\n \nXF\n \nTC\nSUBJECT:  SULTAN BIN ZAYID")).toEqual([
      "PREL",
      "XF",
      "TC",
    ]);
  });

  it("finds nothing without a keyword in the caption area", () => {
    expect(parseTags(makeDoc("SUBJECT: PRICE TAGS\n\n1. (C) The tags: none."))).toEqual({
      tags: [],
      asWritten: [],
    });
  });
});

describe("parseTags: repairs", () => {
  it("drops page-header debris, SIPDIS and duplicates", () => {
    expect(
      tags(
        "TAGS: ECON, EFIN, EFIN, EFIN, EFIN, IT    UNCLASSIFIED    PAGE 02 ROME 01059 01 OF 04 281501Z ECON, IT",
      ),
    ).toEqual(["ECON", "EFIN", "IT"]);
    expect(tags("TAGS: ECON ETRD PGOV CA MX SIPDIS\n")).toEqual([
      "ECON",
      "ETRD",
      "PGOV",
      "CA",
      "MX",
    ]);
  });

  it("ends the list at an old page header the normaliser removed from the line (03VATICAN283)", () => {
    // Through parseText: the header is gone before parseTags runs, its place kept in pageCuts.
    const text =
      "E.O. 12958: N/A \nTAGS: PREL, PHUM, PREF, TBIO, PHUM, UNCLASSIFIED    PAGE 02        " +
      "VATICA  00283  01 OF 05  241033Z VTPREL, UNCLASSIFIED    PAGE 02        VATICA  00283  " +
      "02 OF 05  241034Z VT \nSUBJECT: PARTNERS FOR PROGRESS - WORKING WITH VATICAN \n";
    const cable = parseText(text);
    expect(cable.body).toContain("TAGS: PREL, PHUM, PREF, TBIO, PHUM, VTPREL, VT\n");
    expect(cable.tags).toEqual(["PREL", "PHUM", "PREF", "TBIO"]);
  });

  it("splits glued codes, fixes misspelt codes and ISO slips", () => {
    expect(tags("TAGS: KFLU AEMR ASEC AMEDCASCKFLO TBIO\n")).toEqual([
      "KFLU",
      "AEMR",
      "ASEC",
      "AMED",
      "CASC",
      "KFLO",
      "TBIO",
    ]);
    expect(tags("TAGS: PHUM, IT, ITPHUM, HUMAN RIGHTS\n")).toEqual(["PHUM", "IT", "HUMAN RIGHTS"]);
    expect(tags("TAGS: PREL PARMS PTERS KWWMN ENERG UNFCYP\n")).toEqual([
      "PREL",
      "PARM",
      "PTER",
      "KWMN",
      "ENRG",
      "UNFICYP",
    ]);
    expect(tags("TAGS: PREL RU SYR GOV\n")).toEqual(["PREL", "RS", "SY", "GOV"]);
  });

  it("keeps free-text TAGS whole and gives person TAGS their comma", () => {
    expect(tags("TAGS: TU BO MD PHUM KCRM PGOV KJUS TIP IN TURKEY")).toContain("TIP IN TURKEY");
    expect(tags("TAGS: OREP AMGT KU COUNTRY\nCLEARANCE \nSUBJECT: KUWAIT")).toEqual([
      "OREP",
      "AMGT",
      "KU",
      "COUNTRY CLEARANCE",
    ]);
    expect(tags("TAGS: OVIP SMITHSON JOHN PREL\n")).toEqual(["OVIP", "SMITHSON, JOHN", "PREL"]);
    expect(tags("Tags: ovip (steinberg, james b.), prel\n")).toEqual([
      "OVIP",
      "STEINBERG, JAMES B.",
      "PREL",
    ]);
    expect(tags("TAGS: PREL NPT IWC CBW\n")).toEqual(["PREL", "NPT", "IWC", "CBW"]);
  });

  it("returns the TAGS as written beside the repaired ones", () => {
    expect(parseTags(makeDoc("TAGS: ovip clinton hillary, PREL, itphum, PREL\n"))).toEqual({
      tags: ["OVIP", "CLINTON, HILLARY", "PREL", "IT", "PHUM"],
      asWritten: ["OVIP", "CLINTON HILLARY", "PREL", "ITPHUM", "PREL"],
    });
  });
});

describe("parseTags: the 1,000-character bound on a TAGS line (issue 12: no value cut in half)", () => {
  it("cuts a run-on line at a separator, never inside a tag, and says so", () => {
    const codes = Array.from(
      { length: 300 },
      (_, i) =>
        `K${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}X`,
    );
    const doc = makeDoc(`TAGS: ${codes.join(" ")}\nSUBJECT: LONG\n`);
    const r = parseTags(doc);
    expect(r.asWritten.every((t) => /^K[A-Z]{2}X$/.test(t))).toBe(true);
    expect(r.asWritten.length).toBeGreaterThan(150);
    expect(doc.warnings.some((w) => w.startsWith("TAGS line longer than 1,000 characters"))).toBe(
      true,
    );
  });
});
