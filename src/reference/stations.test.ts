import { describe, expect, it } from "vitest";
import { fuzzyIndex, nearestStation } from "./station-fuzzy.js";
import {
  canonicalStation,
  knownStation,
  originForStation,
  stationFromOrigin,
  stationInfo,
} from "./stations.js";

describe("canonicalStation", () => {
  it("reads names as REF lines write them: spaces, hyphens, apostrophes, dots", () => {
    expect(canonicalStation("SAO PAULO")).toBe("SAOPAULO");
    expect(canonicalStation("USUN NEW YORK")).toBe("USUNNEWYORK");
    expect(canonicalStation("PORT-OF-SPAIN")).toBe("PORTOFSPAIN");
    expect(canonicalStation("N'DJAMENA")).toBe("NDJAMENA");
    expect(canonicalStation("ST. PETERSBURG")).toBe("STPETERSBURG");
    expect(canonicalStation("Rio de Janeiro")).toBe("RIODEJANEIRO");
  });

  it("maps aliases and abbreviations", () => {
    expect(canonicalStation("RIO DE JAN")).toBe("RIODEJANEIRO");
    expect(canonicalStation("SECSTATE")).toBe("STATE");
    expect(canonicalStation("HCMC")).toBe("HOCHIMINHCITY");
    expect(canonicalStation("USUNESCO PARIS FR")).toBe("UNESCOPARISFR");
    expect(canonicalStation("MEXICO CITY")).toBe("MEXICO");
    expect(canonicalStation("0TTAWA")).toBe("OTTAWA");
    expect(canonicalStation("TAIPEI")).toBe("AITTAIPEI");
  });

  it("drops addressee prefixes and a Washington suffix", () => {
    expect(canonicalStation("EMBASSY VIENNA")).toBe("VIENNA");
    expect(canonicalStation("AMEMBASSY ALMATY")).toBe("ALMATY");
    expect(canonicalStation("USMISSION GENEVA")).toBe("GENEVA");
    expect(canonicalStation("SECDEF WASHDC")).toBe("SECDEF");
  });

  it("repairs close, unambiguous typos", () => {
    expect(canonicalStation("SAO PAUO")).toBe("SAOPAULO");
    expect(canonicalStation("Colomobo")).toBe("COLOMBO");
    expect(canonicalStation("BISHTEK")).toBe("BISHKEK");
    expect(canonicalStation("BRUSSQLS")).toBe("BRUSSELS");
    expect(canonicalStation("BUENOS QRES")).toBe("BUENOSAIRES");
    expect(canonicalStation("SANTIAG0")).toBe("SANTIAGO");
  });

  it("reads a name cut short when it begins exactly one station", () => {
    expect(canonicalStation("CASA")).toBe("CASABLANCA");
    expect(canonicalStation("KUALA LUMP")).toBe("KUALALUMPUR");
    expect(canonicalStation("PORT")).toBeNull();
  });

  it("does not turn ordinary words into stations", () => {
    for (const word of [
      "PARAS",
      "PART",
      "DATED",
      "REPORT",
      "TELCON",
      "JULY",
      "EMAIL",
      "OSD",
      "IIR",
    ]) {
      expect(canonicalStation(word)).toBeNull();
    }
    expect(canonicalStation("")).toBeNull();
  });

  it("knownStation does no repair", () => {
    expect(knownStation("SAO PAULO")).toBe("SAOPAULO");
    expect(knownStation("SAO PAUO")).toBe("SAOPAULO");
    expect(knownStation("COLOMOBO")).toBeNull();
  });
});

describe("stationFromOrigin", () => {
  it("maps WikiLeaks origin labels, including the odd ones", () => {
    expect(stationFromOrigin("Embassy Tripoli")).toBe("TRIPOLI");
    expect(stationFromOrigin("US Office Almaty")).toBe("ALMATY");
    expect(stationFromOrigin("Embasy Bonn")).toBe("BONN");
    expect(stationFromOrigin("** Dhahran")).toBe("DHAHRAN");
    expect(stationFromOrigin("USUN New York")).toBe("USUNNEWYORK");
    expect(stationFromOrigin("Secretary of State")).toBe("STATE");
    expect(stationFromOrigin("American Institute Taiwan, Taipei")).toBe("AITTAIPEI");
  });

  it("derives labels the table lacks", () => {
    expect(stationFromOrigin("Embassy Almaty")).toBe("ALMATY");
    expect(stationFromOrigin("Consulate General Rio de Janeiro")).toBe("RIODEJANEIRO");
    expect(stationFromOrigin("Nowhere at all")).toBeNull();
    expect(stationFromOrigin("")).toBeNull();
  });
});

describe("originForStation / stationInfo", () => {
  it("gives the WikiLeaks label the tables record", () => {
    expect(originForStation("TRIPOLI")).toBe("Embassy Tripoli");
    expect(originForStation("DHAHRAN")).toBe("Consulate Dhahran");
    expect(originForStation("STATE")).toBe("Department of State");
    expect(originForStation("SECSTATE")).toBe("Department of State");
    expect(originForStation("RIODEJANEIRO")).toBe("Consulate Rio De Janeiro");
  });

  it("lets the FM line say which kind of post sent the cable", () => {
    expect(originForStation("ALMATY")).toBe("US Office Almaty");
    expect(originForStation("ALMATY", { from: "AMEMBASSY ALMATY" })).toBe("Embassy Almaty");
    expect(originForStation("JEDDAH", { from: "AMCONSUL JEDDAH" })).toBe("Consulate Jeddah");
  });

  it("builds an origin for posts no label names", () => {
    expect(originForStation("CALCUTTA")).toBe("Consulate Calcutta");
    expect(originForStation("KIEV")).toBe("Embassy Kiev");
    expect(originForStation("CDCATLANTAGA")).toBe("CDC Atlanta");
    expect(originForStation("NOWHERE")).toBeNull();
  });

  it("describes a station for the UI", () => {
    expect(stationInfo("TRIPOLI")).toMatchObject({ kind: "embassy", country: "Libya" });
    expect(stationInfo("HAMBURG")).toMatchObject({ kind: "consulate", country: "Germany" });
    expect(stationInfo("USNATO")).toMatchObject({ kind: "mission" });
    expect(stationInfo("SECSTATE")).toMatchObject({ station: "STATE", kind: "washington" });
    expect(stationInfo("BASRAH")).toMatchObject({ kind: "office", country: "Iraq" });
    expect(stationInfo("PARTO")).toMatchObject({ kind: "delegation" });
    expect(stationInfo("NOWHERE")).toBeNull();
  });
});

describe("station-fuzzy", () => {
  it("refuses a match that two stations share", () => {
    const index = fuzzyIndex([
      { key: "MONTEREY", station: "MONTEREY" },
      { key: "MONTERREY", station: "MONTERREY" },
    ]);
    expect(nearestStation("MONTEREEY", index, 5)).toBeNull();
    expect(nearestStation("MONTERY", index, 5)).toBe("MONTEREY");
  });
});
