import { describe, expect, it } from "vitest";
import { parseHeader } from "./header.js";
import { splitHeader } from "./split-header.js";

// 08TRIPOLI220 as the text mirror has it: the header block runs straight into the body.
const TRIPOLI_220 = `VZCZCXRO4024
OO RUEHTRO
DE RUEHTRO #0220/01 0731503
ZNY CCCCC ZZH
O 131503Z MAR 08
FM AMEMBASSY TRIPOLI
TO RUEHC/SECSTATE WASHDC IMMEDIATE 3217
INFO RHEHAAA/NSC WASHINGTON DC
RUEHTU/AMEMBASSY TUNIS IMMEDIATE 0452
RUEHTRO/AMEMBASSY TRIPOLI 3706C O N F I D E N T I A L SECTION 01 OF 03 TRIPOLI 000220

SIPDIS SIPDIS

DEPT FOR NEA/MAG AND DRL E.O. 12958: DECL: 3/13/2018
`;

describe("splitHeader: one text", () => {
  it("cuts a VZCZC header where the banner is glued to the last addressee", () => {
    const r = splitHeader(null, TRIPOLI_220);
    expect(r.header?.startsWith("VZCZCXRO4024\n")).toBe(true);
    expect(r.header?.endsWith("RUEHTRO/AMEMBASSY TRIPOLI 3706")).toBe(true);
    expect(r.body.startsWith("C O N F I D E N T I A L SECTION 01 OF 03 TRIPOLI 000220\n")).toBe(
      true,
    );
    expect(r.partial).toBe(false);
    expect(r.warnings).toEqual([]);
  });

  it("cuts a 1970s DTG header glued to the banner (73TEHRAN8233)", () => {
    const text = `R 211220Z NOV 73
FM AMEMBASSY TEHRAN
TO SECSTATE WASHDC 4574S E C R E T TEHRAN 8233 \n \nE.O. 11652: GDS \nTAGS: PINT IR`;
    const r = splitHeader(null, text);
    expect(r.header).toBe("R 211220Z NOV 73\nFM AMEMBASSY TEHRAN\nTO SECSTATE WASHDC 4574");
    expect(r.body.startsWith("S E C R E T TEHRAN 8233")).toBe(true);
  });

  it("keeps a letter doubled by the copy out of the last addressee (06MADRID779)", () => {
    const text =
      "FM AMEMBASSY MADRID\nTO RUEHC/SECSTATE WASHDC PRIORITY 3433\nRUCNDT/USMISSION USUN NEW YORK PRIORITY 0159C C O N F I D E N T I A L SECTION 01 OF 02 MADRID 000779\n";
    const r = splitHeader(null, text);
    expect(r.header?.endsWith("USUN NEW YORK PRIORITY 0159")).toBe(true);
    expect(r.body.trimStart().startsWith("C C O N F I D E N T I A L")).toBe(true);
  });

  it("reads on past a colon inside an office list `//…//` (96ANKARA12278)", () => {
    const text = [
      "R 181142Z NOV 96",
      "FM AMEMBASSY ANKARA",
      "TO JOINT STAFF WASHDC",
      "USCINCCENT MACDILL AFB FL//POLAD//",
      "SECDEF WASHDC//USDP:PDUSDP/USDP/ISA:EUR//",
      "AMEMBASSY RIYADH ",
      "ODC ANKARA TU//TCH//",
      "SECSTATE WASHDC 9646C O N F I D E N T I A L SECTION 01 OF 03 ANKARA 012278 ",
      "",
      "E.O. 12958: DECL:11/15/17 ",
    ].join("\n");
    const r = splitHeader(null, text);
    const h = parseHeader(r.header!);
    expect(h.to.map((x) => x.name)).toEqual([
      "JOINT STAFF WASHDC",
      "USCINCCENT MACDILL AFB FL//POLAD//",
      "SECDEF WASHDC//USDP:PDUSDP/USDP/ISA:EUR//",
      "AMEMBASSY RIYADH",
      "ODC ANKARA TU//TCH//",
      "SECSTATE WASHDC",
    ]);
    expect(r.body.startsWith("C O N F I D E N T I A L SECTION 01 OF 03")).toBe(true);
  });

  it("keeps the last addressee when the body's first word is glued to it (08STATE43817, 09LAPAZ96)", () => {
    for (const [glued, name] of [
      ["RUEHTRO/AMEMBASSY TRIPOLI IMMEDIATESipdis", "AMEMBASSY TRIPOLI"],
      ["RHEFDIA/DIA WASHINGTON DCSIPDIS <br>", "DIA WASHINGTON DC"],
    ]) {
      const text = `FM SECSTATE WASHDC\nTO RUEHC/ALL DIPLOMATIC POSTS IMMEDIATE\n${glued}\n\n\nSensitive\n`;
      const h = parseHeader(splitHeader(null, text).header!);
      expect(h.to.at(-1)?.name, glued).toBe(name);
    }
  });

  it("reads an address block whose lines end in U+2028 separators (08MEXICO886)", () => {
    const text =
      "FM AMEMBASSY MEXICO\nTO RUEHC/SECSTATE WASHDC PRIORITY 1092\nINFO RUEHWH/WESTERN HEMISPHERIC AFFAIRS DIPL POSTS PRIORITY\nRUEAHLA/DEPT OF HOMELAND SECURITY PRIORITY\u2028\u2028\u2028S E C R E T MEXICO 000886 \n\nSIPDIS\n";
    const h = parseHeader(splitHeader(null, text).header!);
    expect(h.info.map((x) => x.name)).toEqual([
      "WESTERN HEMISPHERIC AFFAIRS DIPL POSTS",
      "DEPT OF HOMELAND SECURITY",
    ]);
  });

  it("carries letters broken off a routing indicator to their line, not as addressees (08ASMARA543)", () => {
    const text =
      "FM AMEMBASSY ASMARA\nTO SECSTATE WASHDC PRIORITY 0005\nINFO AMEMBASSY ADDIS ABABA \nR\nE\nDJ/AMEMBASSY QJQBOUTI 3104\nAMEMBASSY KHARTOUM \n\nC O N F I D E N T I A L ASMARA 000543\n";
    const h = parseHeader(splitHeader(null, text).header!);
    expect(h.info.map((x) => [x.route, x.name])).toEqual([
      [null, "AMEMBASSY ADDIS ABABA"],
      ["REDJ", "AMEMBASSY QJQBOUTI"],
      [null, "AMEMBASSY KHARTOUM"],
    ]);
  });

  it("reads a PlusD PDF text that starts at the DTG line (00ABUDHABI5893)", () => {
    const text = `R 310838Z OCT 00
FM AMEMBASSY ABU DHABI
TO SECSTATE WASHDC 7529
INFO ARAB ISRAELI COLLECTIVE
NSC WASHINGTON DC
C O N F I D E N T I A L SECTION 01 OF 02 ABU DHABI 005893 
 
DEPT FOR NEA AND NEA/ARP `;
    const r = splitHeader(null, text);
    expect(r.header?.split("\n")).toHaveLength(5);
    expect(r.body.startsWith("C O N F I D E N T I A L SECTION 01 OF 02 ABU DHABI 005893")).toBe(
      true,
    );
  });

  it("drops what a copy printed before the header, with a warning (08TRIPOLI453)", () => {
    const text =
      "TelegramC O N F I D E N T I A L   TRIPOLI   00000453 \nVZCZCXRO6560\nOO RUEHTRO\nDE RUEHTRO #0453 1631318\nZNY CCCCC ZZH\nO 111318Z JUN 08\nFM AMEMBASSY TRIPOLI\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 3517\nRUEHTRO/AMEMBASSY TRIPOLI 4023C O N F I D E N T I A L TRIPOLI 000453 \n \nE.O. 12958: DECL:  6/11/2018 ";
    const r = splitHeader(null, text);
    expect(r.header?.startsWith("VZCZCXRO6560")).toBe(true);
    expect(r.body.startsWith("C O N F I D E N T I A L TRIPOLI 000453")).toBe(true);
    expect(r.warnings).toEqual(["dropped 52 characters printed before the transmission header"]);
  });

  it("reads the SAS printout layout: distribution block, DTG, address block (09MADRID673)", () => {
    const text = `ACTION EUR-00   

INFO  LOG-00   EEB-00   AF-00    AID-00   ACQ-00   CPR-00   INL-00   
      FA-00    SWCI-00  SANA-00    /001W
                  ------------------88EA99  090807Z /38    
P 090645Z JUL 09 ZDK
FM AMEMBASSY MADRID
TO SECSTATE WASHDC PRIORITY 0904
INFO EUROPEAN POLITICAL COLLECTIVE PRIORITY
AMEMBASSY BOGOTA PRIORITY 
C O N F I D E N T I A L MADRID 000673 
`;
    const r = splitHeader(null, text);
    expect(r.header?.startsWith("ACTION EUR-00")).toBe(true);
    expect(r.header?.trimEnd().endsWith("AMEMBASSY BOGOTA PRIORITY")).toBe(true);
    expect(r.body.startsWith("C O N F I D E N T I A L MADRID 000673")).toBe(true);
  });

  it("removes a header repeated inside a pasted database row (06BERN1280)", () => {
    const text = `VZCZCXRO4324
DE RUEHSW #1280/01 1911451
O 101451Z JUL 06
FM AMEMBASSY BERN
TO RUEHC/SECSTATE WASHDC IMMEDIATE 2621
RUEHZL/EUROPEAN POLITICAL COLLECTIVE PRIORITY2006-07-10 14:51:00\t06BERN1280\tEmbassy Bern\tCONFIDENTIAL\t\tVZCZCXRO4324\\
FM AMEMBASSY BERN\\
TO RUEHC/SECSTATE WASHDC IMMEDIATE 2621\\
RUEHZL/EUROPEAN POLITICAL COLLECTIVE PRIORITY\tC O N F I D E N T I A L SECTION 01 OF 02 BERN 001280 \\
 \\
SIPDIS \\`;
    const r = splitHeader(null, text);
    expect(r.header?.endsWith("EUROPEAN POLITICAL COLLECTIVE PRIORITY")).toBe(true);
    expect(r.body.startsWith("C O N F I D E N T I A L SECTION 01 OF 02 BERN 001280")).toBe(true);
    expect(r.warnings[0]).toMatch(/^removed a repeated header block/);
  });

  it("converts CRLF line ends (PlusD text converted on Windows)", () => {
    const r = splitHeader(
      null,
      "\r\nVZCZCXYZ0000\r\nRR RUEHWEB\r\nFM AMEMBASSY ATHENS\r\nTO RUEHC/SECSTATE WASHDC 0727\r\nUNCLAS ATHENS 001501 \r\n",
    );
    expect(r.header).toBe(
      "VZCZCXYZ0000\nRR RUEHWEB\nFM AMEMBASSY ATHENS\nTO RUEHC/SECSTATE WASHDC 0727",
    );
    expect(r.body).toBe("UNCLAS ATHENS 001501 \n");
    expect(r.warnings).toEqual(["converted 6 CRLF/CR line ends to LF"]);
  });
});

