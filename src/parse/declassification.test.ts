import { describe, expect, it } from "vitest";
import { parseDeclassification } from "./declassification.js";
import { makeDoc } from "./doc.js";

const decl = (text: string) => parseDeclassification(makeDoc(text));

describe("parseDeclassification", () => {
  it("reads the E.O. line in all its spellings", () => {
    expect(decl("E.O. 12958: DECL: 09/10/2027\nTAGS: PREL")).toEqual({
      authority: "E.O. 12958",
      date: "2027-09-10",
      text: "DECL: 09/10/2027",
    });
    expect(decl("EO 12958 DECL: 2020/02/23")?.date).toBe("2020-02-23");
    expect(
      decl("E.o. 12958: decl: 01/07/2014 Tags: prel, pgov, pins, tu Subject: turkish p.m."),
    ).toEqual({
      authority: "E.o. 12958",
      date: "2014-01-07",
      text: "decl: 01/07/2014",
    });
    expect(decl("E.O. 12958:DECL: 03/18/2018")?.date).toBe("2018-03-18");
    expect(decl("E.0. 12958: DECL: 03/05/11 ")?.date).toBe("2011-03-05");
    expect(decl("EO 12958: decl: 6/3/08")?.date).toBe("2008-06-03");
    expect(decl("E.O. 1295: DECL: 07/24/2018 ")?.authority).toBe("E.O. 1295");
  });

  it("reads the line glued to a passing instruction and an instruction wrapped onto the next line", () => {
    expect(decl("DEPT FOR NEA/MAG AND DRL E.O. 12958: DECL: 3/13/2018 \n")?.date).toBe(
      "2018-03-13",
    );
    expect(decl("NSC FOR SHANNON E.O. 12958:\nDECL: 06/09/2015\nTAGS: KIPR")?.date).toBe(
      "2015-06-09",
    );
    expect(decl("STATE FOR NEA/MAG\n\nE.O. 12958:\nN/A TAGS: PREL MARR")?.text).toBe("N/A");
  });

  it("gives a null date for instructions that are not dates", () => {
    for (const [line, text] of [
      ["E.O. 12958: N/A", "N/A"],
      ["E.O.1295: NA ", "NA"],
      ["E.O. 12356: DECL:  OADR ", "DECL:  OADR"],
      ["E.O. 12958: DECL: X1, X5", "DECL: X1, X5"],
      ["E.O. 11652: GDS ", "GDS"],
      ["E.o. 12958: decl: after korean unification", "decl: after korean unification"],
      [
        "E.O. 12958: AS AMENDED; DECLASSIFIED JUNE 21, 2006 ",
        "AS AMENDED; DECLASSIFIED JUNE 21, 2006",
      ],
      ["E.O. 12958: DECL: 1.6X1", "DECL: 1.6X1"],
    ]) {
      expect(decl(line!)).toEqual({
        authority: line!.match(/^E\.?O\.?\s?\d+|^E\.o\. \d+/)![0],
        date: null,
        text,
      });
    }
  });

  it("reads a DECL without an order, a day-first date, and gives null without an E.O. line", () => {
    expect(decl("DECL: 08/22/2017 AGS: PGOV, PREL")).toEqual({
      authority: null,
      date: "2017-08-22",
      text: "DECL: 08/22/2017",
    });
    const doc = makeDoc("E.O. 12958: DECL: 31/12/2019");
    expect(parseDeclassification(doc)?.date).toBe("2019-12-31");
    expect(doc.warnings).toEqual(["declassification date 31/12/2019 read as day/month/year"]);
    expect(decl("REF: STATE 1234\n\n1. (C) GEO 1234 is not an order.")).toBeNull();
    expect(decl("UNCLASSIFIED\nDECLASSIFIED BY NARA 09/02/2009 \nTAGS: PREL")).toEqual({
      authority: null,
      date: null,
      text: "DECLASSIFIED BY NARA 09/02/2009",
    });
    expect(decl("E.O. 12958: DECLASSIFIED BY NARA 09/02/2009")?.date).toBeNull();
  });
});

describe("parseDeclassification: damaged instructions", () => {
  it("reads the date after a repeated, misspelt or late label", () => {
    expect(decl("E.O. 12958: DECL: DECL: 06/09/2016\n")?.date).toBe("2016-06-09");
    expect(decl("E.O. 12958: DECLl: 10/29/2018\n")?.date).toBe("2018-10-29");
    expect(decl("E.O. 12958: 1.4 (B) 1.4(D) DECLASSIFY 11/07/2018\n")?.date).toBe("2018-11-07");
  });

  it("stops at TAGS glued to the date and reads the date", () => {
    expect(decl("DECL: 2019/12/24TAGS: PHUM PGOV PREL UG\n")).toEqual({
      authority: null,
      date: "2019-12-24",
      text: "DECL: 2019/12/24",
    });
  });

  it("reads a day, a month's name and a year", () => {
    expect(decl("E.O. 12958: DECL: 08 OCTOBER 2019\n")?.date).toBe("2019-10-08");
    expect(decl("E.O. 12958: DECL: TEN YEARS AFTER KOREAN UNIFICATION\n")?.date).toBeNull();
  });

  it("warns when an E.O. line stands beyond the window it is looked for in", () => {
    const doc = makeDoc(`${"x ".repeat(1400)}\nE.O. 12958: DECL: 01/01/2019\n`);
    expect(parseDeclassification(doc)).toBeNull();
    expect(doc.warnings.some((w) => w.includes("not read"))).toBe(true);
  });
});
