import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { makeDoc } from "./doc.js";
import { cleanSubject } from "./subject/clean.js";
import { parseSubject } from "./subject.js";

const subject = (text: string) => parseSubject(makeDoc(text));

describe("parseSubject: labels", () => {
  it("reads SUBJECT:, SUBJ:, Subject: and the bare SUBJECT label", () => {
    expect(
      subject("TAGS: PREL\nSUBJECT: BRAZIL'S NUCLEAR SUBMARINE AMBITIONS \n\n1. (U) Text")?.text,
    ).toBe("BRAZIL'S NUCLEAR SUBMARINE AMBITIONS");
    expect(
      subject("SUBJ: GUINEA - U.S./French Meeting with President Compaore \n\nClassified by")?.text,
    ).toBe("GUINEA - U.S./French Meeting with President Compaore");
    expect(
      subject("SUBJECT SAG AGREES TO USG STEPS TO PROTECT OIL FACILITIES\nREF A. RIYADH 1579")
        ?.text,
    ).toBe("SAG AGREES TO USG STEPS TO PROTECT OIL FACILITIES");
  });

  it("reads the damaged label UBJECT: (08MANAMA117-style) at a line start", () => {
    expect(
      subject("TAGS: ECON PGOV LY\n\nUBJECT: 110 LIBYAN COMPANIES PRIVATIZED\n\nCLASSIFIED BY: X")
        ?.text,
    ).toBe("110 LIBYAN COMPANIES PRIVATIZED");
  });

  it("finds a label after other caption text on a run-together line", () => {
    const text =
      "E.o. 12958: decl: 01/07/2014 Tags: prel, pgov, pins, tu Subject: turkish p.m. Erdogan goes to washington\n\n(U) Classifi";
    expect(subject(text)?.text).toBe("turkish p.m. Erdogan goes to washington");
  });

  it("ignores SUBJECT inside another caption (C O R R E C T E D COPY//SUBJECT LINE)", () => {
    const text =
      "C O R R E C T E D COPY//SUBJECT LINE//////\n\nNOFORN\nSUBJECT: COUNSELOR, CSIS DIRECTOR\nREF: A";
    expect(subject(text)?.text).toBe("COUNSELOR, CSIS DIRECTOR");
  });

  it("is null, never empty, when the cable has no subject", () => {
    expect(
      subject(
        "C O N F I D E N T I A L STATE 000284 SIPDIS TAGS: MASS\n\n1.(U) This is an action request.",
      ),
    ).toBeNull();
    expect(subject("SUBJECT: \n\n1. (C) Text")).toBeNull();
    expect(subject("")).toBeNull();
  });

  it("only searches the caption area, before paragraph 1", () => {
    expect(subject("TAGS: PREL\n\n1. (C) Text.\n\n2. (C) SUBJECT: not a subject line")).toBeNull();
  });
});

