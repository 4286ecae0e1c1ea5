import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseClassifiedBy } from "./classified-by.js";
import { makeDoc } from "./doc.js";

const cb = (text: string, year: number | null = null) => parseClassifiedBy(makeDoc(text, { year }));
const names = (text: string) => cb(text)?.names ?? [];

describe("parseClassifiedBy: the seed cable (a scraped copy with link debris)", () => {
  it("gives name, title and reasons of 05ALMATY2121", () => {
    const head = readFileSync(
      new URL("../../test/fixtures/caption-fields/05ALMATY2121-head.md", import.meta.url),
      "utf8",
    );
    expect(cb(head)).toEqual({
      names: ["Mark Asquino"],
      title: "CDA",
      reasons: ["1.4(b)", "1.4(d)"],
      text: "Classified By: CDA Mark Asquino, reasons 1.4 (B) and (D).",
    });
  });
});

describe("parseClassifiedBy: titles before or after the name", () => {
  it("strips the title before the name and returns it", () => {
    const r = cb(
      "\nClassified By: Acting Deputy Chief of Mission Marc Wall for Reasons 1.4\n (b) and (d)\n",
    );
    expect(r?.names).toEqual(["Marc Wall"]);
    expect(r?.title).toBe("Acting Deputy Chief of Mission");
    expect(r?.reasons).toEqual(["1.4(b)", "1.4(d)"]);
  });

  it("reads SMART's name-first form: name, title, office", () => {
    const r = cb(
      "CLASSIFIED BY: Chris Stevens, CDA, Embassy Tripoli, Dept of State. REASON: 1.4 (b), (d)\n",
    );
    expect(r).toMatchObject({
      names: ["Chris Stevens"],
      title: "CDA",
      reasons: ["1.4(b)", "1.4(d)"],
    });
  });

  it("reads old cables: the line inside paragraph 1, title after the name, E.O. 12958 section 1.5", () => {
    const r = cb(
      "\n1.  (U)  CLASSIFIED BY ROBERT P. FINN, DEPUTY CHIEF OF\nMISSION.  REASON: 1.5 (D)\n\n2. (C) Text",
    );
    expect(r).toMatchObject({
      names: ["ROBERT P. FINN"],
      title: "DEPUTY CHIEF OF MISSION",
      reasons: ["1.5(d)"],
    });
    expect(
      names(
        "\n1.  (U) CLASSIFIED BY THOMAS W. SIMONS, JR., AMBASSADOR.\nREASON:  1.5 (B), (C) AND (D).",
      ),
    ).toEqual(["THOMAS W. SIMONS, JR."]);
  });

  it("keeps multi-word titles with a.i. and misspellings out of the name", () => {
    expect(
      cb("Classified By: Charge d'Affaires, a.i., Arnold A. Chacon \n \n1.(C) Summary:")?.title,
    ).toBe("Charge d'Affaires, a.i.");
    expect(names("Classified By: Ambasasdor Charles Glazer, Reasons \n1.4 (b) and (d) \n")).toEqual(
      ["Charles Glazer"],
    );
    expect(
      names("Classified By: ISN/MTR Direcotr Pam Durham. \nReason:  1.4 (B), (D). \n"),
    ).toEqual(["Pam Durham"]);
    expect(
      names("Classified By: Classified by Polmincouns Josiah Rosenblatt for reasons 1.4.(b), (d)"),
    ).toEqual(["Josiah Rosenblatt"]);
  });

  it("separates a title ending in a place from the name", () => {
    expect(
      names(
        "Classified By: DEPUTY ASSISTANT SECRETARY OF STATE FOR \nCENTRAL ASIA GEORGE KROL FOR REASONS 1.4 (B) AND (D)",
      ),
    ).toEqual(["GEORGE KROL"]);
    expect(
      names(
        "Classified By: Special Representative for Afghanistan and Pakistan \nRichard C. Holbrooke \n \n1.  (U)",
      ),
    ).toEqual(["Richard C. Holbrooke"]);
    expect(
      names("Classified By: Mark Scheland, Counselor for Nuclear Policy; reasons 1.4 (b) and (d)"),
    ).toEqual(["Mark Scheland"]);
  });

  it("names two classifiers when the line does", () => {
    const line =
      "CLASSIFIED BY AF KARL WYCOFF, ACTING AND S/CT DAS SHARI \nVILLAROSA ; E.O. 12958 REASON: 1.4 (B) AND (D) \n";
    expect(names(line)).toEqual(["KARL WYCOFF", "SHARI VILLAROSA"]);
  });
});

