import { describe, expect, it } from "vitest";
import { parseText } from "../index.js";

/** A small telegram in the 2000s layout; names and events are made up for the test. */
const CABLE = `C O N F I D E N T I A L TRIPOLI 000123

SIPDIS

E.O. 12958: DECL: 01/01/2019
TAGS: PGOV PREL LY
SUBJECT: LIBYA: OIL CHIEF SAYS REFORMS STALLED

Classified By: CDA Mark Asquino, reasons 1.4 (b) and (d)

1. (C) Summary: Dr. Shukri Ghanem, Chairman of Libya's National Oil Corporation (NOC),
told CDA on July 10 that reforms had stalled. End summary.

2. (C) Ibrahim el-Meyet (strictly protect), a Tripoli-based attorney, said that Ghanem
intends to resign. Deputy Minister of Interior Lutfullo SHAMSIDDINOV met Poloff in
Dushanbe; Shamsiddinov noted that the MFA had not been consulted. The NOC will
tender new blocks, el-Meyet added.

3. (C) xxxxxxxxxxxx (strictly protect), a businessman, told P/E Chief that Muammar
al-Qadhafi had approved the plan. Human Rights Watch criticised the Rwandan delegation.
ASQUINO
`;

describe("extractEntities through the parser", () => {
  const cable = parseText(CABLE, { year: 2008 });
  const person = (name: string) => cable.persons.find((p) => p.name === name);

  it("reads the Classified-By line and the signature as one US official", () => {
    const asquino = person("Mark Asquino");
    expect(asquino).toBeDefined();
    expect(asquino!.variants).toContain("ASQUINO");
    expect(asquino!.roles).toContain("CDA");
    expect(asquino!.usOfficial).toBe(true);
    expect(asquino!.paragraphs).toEqual([0]);
  });

  it("takes titles as roles, not names, and groups every form of a person", () => {
    const ghanem = person("Shukri Ghanem");
    expect(ghanem?.roles.join(" ")).toMatch(/Chairman of Libya/);
    expect(ghanem?.variants).toContain("Ghanem");
    expect(ghanem?.paragraphs).toEqual([1, 2]);
    const sh = person("Lutfullo Shamsiddinov");
    expect(sh?.variants).toEqual(expect.arrayContaining(["Lutfullo SHAMSIDDINOV", "Shamsiddinov"]));
    expect(sh?.roles).toContain("Deputy Minister of Interior");
    expect(cable.persons.some((p) => /^(?:CDA|Poloff|P\/E Chief)$/i.test(p.name))).toBe(false);
  });

  it("protects the person a marker is attached to, and nobody for a redacted source", () => {
    const meyet = person("Ibrahim el-Meyet");
    expect(meyet?.protected).toBe(true);
    expect(meyet?.variants).toContain("el-Meyet");
    expect(person("Muammar al-Qadhafi")?.protected).toBe(false);
    expect(person("Shukri Ghanem")?.protected).toBe(false);
  });

  it("finds bodies by table and by head word, with acronyms defined in parentheses", () => {
    const noc = cable.organizations.find((o) => o.name === "National Oil Corporation");
    expect(noc?.variants).toContain("NOC");
    expect(noc?.paragraphs).toEqual([1, 2]);
    expect(cable.organizations.map((o) => o.name)).toEqual(
      expect.arrayContaining(["Ministry of Foreign Affairs (Libya)", "Human Rights Watch"]),
    );
    // TAGS codes are not organisations.
    expect(cable.organizations.some((o) => /^(?:PGOV|PREL)$/.test(o.name))).toBe(false);
  });

  it("finds places with their adjectives as variants, not from the TAGS line", () => {
    const libya = cable.places.find((p) => p.name === "Libya");
    expect(libya?.kind).toBe("country");
    expect(libya?.paragraphs).toContain(1);
    expect(cable.places.find((p) => p.name === "Rwanda")?.variants).toContain("Rwandan");
    expect(cable.places.find((p) => p.name === "Dushanbe")?.kind).toBe("city");
  });
});