describe("parseSubject: where the subject ends", () => {
  it("joins wrapped lines and stops at a blank line, REF, Classified By or a paragraph", () => {
    expect(
      subject(
        "SUBJECT: TRILATERAL REGULATORY COOPERATION MEETING UNDER \nSPP: INFORMATION SHARING \n",
      )?.text,
    ).toBe("TRILATERAL REGULATORY COOPERATION MEETING UNDER SPP: INFORMATION SHARING");
    const ref =
      "SUBJECT: COUNSELOR, CSIS DIRECTOR DISCUSS CT THREATS,\nPAKISTAN, AFGHANISTAN, IRAN\nREF: A. OTTAWA 360";
    expect(subject(ref)?.text).toBe(
      "COUNSELOR, CSIS DIRECTOR DISCUSS CT THREATS, PAKISTAN, AFGHANISTAN, IRAN",
    );
    expect(
      subject(
        "SUBJECT: A CAUCASUS WEDDING \nClassified By: Deputy Chief of Mission Daniel A. Russell.",
      )?.text,
    ).toBe("A CAUCASUS WEDDING");
    expect(subject("SUBJECT: MEDIA REACTION \n1. (U) Summary: text")?.text).toBe("MEDIA REACTION");
  });

  it("cuts elements glued onto the line: REF, Classified By, page-break marker", () => {
    expect(
      subject("SUBJECT: (C/NF) WHO WOULD REPLACE GORDON BROWN AS UK PRIMEREF: A. LONDON 1939")
        ?.text,
    ).toBe("WHO WOULD REPLACE GORDON BROWN AS UK PRIME");
    expect(
      subject("SUBJECT: A/S SHANNON VISIT TO CAIROClassified By: Ambassador Margaret Scobey")?.text,
    ).toBe("A/S SHANNON VISIT TO CAIRO");
    const smart =
      "UBJECT: 110 LIBYAN COMPANIES PRIVATIZED REF: TRIPOLI 869 TRIPOLI 00000925 001.2 OF 002\n";
    expect(subject(smart)?.text).toBe("110 LIBYAN COMPANIES PRIVATIZED");
    expect(subject("SUBJECT: ENERGY INSTALLATIONS REF: BRASILIA 861")?.text).toBe(
      "ENERGY INSTALLATIONS",
    );
  });

  it("stops at page furniture, dashed rules and letter-spaced banners", () => {
    expect(
      subject(
        "SUBJECT: ASSISTANT SECRETARY MEETS WITH ZIMBABWE \nPAGE 02 HARARE 03759 01 OF 03 111533Z",
      )?.text,
    ).toBe("ASSISTANT SECRETARY MEETS WITH ZIMBABWE");
    expect(
      subject(
        "SUBJECT: PART 3 OF 3: SOUTH AFRICA'S \nNEW PRESIDENT\nPRETORIA 00000954 001.2 OF 004",
      )?.text,
    ).toBe("PART 3 OF 3: SOUTH AFRICA'S NEW PRESIDENT");
    expect(subject("SUBJECT: ELECTIONS\n-------\nSUMMARY")?.text).toBe("ELECTIONS");
    expect(subject("SUBJECT: ELECTIONS\nC O N F I D E N T I A L")?.text).toBe("ELECTIONS");
  });
});

describe("parseSubject: cleaning", () => {
  it("splits off the leading portion marking and drops a trailing (U)", () => {
    expect(subject("SUBJECT: (C/NF) WHO WOULD REPLACE GORDON BROWN\n\n")).toEqual({
      text: "WHO WOULD REPLACE GORDON BROWN",
      marking: "C/NF",
    });
    expect(subject("SUBJECT: (SBU) GRANTS FOR PD PROJECTS (U)\n")).toEqual({
      text: "GRANTS FOR PD PROJECTS",
      marking: "SBU",
    });
    expect(subject("SUBJECT: (C) SUBJECT: BRIEFING INFORMATION FOR OCTOBER 6 \n\n")?.text).toBe(
      "BRIEFING INFORMATION FOR OCTOBER 6",
    );
  });

  it("keeps parentheses that are not markings", () => {
    expect(
      subject("SUBJECT: Grants Support for PD Projects (Iceland) \n \nREF:  STATE 105588")?.text,
    ).toBe("Grants Support for PD Projects (Iceland)");
  });

  it("decodes entities, drops backslashes and rejoins US- split at a wrap", () => {
    expect(subject("SUBJECT: Bla &#8217; bla &#8220; bla &#8221; bla \n")?.text).toBe(
      "Bla ’ bla “ bla ” bla",
    );
    expect(
      subject("SUBJECT: HRC: SPECIAL SESSION ON PALESTINE \\\n \\\nREF: A. A) BERN 1253")?.text,
    ).toBe("HRC: SPECIAL SESSION ON PALESTINE");
    expect(subject("SUBJECT: THE US- \nRUSSIA DIALOGUE\n\n")?.text).toBe("THE US-RUSSIA DIALOGUE");
  });
});

describe("parseSubject: SMART trailer fallback (spec §4.11)", () => {
  it("takes the capitals after the trailer's TAGS when the body has no SUBJECT line", () => {
    const body =
      'TAGS: PGOV PREL PHUM PINR LY\n\n1.(C) Summary: Reports by the QDF.\n\nEnd comment. STEVENS 0 03/13/2008 9871 PGOV,PREL,PHUM,PINR,LY DETAINED HUMAN RIGHTS ACTIVIST FATHI EL-JAHMI "RELEASED" Reports by the Qadhafi Development Foundation (QDF) that';
    expect(subject(body)?.text).toBe('DETAINED HUMAN RIGHTS ACTIVIST FATHI EL-JAHMI "RELEASED"');
  });
});

