import { describe, expect, it } from "vitest";
import { referenceTable } from "../../reference/reference-data.js";
import { findBodyMarking, levelOf } from "./classification.js";

describe("findBodyMarking", () => {
  it("finds letter-spaced markings glued to the last addressee", () => {
    const line =
      "RUEHTRO/AMEMBASSY TRIPOLI 3706C O N F I D E N T I A L SECTION 01 OF 03 TRIPOLI 000220";
    expect(findBodyMarking(line)).toMatchObject({ index: 30, level: "CONFIDENTIAL" });
    expect(findBodyMarking("RUEHDE/AMCONSUL DUBAI 0107S e c r e t berlin 001068")?.level).toBe(
      "SECRET",
    );
    // The copy lost the first letter: `HOA` + `S E C R E T` became `HOAE C R E T`.
    expect(findBodyMarking("RHMFISS/CJTF HOAE C R E T SANAA 000473 ")?.level).toBe("SECRET");
  });

  it("finds plain markings at the line start or glued, with a post and serial or the line end", () => {
    expect(
      findBodyMarking("TO SECSTATE WASHDC PRIORITY 8064UNCLAS SANTIAGO 002522 "),
    ).toMatchObject({
      index: 32,
      raw: "UNCLAS",
    });
    expect(findBodyMarking("STATE GRNCUNCLASSIFIED BUENOS AIRES 2481 ")?.level).toBe(
      "UNCLASSIFIED",
    );
    expect(findBodyMarking("CONFIDENTIAL ")?.index).toBe(0);
    expect(findBodyMarking("UNCLASSIFIED//FOR OFFICIAL USE ONLY")?.level).toBe("UNCLASSIFIED");
  });

  it("ignores the words inside addressees and running text", () => {
    expect(findBodyMarking("RUCNSE/US SECRET SERVICE WASHDC PRIORITY")).toBeNull();
    expect(findBodyMarking("TO THE SECRETARY FROM AMBASSADOR SOBEL")).toBeNull();
    expect(findBodyMarking("                           CONFIDENTIAL     PTQ0683")).toBeNull();
    expect(findBodyMarking("RUEHAS/AMEMBASSY ALGIERS IMMEDIATE 0629")).toBeNull();
  });
});

describe("levelOf", () => {
  it("names the level in the contract's words", () => {
    expect(levelOf("C O N F I D E N T I A L")).toBe("CONFIDENTIAL");
    expect(levelOf("S e c r e t")).toBe("SECRET");
    expect(levelOf("UNCLAS")).toBe("UNCLASSIFIED");
    expect(levelOf("LIMITED OFFICIAL USE")).toBe("LIMITED OFFICIAL USE");
    expect(levelOf("TOP SECRET")).toBe("TOP SECRET");
    expect(levelOf("SUBJECT")).toBeNull();
  });
});

describe("letter-spaced levels", () => {
  it("finds every level classification-markings.csv marks as letter-spaced, whole or cut", () => {
    const rows = referenceTable("classification-markings.csv").filter((r) => r.letter_spaced);
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      const level = (row.value ?? "").split(" / ")[0] ?? "";
      // One space between letters, two between words: `T O P  S E C R E T`.
      const spaced = level
        .split(" ")
        .map((w) => w.split("").join(" "))
        .join("  ");
      const glued = `RUEHXX/AMEMBASSY NOWHERE 0001${spaced} STATE 000001`;
      expect(findBodyMarking(glued)?.level, glued).toBe(level);
      if (row.letter_spaced === "yes") continue;
      const cut = `RHMFISS/CJTF HOA${spaced.slice(2)} STATE 000001`;
      expect(findBodyMarking(cut)?.level, cut).toBe(level);
    }
  });
});
