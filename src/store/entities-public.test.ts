import { describe, expect, it } from "vitest";
import {
  cablesNamedBy,
  indexOf,
  namesProtected,
  type ProtectedMention,
  withMaskedWords,
} from "./entities-public.js";

const row = (name: string, roles: string[], prot: boolean, cable = 1): ProtectedMention => ({
  cable_id: cable,
  reference_id: `08TRIPOLI${cable}`,
  name,
  variants: "[]",
  roles: JSON.stringify(roles),
  protected: prot ? 1 : 0,
});

describe("the index of protecting cables", () => {
  // As PROTECTED_ROWS gives them: the protected form, then the marked mention with its roles.
  const index = indexOf([
    row("Page Maxson", [], true),
    row("Page Maxson", ["GM", "Secretary General of the CSU"], false),
    row("Ali Zeidan", ["Minister"], false, 2),
  ]);
  const p = index.byRowid.get(1)!;

  it("masks the roles of the persons a cable withholds with their names", () => {
    expect(p.roles).toEqual(["GM", "Secretary General of the CSU"]);
    expect(p.masker.mask("ConocoPhillips GM Page Maxson said")).toBe(
      "ConocoPhillips [withheld] said",
    );
  });

  it("lets no search reach the cable through a word of those roles, but for `of` and `the`", () => {
    expect([...p.roleWords].sort()).toEqual(["csu", "general", "gm", "secretary"]);
    for (const q of ["gm", "GM", "csu", '"secretary general"', "secr"]) {
      expect(namesProtected(p, q, q === "secr"), q).toBe(true);
      expect(cablesNamedBy(index, q, q === "secr").has(p), q).toBe(true);
    }
    for (const q of ["the", "of", "embassy"]) expect(namesProtected(p, q, false), q).toBe(false);
  });

  it("keeps a cable whose marked mentions no protected form covers out of the index", () => {
    expect(index.byRowid.has(2)).toBe(false);
    expect(cablesNamedBy(index, "minister", false).size).toBe(0);
  });

  it("offers role words as spelling variants still: only names are hidden words", () => {
    expect(index.byWord.has("gm")).toBe(false);
    expect(index.byWord.has("maxson")).toBe(true);
  });
});

describe("letters PostgreSQL folds and `fold` keeps", () => {
  const both = indexOf([row("Ħamrun Said", [], true), row("Ħamrun Said", ["Ŋgaka"], false)]);
  const plain = indexOf([row("Hamrun Said", [], true)]);

  it("reach the cable by either spelling, as a PostgreSQL archive would find it", () => {
    for (const [index, q] of [
      [both, "hamrun"],
      [both, "Ħamrun"],
      [both, "ngaka"],
      [plain, "Ħamrun"],
      [plain, "ħam*"],
    ] as const) {
      const p = index.byRowid.get(1)!;
      const prefix = q.endsWith("*");
      const text = q.replace("*", "");
      expect(namesProtected(p, text, prefix), q).toBe(true);
      expect(cablesNamedBy(index, text, prefix).has(p), q).toBe(true);
    }
  });

  it("are masked in either spelling", () => {
    for (const index of [both, plain]) {
      const m = index.byRowid.get(1)!.masker;
      expect(m.mask("Ħamrun and Hamrun and HAMRUN")).toBe(
        "[withheld] and [withheld] and [withheld]",
      );
    }
  });
});

describe("the persons of a cable's older versions", () => {
  const older = (name: string, variants: string[], roles: string[], prot: boolean) => ({
    ...row(name, roles, prot),
    variants: JSON.stringify(variants),
    older: 1,
  });
  // The re-release current: its extraction gave Weeks no role and missed his brother. The older,
  // marked version's JSON gives both.
  const index = indexOf([
    row("Richard Weeks", [], true),
    row("Weeks", [], true),
    row("Richard Weeks", [], false),
    older("Richard Weeks", ["Weeks"], ["country director"], true),
    older("Karim Weeks", [], ["TOCC Finance Director"], false),
    older("Jim Thompson", [], ["GM"], false),
    { ...older("Ali Zeidan", [], ["Minister"], true), cable_id: 2 },
  ]);
  const p = index.byRowid.get(1)!;

  it("mask the roles their JSON gives the protected person and those withheld with him", () => {
    expect(p.roles.sort()).toEqual(["TOCC Finance Director", "country director"]);
    expect(p.masker.mask("Brown & Root country director Richard Weeks (protect)")).toBe(
      "Brown & Root [withheld] (protect)",
    );
    // Adjacent masks run into one token, so the count of words hidden is not shown either.
    expect(p.masker.mask("her brother Karim Weeks, TOCC Finance Director")).toBe(
      "her brother [withheld]",
    );
  });

  it("keep from searches the words of those roles and names", () => {
    for (const q of ["director", "tocc", "karim"])
      expect(namesProtected(p, q, false), q).toBe(true);
  });

  it("leave an open person of the older version, and his role, as they were", () => {
    expect(p.masker.mask("ConocoPhillips GM Jim Thompson")).toBe("ConocoPhillips GM Jim Thompson");
    expect(namesProtected(p, "thompson", false)).toBe(false);
  });

  it("mask nothing in a cable no version protects anyone in", () => {
    expect(index.byRowid.size).toBe(1);
  });
});

