import { describe, expect, it } from "vitest";
import { makeDoc } from "../doc.js";
import { parseTags } from "../tags.js";

const tags = (text: string) => parseTags(makeDoc(text)).tags;

describe("TAGS lists with a damaged label (issue 8, class 12)", () => {
  it("reads a list without its label between the E.O. line and SUBJECT (08BEIJING3662)", () => {
    expect(
      tags("E.O. 12958: N/A\nEFIN, ECON, EINV, PGOV, CH\nSUBJECT: Beijing Welcomes Coordination\n"),
    ).toEqual(["EFIN", "ECON", "EINV", "PGOV", "CH"]);
  });

  it("needs both neighbours and codes only for an unlabelled list", () => {
    // Not followed by SUBJECT: an addressee or distribution line, not TAGS.
    expect(tags("E.O. 12958: N/A\nEFIN, ECON, EINV, PGOV, CH\n\nREF: STATE 1234\n")).toEqual([]);
    // Words that are not codes: an unlabelled subject, not TAGS.
    expect(tags("E.O. 12958: N/A\nBEIJING WELCOMES COORDINATION\nSUBJECT: X\n")).toEqual([]);
  });

  it("reads `TAG` without a colon on the E.O. line (09STOCKHOLM194)", () => {
    expect(
      tags(
        "E.O. 12958:  DECL: 03/20/2019 TAG PTER, PGOV, ASEC, EFIN, ENRG, KCIP, SW \n\nSUBJECT: X",
      ),
    ).toEqual(["PTER", "PGOV", "ASEC", "EFIN", "ENRG", "KCIP", "SW"]);
    // A bare `TAG` followed by prose is a word, not the keyword.
    expect(tags("E.O. 12958: DECL: 03/20/2019 TAG THE SHIPMENT FOR RETURN\n")).toEqual([]);
  });

  it("does not continue the list with a subject word followed by a comma (06LIMA1452)", () => {
    const text =
      "E.O. 12958: DECL: 04/12/2016   TAGS: PGOV PINR PE\nRUN-OFF,\nSEEKS EMBASSY'S ASSISTANCE\n";
    expect(tags(text)).toEqual(["PGOV", "PINR", "PE"]);
    // A code opening the next line with a comma still continues it.
    expect(tags("TAGS: PGOV PINR\nPE, KDEM\nSUBJECT: X")).toEqual(["PGOV", "PINR", "PE", "KDEM"]);
  });

  it("reads the letter I written for the digit of an organisation code (09TRIPOLI401)", () => {
    expect(tags("TAGS: PREL KPKO AU-I SU\n")).toEqual(["PREL", "KPKO", "AU-1", "SU"]);
    expect(tags("TAGS: PREL AU-1 SU\n")).toEqual(["PREL", "AU-1", "SU"]);
  });
});