/** The cable text of a saved WikiLeaks page: its last <pre> block, decoded as the conformance README says. */
function lastPre(html: string): string {
  const blocks = [...html.matchAll(/<pre>([\s\S]*?)<\/pre>/g)];
  const last = blocks[blocks.length - 1]?.[1] ?? "";
  return last
    .replace(/&#x000A;/g, "\n")
    .replace(/¶/g, "")
    .replace(/<a [^>]*>|<\/a>|<\/?[a-z]+>/g, "")
    .replace(/\\\n/g, "\n");
}

describe("parseSubject on the bodies of the data-subject pages", () => {
  const dir = new URL("../../test/fixtures/conformance/fixtures/data-subject/in/", import.meta.url);
  const expected: Record<string, string | null> = {
    "07BERN881.html": 'FM CALMY-REY "TAKES NOTE" OF USG CONCERNS REGARDING IRAN/IAEA AND IRAN/EGL',
    "08BRASILIA93.html": "BRAZIL'S NUCLEAR SUBMARINE AMBITIONS",
    "08REYKJAVIK195.html":
      'ICELAND: PEACEKEEPING TAKES ON A MORE CIVILIAN LOOK AFTER REPORT ON 2004 "CHICKEN STREET INCIDENT"',
    // No SUBJECT line; the SMART trailer carries it (cablemap expected "", a contested case).
    "08TRIPOLI220.html": 'DETAINED HUMAN RIGHTS ACTIVIST FATHI EL-JAHMI "RELEASED"',
    // No SUBJECT line, and the word "subject" later in the text must not be taken.
    "10STATE284.html": null,
  };
  for (const file of readdirSync(dir)) {
    it(file, () => {
      const body = lastPre(readFileSync(new URL(file, dir), "utf8"));
      expect(subject(body)?.text ?? null).toBe(expected[file]);
    });
  }
});

describe("cleanSubject: a handling caveat typed on the subject line (issue 8, class 3)", () => {
  it.each([
    [
      "FORMER FINANCE MINISTER ON BRAZILIAN POLITICS SENSITIVE BUT UNCLASSIFIED; PLEASE PROTECT ACCORDINGLY",
      "FORMER FINANCE MINISTER ON BRAZILIAN POLITICS",
    ],
    [
      "AVIAN INFLUENZA REMAINS MOST THE DANGEROUS THREAT Sensitive but unclassified. Please handle accordingly.",
      "AVIAN INFLUENZA REMAINS MOST THE DANGEROUS THREAT",
    ],
    [
      "OPPOSITION ASSERTS CRISIS SENSITIVE BUT UNCLASSIFIED - PLEASE PROTECT ACCORDINGLY SUMMARY -------",
      "OPPOSITION ASSERTS CRISIS",
    ],
    [
      "REP. ISSA'S MEETING IN SAO PAULO SENSTIVE BUT UNCLASSIFIED - PLEASE PROTECT ACCORDINGLY.",
      "REP. ISSA'S MEETING IN SAO PAULO",
    ],
    [
      "QADHAFI WILL NOT STAY IN ENGLEWOOD ENTIRE TEXT SENSITIVE BUT UNCLASSIFIED/NOFORN; PLEASE PROTECT ACCORDINGLY.",
      "QADHAFI WILL NOT STAY IN ENGLEWOOD",
    ],
    [
      "Scenesetter - Economic Partnership Dialogue SENSITIVE BUT UNCLASSIFIED",
      "Scenesetter - Economic Partnership Dialogue",
    ],
  ])("%s", (raw, expected) => {
    expect(cleanSubject(raw)?.text).toBe(expected);
  });

  it("keeps the phrase when it is the subject's topic", () => {
    const raw = "HANDLING OF SENSITIVE BUT UNCLASSIFIED INFORMATION";
    expect(cleanSubject(raw)?.text).toBe(raw);
  });
});

describe("parseSubject: run-on forms (issue 8, class 4)", () => {
  it("ends at a dash rule after a blank, with a Summary heading before it", () => {
    expect(subject("SUBJECT: BANK GOVERNOR REMAINS FIRM ------------\n\n1.(C) Text")?.text).toBe(
      "BANK GOVERNOR REMAINS FIRM",
    );
    expect(subject("SUBJECT: UNESCO CONFERENCE ------- Summary -------\n")?.text).toBe(
      "UNESCO CONFERENCE",
    );
    expect(subject("SUBJECT: ISRAEL MEDIA REACTION ---- SUBJECTS COVERED: ----\n")?.text).toBe(
      "ISRAEL MEDIA REACTION",
    );
    // A rule glued between words and a drafter's double dash are the subject's own.
    expect(subject("SUBJECT: FRAUD SUMMARY---HERMOSILLO (2009)\n")?.text).toBe(
      "FRAUD SUMMARY---HERMOSILLO (2009)",
    );
    expect(subject("SUBJECT: KABIRI WALKS A TIGHTROPE -- RAHMONOV\n")?.text).toBe(
      "KABIRI WALKS A TIGHTROPE -- RAHMONOV",
    );
  });

  it("drops a Summary heading whose rule stands on the next line", () => {
    expect(
      subject("SUBJECT:  More than Malbec in Mendoza  Summary \n-------- 1.  Ambassador visited")
        ?.text,
    ).toBe("More than Malbec in Mendoza");
  });

  it("drops page markup and <br> printed as text", () => {
    expect(subject("SUBJECT:</strong> GENERAL JONES' FIRST MEETINGS\n\n")?.text).toBe(
      "GENERAL JONES' FIRST MEETINGS",
    );
    expect(cleanSubject("BOLIVIA'S REFERENDUM <br> <br>")?.text).toBe("BOLIVIA'S REFERENDUM");
    expect(cleanSubject("COMMERCIAL <br> ENGAGEMENT <br> <br")?.text).toBe("COMMERCIAL ENGAGEMENT");
  });

  it("stops at paragraph 1 glued to its number (`1.Summary:`)", () => {
    expect(subject("SUBJECT: EVACUATION FROM GAZA\n1.Summary: Embassy Cairo evacuated")?.text).toBe(
      "EVACUATION FROM GAZA",
    );
  });

  it("drops a CLASSIFIED whose BY: the copy put after a blank line (09TRIPOLI939)", () => {
    expect(
      subject("SUBJECT: DEATH IN LIBYA CLASSIFIED \n\nBY: Gene A. Cretz, Ambassador")?.text,
    ).toBe("DEATH IN LIBYA");
    expect(subject("SUBJECT: WHY THE REPORT STAYS CLASSIFIED\n\n1. (C) Text")?.text).toBe(
      "WHY THE REPORT STAYS CLASSIFIED",
    );
  });

  it("warns when the line is followed up to its line bound without reaching an element", () => {
    const doc = makeDoc(`SUBJECT: A\n${"WRAPPED LINE\n".repeat(12)}`);
    parseSubject(doc);
    expect(doc.warnings.some((w) => w.includes("subject read up to 8 lines"))).toBe(true);
    const short = makeDoc("SUBJECT: A\nB\n\n1. (C) Text");
    parseSubject(short);
    expect(short.warnings).toEqual([]);
  });

  it("stops at a heading label alone on its line (a press summary's INDEX:)", () => {
    expect(
      subject("SUBJECT:  DAILY SUMMARY OF JAPANESE PRESS 03/15/06\n  INDEX:\n(1) Poll on Koizumi")
        ?.text,
    ).toBe("DAILY SUMMARY OF JAPANESE PRESS 03/15/06");
    // A wrapped line with a colon inside it is still the subject.
    expect(subject("SUBJECT: IRAQ:\nTHE NEW CABINET\n\n1. Text")?.text).toBe(
      "IRAQ: THE NEW CABINET",
    );
  });

  it("stops at the banner and header lines a copy pasted under or into the subject (07MANAMA995)", () => {
    expect(
      subject(
        "SUBJECT: BAHRAIN: ARAB LEAGUE COLLECTIVE IMMEDIATERUCPDOC/USDOC WASHDC IMMEDIATE\nUNCLAS MANAMA 000995 SIPDIS SENSITIVE\n\n1.(SBU) Econoff",
      )?.text,
    ).toBe("BAHRAIN: ARAB LEAGUE COLLECTIVE");
    expect(
      subject("SUBJECT: TALKS WITH\nCONFIDENTIAL SECTION 01 OF 03 NEW DELHI 005138\nTHE LEFT")
        ?.text,
    ).toBe("TALKS WITH");
    expect(subject("SUBJECT: SECRET SERVICE VISIT\nTO ROME\n\n1. Text")?.text).toBe(
      "SECRET SERVICE VISIT TO ROME",
    );
  });
});