describe("the words of what describes a withheld person", () => {
  const index = withMaskedWords(indexOf([row("Ibrahim el-Meyet", [], true)]), [
    {
      cable_id: 1,
      subject: null,
      summary: null,
      body: "el-Meyet (strictly protect), a prominent Tripoli-based attorney, told CDA that the oil minister would go. Tripoli's mood is grim.",
    },
  ]);
  const p = index.byRowid.get(1)!;

  it("keep searches from the cable, as a role's words do", () => {
    for (const q of ["attorney", "prominent", "tripoli-based"]) {
      expect(namesProtected(p, q, false), q).toBe(true);
      expect(cablesNamedBy(index, q, false).has(p), q).toBe(true);
    }
  });

  it("but for the words that open it and the rest of the text", () => {
    for (const q of ["a", "oil", "minister", "cda"])
      expect(namesProtected(p, q, false), q).toBe(false);
  });
});

describe("a description's word the cable's subject shows", () => {
  const index = withMaskedWords(indexOf([row("Ibrahim el-Meyet", [], true)]), [
    {
      cable_id: 1,
      subject: "LIBYA: AN ATTORNEY ON THE NOC",
      summary: null,
      body: "el-Meyet (strictly protect), a prominent attorney, told CDA.",
    },
  ]);
  it("still finds the cable", () => {
    const p = index.byRowid.get(1)!;
    expect(namesProtected(p, "attorney", false)).toBe(false);
    expect(namesProtected(p, "prominent", false)).toBe(true);
  });
});

describe("the other writing of a role", () => {
  const index = withMaskedWords(
    indexOf([row("Ali Zeidan", ["Minister of Interior"], false), row("Ali Zeidan", [], true)]),
    [
      {
        cable_id: 1,
        subject: null,
        summary: null,
        body: "The Interior chief, Ali Zeidan, met poloff. The ministry's budget grew.",
      },
    ],
  );
  it("keeps searches for its words from the cable, but for words shown elsewhere", () => {
    const p = index.byRowid.get(1)!;
    expect(namesProtected(p, "chief", false)).toBe(true);
    expect(namesProtected(p, "budget", false)).toBe(false);
    expect(namesProtected(p, "poloff", false)).toBe(false);
  });
});

describe("a withheld name's other spelling in the cable", () => {
  const index = withMaskedWords(indexOf([row("Marcel Biato", ["Advisor"], true)]), [
    {
      cable_id: 1,
      subject: "BRAZIL: BIATO SEEKS TALKS",
      summary: null,
      body: "Marcel Biato (protect) told Poloff that Lula agreed. Later Biatio said Marcelino Bento would not. Brazil agreed.",
    },
  ]);
  const p = index.byRowid.get(1)!;

  it("is masked as the name is", () => {
    expect(p.masker.mask("Later Biatio said")).toBe("Later [withheld] said");
    expect(p.masker.mask("Biatio, Biato and BIATO")).not.toMatch(/bia/i);
  });

  it("finds the cable by no search", () => {
    expect(namesProtected(p, "biatio", false)).toBe(true);
    expect(cablesNamedBy(index, "Biatio", false).has(p)).toBe(true);
  });

  it("leaves words more than one edit away, short ones and those of the other case alone", () => {
    expect(p.masker.mask("Marcelino Bento, Brazil, Lula")).toBe("Marcelino Bento, Brazil, Lula");
    expect(namesProtected(p, "bento", false)).toBe(false);
  });
});
