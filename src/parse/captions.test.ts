import { describe, expect, it } from "vitest";
import { referenceTable } from "../reference/reference-data.js";
import { parseCaveats } from "./captions.js";
import { makeDoc } from "./doc.js";

const caveats = (text: string, metadata: string | null = null) =>
  parseCaveats(makeDoc(text), metadata);

describe("parseCaveats", () => {
  it("reads caption lines in order, duplicates dropped (08TRIPOLI220, 09KUWAIT110)", () => {
    expect(
      caveats(
        "C O N F I D E N T I A L SECTION 01 OF 03 TRIPOLI 000220\n\nSIPDIS SIPDIS \n\nDEPT FOR NEA/MAG",
      ),
    ).toEqual(["SIPDIS"]);
    expect(
      caveats(
        "S E C R E T SECTION 01 OF 02 KUWAIT 000110\n\nNOFORN\nSIPDIS\n\nE.O. 12958: DECL: 02/05/2029",
      ),
    ).toEqual(["NOFORN", "SIPDIS"]);
  });

  it("reads captions glued after the serial and before the E.O. line", () => {
    expect(
      caveats("C O N F I D E N T I A L LONDON 000333NOFORNSIPDIS E.O. 12958: DECL: 02/04/2019"),
    ).toEqual(["NOFORN", "SIPDIS"]);
    expect(caveats("UNCLAS STATE 000284\nSIPDIS E.O. 12958: N/A TAGS: MASS")).toEqual(["SIPDIS"]);
  });

  it("reads distribution and SBU captions", () => {
    expect(caveats("S E C R E T STATE 012345\n\nNODIS\n\nE.O. 12958: DECL: 1/1/2019")).toEqual([
      "NODIS",
    ]);
    expect(
      caveats("UNCLAS SECTION 01 OF 02 MEXICO 001311 \n \nSIPDIS \n \nSENSITIVE \nSIPDIS \n"),
    ).toEqual(["SIPDIS", "SENSITIVE"]);
    expect(
      caveats("UNCLAS PARIS 000123\n\nSENSITIVE BUT UNCLASSIFIED - Please handle accordingly\n"),
    ).toEqual(["SENSITIVE"]);
  });

  it("ignores the words in SUBJECT, REF, passing instructions and the text", () => {
    const text =
      "C O N F I D E N T I A L STATE 012345\n\nDEPT FOR EXDIS HOLDERS\nSUBJECT: NOFORN RULES\nREF: A. STATE 1234 (EXDIS)\n\n1. (C) NODIS material follows.\nNOFORN\n";
    expect(caveats(text)).toEqual([]);
  });

  it("adds caveats that only the metadata classification carries", () => {
    expect(caveats("S E C R E T STATE 012345\n\nSIPDIS\n", "SECRET//NOFORN")).toEqual([
      "SIPDIS",
      "NOFORN",
    ]);
    expect(
      caveats("UNCLAS STATE 012345\n\nSENSITIVE\n", "UNCLASSIFIED//FOR OFFICIAL USE ONLY"),
    ).toEqual(["SENSITIVE", "FOR OFFICIAL USE ONLY"]);
    expect(caveats("", "CONFIDENTIAL")).toEqual([]);
  });

  it("reads every spelling handling-captions.csv gives, and no caption it marks as not read", () => {
    const rows = referenceTable("handling-captions.csv");
    const glued = rows.filter((r) => r.run_together === "yes").map((r) => r.read_as ?? "");
    for (const row of rows) {
      const head = "UNCLAS STATE 012345\n\n";
      if (!row.read_as) {
        expect(caveats(`${head}${row.caption}\n`), row.caption).toEqual([]);
        continue;
      }
      for (const spelling of (row.spellings ?? "").split("|")) {
        expect(caveats(`${head}${spelling.replaceAll(" ", " \t ")}\n`)).toEqual([row.read_as]);
        // `Sipdis` in a sentence is not a caption; `Sensitive but unclassified` is.
        const capitalised = spelling.charAt(0) + spelling.slice(1).toLowerCase();
        expect(caveats(`${head}${capitalised}\n`)).toEqual(
          row.case === "capitals" ? [] : [row.read_as],
        );
      }
    }
    expect(glued.length).toBeGreaterThan(1);
    const [a = "", b = ""] = glued;
    expect(caveats(`UNCLAS STATE 012345\n\n${a}${b}\n`)).toEqual([a, b]);
    expect(caveats(`UNCLAS STATE 012345\n\n${a}SPECAT\n`)).toEqual([]);
  });
});