describe("parseClassifiedBy: damage done by wraps and copies", () => {
  it("rejoins words broken at the wrap", () => {
    expect(
      names(
        "Classified By: Interagency Provincial Affairs Deputy Coordinator Hoyt Y\nee for reasons 1.4 (b) and (d)",
      ),
    ).toEqual(["Hoyt Yee"]);
    expect(
      names(
        "Classified By: Deputy Political Counselor Charles O. Blah \na, E.O. 12958, reasons 1.4 (b) and (d).",
      ),
    ).toEqual(["Charles O. Blaha"]);
    expect(
      names(
        "Classified By: Political Minister-Counselor Christopher R. Davis for re \nason 1.4 (b/d) \n",
      ),
    ).toEqual(["Christopher R. Davis"]);
  });

  it("reads the reason across a page header of an old cable", () => {
    const r = cb(
      "CLASSIFIED BY AMBASSADOR TOM MCDONALD.\nCONFIDENTIAL\nPAGE 02 HARARE 03759 01 OF 03 111533Z\nREASONS: 1.5 (B) AND (D).\n\n2. X",
    );
    expect(r).toMatchObject({
      names: ["TOM MCDONALD"],
      title: "AMBASSADOR",
      reasons: ["1.5(b)", "1.5(d)"],
    });
  });

  it("keeps digit-0 names as written, and the marker glued to the name", () => {
    expect(names("\n1.(U)  CLASSIFIED BY AMBASSAD0R B0HLEN.  REAS0N: \n1.5(B,D). \n")).toEqual([
      "B0HLEN",
    ]);
    expect(
      names(
        "Classified ByMinister Counselor for Economic and Political Affairs Donald A. Blome for reasons 1.4 (b) and (d).",
      ),
    ).toEqual(["Donald A. Blome"]);
  });

  it("drops a name cut off by a partial extract, and redactions", () => {
    expect(names("Classified By: AMBASSADOR ROLAND ARN...\n")).toEqual([]);
    // The cut after a comma leaves the word before it whole.
    expect(names("CLASSIFIED BY AMB JOHN E. HERBST,...\n")).toEqual(["JOHN E. HERBST"]);
    expect(names("CLASSIFIED BY: Mark W...\n")).toEqual([]);
    expect(names("Classified By: XXXXXXXXXXXX FOR REASONS 1.4 (B),(D)\n")).toEqual([]);
  });
});

describe("parseClassifiedBy: no name, no line", () => {
  it("returns reasons without a name (CLASSIFIED BY SECTION 1.5)", () => {
    const r = cb(
      "\n1.  CONFIDENTIAL - ENTIRE TEXT.  CLASSIFIED BY SECTION 1.5 (B)\nAND (D).  NIACT PRECEDENCE.\n\n2.  SU",
    );
    expect(r).toMatchObject({ names: [], reasons: ["1.5(b)", "1.5(d)"] });
  });

  it("skips 'CLASSIFIED BY' inside another caption and finds the real line", () => {
    const text =
      "- - C O R R E C T E D  C O P Y - - CLASSIFIED BY LINE ADDED \n\nSUBJECT: X\n\nCLASSIFIED BY DCM PSIMONS PER 1.5 (B) AND (D) \n";
    expect(cb(text)).toMatchObject({
      names: ["PSIMONS"],
      title: "DCM",
      reasons: ["1.5(b)", "1.5(d)"],
    });
  });

  it("is null for unclassified cables and for text that only mentions classification", () => {
    expect(
      cb("UNCLAS SECTION 01 OF 02 STATE 1234\n\nE.O. 12958: N/A\nTAGS: PREL\n\n1. Text."),
    ).toBeNull();
    expect(cb("1. (C) The document, declassified by the ministry, was shown.")).toBeNull();
    expect(cb("")).toBeNull();
  });

  it("infers the section of letters written without one from the cable's year", () => {
    expect(
      cb("Classified By: DCM Tom Kelly for reasons b, d.\n\n1. (C) Text", 2007)?.reasons,
    ).toEqual(["1.4(b)", "1.4(d)"]);
    expect(
      cb("Classified By: DCM Tom Kelly for reasons b, d.\n\n1. (C) Text", null)?.reasons,
    ).toEqual([]);
  });
});