describe("splitHeader: partial extracts", () => {
  const NOTICE =
    "This record is a partial extract of the original cable. The full text of the original cable is not available.";

  it("sets partial and keeps the notice out of the body it runs into (04WELLINGTON555)", () => {
    const r = splitHeader(null, `${NOTICE}C O N F I D E N T I A L WELLINGTON 000555 \n \nSIPDIS `);
    expect(r).toEqual({
      header: null,
      body: "C O N F I D E N T I A L WELLINGTON 000555 \n \nSIPDIS ",
      partial: true,
      warnings: [],
    });
  });

  it("still finds a printout header after the notice (00HARARE5461)", () => {
    const text = `${NOTICE}



                           CONFIDENTIAL     PTQ2529

PAGE 01        HARARE  05461  01 OF 02  271458Z 
ACTION AF-00    

INFO  LOG-00   NP-00    ACQ-00   CIAE-00  DINT-00  DODE-00  SRPP-00  
      NFAT-00  SAS-00     /006W
                  ------------------8A8E0D  271459Z /38    
FM AMEMBASSY HARARE
TO SECSTATE WASHDC IMMEDIATE 7212
INFO NSC WASHDC IMMEDIATE
SOUTHERN AFRICAN DEVELOPMENT COMMUNITYC O N F I D E N T I A L SECTION 01 OF 02 HARARE 005461 
`;
    const r = splitHeader(null, text);
    expect(r.partial).toBe(true);
    expect(r.header?.trimStart().startsWith("CONFIDENTIAL     PTQ2529")).toBe(true);
    expect(r.header?.endsWith("SOUTHERN AFRICAN DEVELOPMENT COMMUNITY")).toBe(true);
    expect(r.body.startsWith("C O N F I D E N T I A L SECTION 01 OF 02 HARARE 005461")).toBe(true);
  });

  it("keeps the DTG a partial extract kept of its header (05BRASILIA1984)", () => {
    const r = splitHeader(
      null,
      `${NOTICE}\n\n261800Z Jul 05UNCLAS SECTION 01 OF 02 BRASILIA 001984 \n \nSIPDIS `,
    );
    expect(r.partial).toBe(true);
    expect(r.header).toBe("261800Z Jul 05");
    expect(r.body.startsWith("UNCLAS SECTION 01 OF 02 BRASILIA 001984")).toBe(true);
  });

  it("reads the notice in a separate header block and does not parse it as a header", () => {
    const r = splitHeader(NOTICE, "C O N F I D E N T I A L SECTION 01 OF 02 PARIS 000104 ");
    expect(r.partial).toBe(true);
    expect(r.header).toBeNull();
    expect(r.body).toBe("C O N F I D E N T I A L SECTION 01 OF 02 PARIS 000104 ");
  });
});

