import { describe, expect, it } from "vitest";
import { referenceTable } from "../reference/reference-data.js";
import { canonicalId, canonicalIdByRules, formatId, fullYear, splitId } from "./reference-id.js";

describe("canonicalId", () => {
  it("keeps canonical ids, strips serial zero padding and case", () => {
    expect(canonicalId("05ALMATY2121")).toBe("05ALMATY2121");
    expect(canonicalId("08TRIPOLI000220")).toBe("08TRIPOLI220");
    expect(canonicalId(" 10shanghai60 ")).toBe("10SHANGHAI60");
    expect(canonicalId("66BUENOSAIRES2481")).toBe("66BUENOSAIRES2481");
  });

  it("maps station aliases and spellings as written in REF lines", () => {
    expect(canonicalId("05RIO123")).toBe("05RIODEJANEIRO123");
    expect(canonicalId("09SECSTATE1234")).toBe("09STATE1234");
    expect(canonicalId("06PORT-OF-SPAIN123")).toBe("06PORTOFSPAIN123");
    expect(canonicalId("02TAIPEI12")).toBe("02AITTAIPEI12");
    expect(canonicalId("10USDOCWASHDC12")).toBe("10USDOC12");
    expect(canonicalId("05 RIO DE JANEIRO 0123")).toBe("05RIODEJANEIRO123");
    expect(canonicalId("10-OTTAWA-57")).toBe("10OTTAWA57");
    // The embassy and the EU mission in Brussels stay distinct.
    expect(canonicalId("02BRUSSELS12")).toBe("02BRUSSELS12");
    expect(canonicalId("07USEU2")).toBe("07USEUBRUSSELS2");
  });

  it("keeps an unknown station of a station's length, as written", () => {
    expect(canonicalId("05EMBASSYBLABLA1")).toBe("05BLABLA1");
    expect(canonicalId("75DACCA292")).toBe("75DACCA292");
  });

  it("repairs the table's malformed WikiLeaks ids, then canonicalises the result", () => {
    expect(canonicalId("07SETION02OF02BAKU1501")).toBe("07BAKU1501");
    expect(canonicalId("092OF5")).toBe("09STATE126780");
    expect(canonicalId("06ASTANA")).toBe("06ASTANA204");
    expect(canonicalId("06AITTAIPIE2654")).toBe("06AITTAIPEI2654");
    expect(canonicalId("09BRUSELS1292")).toBe("09USEUBRUSSELS1292");
  });

  it("repairs ids the table does not list, by the causes it documents", () => {
    // Each of these is a made-up id of a documented kind of damage.
    expect(canonicalId("09EFTOKINSHASA77")).toBe("09KINSHASA77");
    expect(canonicalId("08SCTION03OF05LIMA412")).toBe("08LIMA412");
    expect(canonicalId("08SECTION0QF02LIMA412")).toBe("08LIMA412");
    expect(canonicalId("09AMEMBASSYTOKYO88")).toBe("09TOKYO88");
    expect(canonicalId("09USMISSIONGENEVA88")).toBe("09GENEVA88");
    expect(canonicalId("91STATE100200TOSEC150010")).toBe("91STATE100200");
    expect(canonicalId("07PARIS000301ZFR302")).toBe("07PARIS301");
    expect(canonicalId("08NOFORNKABUL45")).toBe("08KABUL45");
    expect(canonicalId("09SIFIEDLUSAKA45")).toBe("09LUSAKA45");
    expect(canonicalId("8080RABAT5")).toBe("80RABAT5");
    expect(canonicalId("07NAIROBBI123")).toBe("07NAIROBI123");
    expect(canonicalId("07KHATROUM123")).toBe("07KHARTOUM123");
  });

  it("accepts PlusD forms: four-digit years and the _a/_b suffix", () => {
    expect(canonicalId("1975DACCA00292_b")).toBe("75DACCA292");
    expect(canonicalId("10SHANGHAI60_a")).toBe("10SHANGHAI60");
  });

  it("returns null for what is not a cable id", () => {
    for (const s of [
      "",
      "hello",
      "ALMATY2121",
      "05ALMATY",
      "2121",
      "05AB12",
      "05ALMATY0",
      "12345678901",
    ]) {
      expect(canonicalId(s)).toBeNull();
    }
    expect(canonicalId("05ALMATY12345678")).toBeNull();
    expect(canonicalId("x".repeat(200))).toBeNull();
    expect(canonicalId(undefined as unknown as string)).toBeNull();
  });

  it("generalises: the rules alone repair most of the table's 203 malformed ids", () => {
    const rows = referenceTable("malformed-reference-ids.csv");
    const repaired = rows.filter(
      (r) =>
        canonicalIdByRules(r.wikileaks_reference_id!) === canonicalId(r.corrected_reference_id!),
    );
    expect(rows.length).toBe(203);
    expect(repaired.length).toBeGreaterThanOrEqual(190);
  });
});

describe("splitId / formatId", () => {
  it("splits a canonical id into year, station and serial", () => {
    expect(splitId("05ALMATY2121")).toEqual({ year: 2005, station: "ALMATY", serial: 2121 });
    expect(splitId("66BUENOSAIRES2481")).toEqual({
      year: 1966,
      station: "BUENOSAIRES",
      serial: 2481,
    });
    expect(splitId("not an id")).toBeNull();
  });

  it("formats a two-digit year from any year", () => {
    expect(formatId(2005, "ALMATY", 2121)).toBe("05ALMATY2121");
    expect(formatId(94, "QUITO", 841)).toBe("94QUITO841");
    expect(fullYear(10)).toBe(2010);
    expect(fullYear(72)).toBe(1972);
  });
});
