import { describe, expect, it } from "vitest";
import { parseHeader } from "./header.js";

const rec = (
  route: string | null,
  name: string,
  precedence: string | null = null,
  mcn: string | null = null,
) => ({
  route,
  name,
  precedence,
  mcn,
  excluded: [] as string[],
});

describe("parseHeader", () => {
  it("reads an ACP-127 header (08TRIPOLI220)", () => {
    const h = parseHeader(`VZCZCXRO4024
OO RUEHTRO
DE RUEHTRO #0220/01 0731503
ZNY CCCCC ZZH
O 131503Z MAR 08
FM AMEMBASSY TRIPOLI
TO RUEHC/SECSTATE WASHDC IMMEDIATE 3217
INFO RHEHAAA/NSC WASHINGTON DC
RUEHTU/AMEMBASSY TUNIS IMMEDIATE 0452
RUEHTRO/AMEMBASSY TRIPOLI 3706`);
    expect(h).toEqual({
      transmissionId: "VZCZCXRO4024",
      precedence: "IMMEDIATE",
      dtg: "2008-03-13T15:03:00Z",
      from: "AMEMBASSY TRIPOLI",
      to: [rec("RUEHC", "SECSTATE WASHDC", "IMMEDIATE", "3217")],
      info: [
        rec("RHEHAAA", "NSC WASHINGTON DC"),
        rec("RUEHTU", "AMEMBASSY TUNIS", "IMMEDIATE", "0452"),
        rec("RUEHTRO", "AMEMBASSY TRIPOLI", null, "3706"),
      ],
    });
  });

  it("takes the action precedence from the first prosign (10STATE284, 89STATE401887)", () => {
    expect(parseHeader("P R 041820Z JAN 10\nFM SECSTATE WASHDC").precedence).toBe("PRIORITY");
    const h = parseHeader("O P 190243Z DEC 89\nFM SECSTATE WASHDC");
    expect(h.precedence).toBe("IMMEDIATE");
    expect(h.dtg).toBe("1989-12-19T02:43:00Z");
    expect(parseHeader("Z 121212Z JAN 09").precedence).toBe("FLASH");
    expect(parseHeader("R 121302Z JUL 74").dtg).toBe("1974-07-12T13:02:00Z");
  });

  it("reports NIACT IMMEDIATE when the action addressees carry it (89STATE403378)", () => {
    const h = parseHeader(
      "O 201405Z DEC 89\nFM SECSTATE WASHDC\nTO SPECIAL EMBASSY PROGRAM NIACT IMMEDIATE\nAMCONSUL LENINGARD NIACT IMMEDIATE",
    );
    expect(h.precedence).toBe("NIACT IMMEDIATE");
    expect(h.to).toEqual([
      rec(null, "SPECIAL EMBASSY PROGRAM", "NIACT IMMEDIATE"),
      rec(null, "AMCONSUL LENINGARD", "NIACT IMMEDIATE"),
    ]);
  });

  it("skips page headers inside the address block (08STATE50524)", () => {
    const h = parseHeader(
      "TO AMEMBASSY BEIJING IMMEDIATE\nINFO PAGE 02        STATE   050524  131535Z\nAMEMBASSY BAGHDAD PRIORITY",
    );
    expect(h.to).toEqual([rec(null, "AMEMBASSY BEIJING", "IMMEDIATE")]);
    expect(h.info).toEqual([rec(null, "AMEMBASSY BAGHDAD", "PRIORITY")]);
  });

  it("attaches XMT lines to the collective they exempt from (89STATE401887)", () => {
    const h = parseHeader(
      "TO ALL AMERICAN REPUBLIC DIPLOMATIC POSTS IMMEDIATE\nINFO ALL DIPLOMATIC AND CONSULAR POSTS PRIORITY\nXMT USINT HAVANA\nAMEMBASSY MANAGUA",
    );
    expect(h.info).toEqual([
      {
        ...rec(null, "ALL DIPLOMATIC AND CONSULAR POSTS", "PRIORITY"),
        excluded: ["USINT HAVANA", "AMEMBASSY MANAGUA"],
      },
    ]);
    expect(parseHeader("INFO XMT AMCONSUL JOHANNESBURG").info).toEqual([]);
    const slash = parseHeader("TO RUEHX/EUROPEAN POLITICAL COLLECTIVE\nXMT/AMEMBASSY SOFIA");
    expect(slash.to[0]?.excluded).toEqual(["AMEMBASSY SOFIA"]);
  });

  it("reads misspelt precedences and an MCN written before the precedence", () => {
    const h = parseHeader(
      "TO SECSTATE WASHDC PIORITY 0872\nINFO AMEMBASSY BUENOS AIRES PRIOITY\nRUEHLO/AMEMBASSY LONDON 8778 PRIORITY\nRUEHTU/AMEMBASSY TUNIS IMMEDIAT",
    );
    expect(h.to).toEqual([rec(null, "SECSTATE WASHDC", "PRIORITY", "0872")]);
    expect(h.info).toEqual([
      rec(null, "AMEMBASSY BUENOS AIRES", "PRIORITY"),
      rec("RUEHLO", "AMEMBASSY LONDON", "PRIORITY", "8778"),
      rec("RUEHTU", "AMEMBASSY TUNIS", "IMMEDIATE"),
    ]);
  });

  it("keeps office symbols of military addressees and reads a TO glued to its RI (08MANAMA492)", () => {
    const h = parseHeader(
      "FM AMEMBASSY MANAMA\nTORUEHC/SECSTATE WASHDC PRIORITY 8009\nINFO RUEKJCS/JOINT STAFF WASHDC//J-3/J-5// PRIORITY",
    );
    expect(h.to).toEqual([rec("RUEHC", "SECSTATE WASHDC", "PRIORITY", "8009")]);
    expect(h.info).toEqual([rec("RUEKJCS", "JOINT STAFF WASHDC//J-3/J-5//", "PRIORITY")]);
  });

  it("does not read SAS distribution codes as information addressees (00HARARE5461)", () => {
    const h = parseHeader(`CONFIDENTIAL     PTQ2529
PAGE 01        HARARE  05461  01 OF 02  271458Z 
ACTION AF-00    
INFO  LOG-00   NP-00    ACQ-00   CIAE-00  DINT-00
FM AMEMBASSY HARARE
TO SECSTATE WASHDC IMMEDIATE 7212
INFO NSC WASHDC IMMEDIATE`);
    expect(h.transmissionId).toBeNull();
    expect(h.dtg).toBeNull();
    expect(h.precedence).toBe("IMMEDIATE");
    expect(h.info).toEqual([rec(null, "NSC WASHDC", "IMMEDIATE")]);
  });

  it("reads the prosign-less DTG that partial extracts keep", () => {
    expect(parseHeader("\n\n261800Z Jul 05")).toMatchObject({
      precedence: null,
      dtg: "2005-07-26T18:00:00Z",
    });
  });

  it("falls back to FL2's prosign without a DTG line and gives null for an impossible DTG", () => {
    expect(parseHeader("VZCZCXYZ0000\nPP RUEHWEB\nFM AMEMBASSY X").precedence).toBe("PRIORITY");
    expect(parseHeader("R 311838Z FEB 09\nFM AMEMBASSY X").dtg).toBeNull();
    expect(parseHeader("")).toEqual({
      transmissionId: null,
      precedence: null,
      dtg: null,
      from: null,
      to: [],
      info: [],
    });
  });
});