describe("all-caps telegrams", () => {
  const cable = parseText(
    `UNCLAS TEHRAN 1164

SUBJECT: ACCELERATION OF F-4ES FOR IRAN

1. ON FEB 24 CHARGE WAS CONVOKED BY MINISTER OF WAR, GEN. REZA AZIMI, ON INSTRUCTIONS
FROM SHAH. AZIMI SAID SHAH MOST DEEPLY CONCERNED AT TRENDS IN SECURITY SITUATION.

2. SHAH ASKS THAT WE TAKE ANOTHER HARD LOOK AT PRODUCTION LINE.
HECK
`,
    { year: 1972 },
  );

  it("finds names after titles, in mixed case, and not the verbs after a bare title", () => {
    const names = cable.persons.map((p) => p.name);
    expect(names).toContain("Reza Azimi");
    expect(cable.persons.find((p) => p.name === "Reza Azimi")?.variants).toContain("AZIMI");
    expect(names.some((n) => /asks|shah/i.test(n))).toBe(false);
    expect(cable.places.map((p) => p.name)).toContain("Iran");
  });
});

describe("bad input", () => {
  it("never throws on fragments, odd words or empty text", () => {
    for (const text of [
      "",
      "constructor toString __proto__ hasOwnProperty",
      "Mr. .",
      "(protect)",
      "A",
    ]) {
      const c = parseText(text);
      expect(Array.isArray(c.persons)).toBe(true);
    }
  });
});

/** Families of false persons, each in a sentence made up for the test. */
const NOT_PERSONS = `UNCLAS TRIPOLI 000124

SUBJECT: LIBYA: BUSINESS NOTES

1. (U) Initial reports in the newspaper Le Phare indicated that the club owner
visited the Barkhan, and that Barkhan staff then met the Anti-Corruption Unit (ACU).
The ACU currently has 38 cases; the ACU prosecutor spoke to the Tudeh Party.

2. (U) Police stopped a Toyota Land Cruiser near the Adda'wa mosque. A Toyota was
also seen at the Adda'wa mosque. Tudeh members met Acting Director for
Counter-Proliferation Ali Salem; Counter-Proliferation staff and the Tudeh left.

3. (U) Ali Salem said the Karzai government and the Karzai cabinet agreed, and that
Karzai would travel. Salem added that Karzai is ill.
`;

describe("words that are not persons", () => {
  const cable = parseText(NOT_PERSONS, { year: 2008 });
  const names = cable.persons.flatMap((p) => [p.name, ...p.variants]);

  it("does not take things, acronyms, bodies' words and portfolios for persons", () => {
    for (const word of ["Initial", "Le Phare", "Barkhan", "ACU", "Acu", "Toyota", "Tudeh"])
      expect(names).not.toContain(word);
    expect(names.some((n) => /Adda|Proliferation/.test(n))).toBe(false);
  });

  it("still finds persons named as modifiers and after a portfolio", () => {
    expect(cable.persons.map((p) => p.name)).toEqual(
      expect.arrayContaining(["Ali Salem", "Karzai"]),
    );
  });

  it("reads the bodies such sentences name", () => {
    const orgs = cable.organizations.map((o) => o.name);
    expect(orgs).toEqual(
      expect.arrayContaining(["Le Phare", "Anti-Corruption Unit", "Tudeh Party"]),
    );
  });
});

/** An all-caps telegram of the 1970s layout; names and events made up for the test. */
const CAPS = `CONFIDENTIAL TEHRAN 1234

SUBJECT: PLOT AGAINST COURT UNCOVERED

1. TEHRAN PAPERS REPORT ARREST OF KAMRAN DELAVARI (TEACHER) AND HIS WIFE
SOHEILA MOSHIRI, WHO MET STUDENTS OF THE UNIVERSITY OF SHIRAZ. THE MINISTRY
OF INFORMATION SAID THE PLOTTERS BELONGED TO THE OUTLAWED COMMUNIST PARTY.
`;