describe("splitHeader: separate headers and fragments", () => {
  it("keeps a header the reader already separated", () => {
    const r = splitHeader(
      "P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES",
      "UNCLASSIFIED BUENOS AIRES 2481 ",
    );
    expect(r.header).toBe("P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES");
    expect(r.body).toBe("UNCLASSIFIED BUENOS AIRES 2481 ");
  });

  it("treats a bare address block as a header with an empty body", () => {
    expect(splitHeader(null, "INFO AMEMBASSY PANAMA").header).toBe("INFO AMEMBASSY PANAMA");
    const r = splitHeader(
      null,
      "FM SECSTATE WASHDC\nTO PAGE 02        STATE   023763  071504Z\nAMEMBASSY NEW DELHI PRIORITY",
    );
    expect(r.header?.split("\n")).toHaveLength(3);
    expect(r.body).toBe("");
  });

  it("leaves fragments without a header alone", () => {
    for (const fragment of [
      "REF: A) STATE 61438 B) TRIPOLI 442 ",
      "STEVENS",
      "TO THE SECRETARY FROM AMBASSADOR SOBEL \n \n1. (C) Summary: ...",
      "EO 12958: decl: 6/30/08",
      "",
    ]) {
      expect(splitHeader(null, fragment)).toEqual({
        header: null,
        body: fragment,
        partial: false,
        warnings: [],
      });
    }
  });
});