describe("parseClassifiedBy: families of names seen cut or polluted (issue 8, class 6)", () => {
  const line = (who: string) =>
    names(`\nClassified By: ${who} for reasons 1.4 (b) and (d)\n\n1. (C) Text.`);

  it("keeps a surname that looks like a title: after an initial, or a common surname", () => {
    expect(line("CDA Damian R. Leader")).toEqual(["Damian R. Leader"]);
    expect(names("CLASSIFIED BY: Adam Center, Consul; REASON: 1.4(B), (D)\n")).toEqual([
      "Adam Center",
    ]);
    // A title after a full name still goes.
    expect(line("ROBERT FINN DCM")).toEqual(["ROBERT FINN"]);
  });

  it("reads apostrophes and the comma typos for them and for an initial's full stop", () => {
    expect(line("A/DCM Daniel O'Grady")).toEqual(["Daniel O'Grady"]);
    expect(line("A/DCM Daniel O,Grady")).toEqual(["Daniel O'Grady"]);
    expect(names("Classified By: DCM Luis G, Moreno, Reason 1.4 (b) (d)\n")).toEqual([
      "Luis G. Moreno",
    ]);
    // Name-first SMART lines keep their commas.
    expect(
      names("CLASSIFIED BY: Hodges, Heather M, Ambassador, State, EXEC; REASON: 1.4(D)\n"),
    ).toEqual(["Hodges, Heather M"]);
  });

  it("leaves title words and misspelt titles out of the name", () => {
    expect(line("Acting PermRep Bob Manzanares")).toEqual(["Bob Manzanares"]);
    expect(names("Classified By: CDA, A.I. RON MCMULLEN FOR REASON 1.5 (A/C).\n")).toEqual([
      "RON MCMULLEN",
    ]);
    expect(line("POL CIEF JOHN SMITH")).toEqual(["JOHN SMITH"]);
    expect(line("Regional CooQnator Mary Jones")).toEqual(["Mary Jones"]);
    expect(line("MCOUNSELOR PETER BROWN")).toEqual(["PETER BROWN"]);
  });

  it("keeps a particle after the title (`Ambassador van Voorst`)", () => {
    expect(line("Ambassador van Voorst")).toEqual(["van Voorst"]);
    expect(line("Ambassador Carol van Voorst")).toEqual(["Carol van Voorst"]);
  });

  it("repairs names broken by the copy: a letter split off, a stray dot, markup, a nickname", () => {
    expect(line("Minister-Counselor for Political-Military Affairs Michae l Corbin")).toEqual([
      "Michael Corbin",
    ]);
    expect(line("Deputy Chief of Mission Kevin . Johnson")).toEqual(["Kevin Johnson"]);
    expect(line("Economic Minister-Counselor John Desroche <br> r")).toEqual(["John Desrocher"]);
    expect(names('Classified By: D/Political Advisor A. "Hoot" Baez. Reasons: 1.4 (b)\n')).toEqual([
      "A. Hoot Baez",
    ]);
  });

  it("reads `Classified by` without a colon glued after the REF line", () => {
    const r = cb(
      "REF: LA PAZ 1280 Classified by Deputy Economic Counselor J. Andrew Plowman, reasons 1.4 (b) and (d).\n\n1. (C) Summary: text.",
      2007,
    );
    expect(r?.names).toEqual(["J. Andrew Plowman"]);
    expect(r?.reasons).toEqual(["1.4(b)", "1.4(d)"]);
    // Prose is not a Classified By line.
    expect(
      cb("trafficking may be later reclassified by the Fiscalia to have only been"),
    ).toBeNull();
    expect(cb("16 percent receives untreated water classified by AyA as unpotable.")).toBeNull();
  });

  it("prefers the full copy of a line a preview cut off (09BOGOTA3585)", () => {
    const text =
      "SUBJECT: Charge Discusses Venezuela\n\nCLASSIFIED BY: Brian A. Nicho...\n\n\nid: 240964\nrefid: 09BOGOTA3585\n\nSUBJECT: Charge Discusses Venezuela\n\nCLASSIFIED BY: Brian A. Nichols, Deputy Chief of Mission; REASON:\n1.4(B), (D)\n\n1. (C) Text.";
    expect(cb(text, 2009)).toMatchObject({
      names: ["Brian A. Nichols"],
      title: "Deputy Chief of Mission",
      reasons: ["1.4(b)", "1.4(d)"],
    });
  });
});

describe("parseClassifiedBy: the bound on the who-part (issue 12: no value cut in half)", () => {
  it("ends a run-on who-part at a word and says so", () => {
    const doc = makeDoc(`Classified By: Ambassador ${"Lorem ".repeat(80)}Smith\n`);
    const r = parseClassifiedBy(doc);
    expect(r?.text.endsWith("Lorem")).toBe(true);
    expect(doc.warnings.some((w) => w.startsWith("Classified By line read up to"))).toBe(true);
  });
});