describe("an all-caps telegram", () => {
  const cable = parseText(CAPS, { year: 1973 });

  it("reads names of two words that are no words of the language", () => {
    expect(cable.persons.map((p) => p.name)).toEqual(
      expect.arrayContaining(["Kamran Delavari", "Soheila Moshiri"]),
    );
    expect(cable.persons.some((p) => /Papers|Students|Ministry/i.test(p.name))).toBe(false);
  });

  it("reads bodies by their head words", () => {
    expect(cable.organizations.map((o) => o.name)).toEqual(
      expect.arrayContaining(["University of Shiraz", "Ministry of Information (Iran)"]),
    );
  });
});

/** Prose words and acronyms after a title or before a verb; names and events made up. */
const PROSE = `UNCLAS TRIPOLI 000456

SIPDIS

E.O. 12958: N/A
TAGS: PGOV ECON LY
SUBJECT: LIBYA: NEW COMMITTEE ON TRADE

1. The General People's Committee for Economy met on May 3. NGOs said the
committee ignored them, and Poloffs said so too. General Yunis told Poloff that
the General People's Committee would meet again.

2. Later, General People's Congress officials agreed. NGOs said they would
wait.
GRAY
`;

describe("words of prose and acronyms are not surnames", () => {
  const cable = parseText(PROSE, { year: 2008 });
  const names = cable.persons.map((p) => p.name);

  it("reads no person in `General People's Committee`, `NGOs said`, `Poloffs said`", () => {
    expect(names).not.toContain("People");
    expect(names).not.toContain("NGOs");
    expect(names).not.toContain("Poloffs");
  });

  it("keeps a titled surname and the signature", () => {
    expect(names).toEqual(expect.arrayContaining(["Yunis", "Gray"]));
  });
});

/** A telegram without numbered paragraphs, shorter than the caption window (made-up names). */
const UNNUMBERED = `UNCLAS E F T O LONDON 002187

SENSITIVE
SIPDIS

E.O. 12958: N/A
TAGS: KNNP PREL UK
SUBJECT: DELIVERY OF AGENDA FOR P-3 MEETING ON NUCLEAR
NONPROLIFERATION TREATY (NPT)

REF: SECSTATE 96412  (SBU/NF)

Poloff shared the agenda with Nick Lowe (Protect), Head of the Nuclear Issues Section,
on September 18. Lowe stated that P3 cohesion has improved, and Gordon Brown agreed.
SUSMAN
`;

describe("a cable without numbered paragraphs", () => {
  const cable = parseText(UNNUMBERED, { year: 2009 });
  const person = (name: string) => cable.persons.find((p) => p.name === name);

  it("is read from the end of its captions, as paragraph 0", () => {
    expect(cable.paragraphs).toEqual([]);
    expect(person("Nick Lowe")?.variants).toContain("Lowe");
    expect(person("Nick Lowe")?.paragraphs).toEqual([0]);
    expect(person("Gordon Brown")).toBeDefined();
  });

  it("protects the name its marker covers", () => {
    expect(person("Nick Lowe")?.protected).toBe(true);
    expect(person("Gordon Brown")?.protected).toBe(false);
  });

  it("reads no caption words for names, the subject's second line included", () => {
    const words = cable.persons.flatMap((p) => [p.name, ...p.variants]).join(" ");
    expect(words).not.toMatch(/NONPROLIFERATION|Nonproliferation|KNNP|Secstate|SECSTATE/);
  });
});

describe("a protected name that is also a word of the language", () => {
  const cable = parseText(
    `C O N F I D E N T I A L ZAGREB 000694

SUBJECT: CROATIA: UK VIEWS

1. (C) UK Ambassador Blunt (protect) told Ambassador Foley that London was unmoved. Blunt
suggested a visit by Ambassador Rapp.

2. (C) Critical Infrastructure Protection (joint strategy to protect desalinization
plants), and Civil Protection, were discussed.
FOLEY
`,
    { year: 2009 },
  );

  it("stands as a protected person when a title and the marker say it is one", () => {
    const blunt = cable.persons.find((p) => p.name === "Blunt");
    expect(blunt?.protected).toBe(true);
    expect(blunt?.paragraphs).toEqual([1]);
  });

  it("takes `to protect` with an object of its own for no marker", () => {
    expect(cable.persons.map((p) => p.name)).not.toContain("Protection");
  });
});
