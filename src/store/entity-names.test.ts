import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  compatibleMiddles,
  fold,
  nameShape,
  unaccentFold,
  withUnaccented,
} from "./entity-names.js";

describe("nameShape", () => {
  it("reads given name, middle names and surname, particles and initials apart", () => {
    expect(nameShape("George H. W. Bush")).toEqual({
      given: "george",
      initial: "g",
      middle: ["h", "w"],
      surname: "bush",
    });
    expect(nameShape("Muammar al-Qadhafi")).toMatchObject({ given: "muammar", middle: [] });
    expect(nameShape("Carol van Voorst")).toMatchObject({ middle: [], surname: "voorst" });
    expect(nameShape("M. Asquino")).toMatchObject({ given: null, initial: "m" });
    // A trailing letter is no middle name.
    expect(nameShape("John Creamer P")).toMatchObject({ given: "john", middle: [] });
  });

  it("reads leading titles and bare office letters as roles, not given names", () => {
    for (const f of ["Minister Smith", "SecGen Smith", "Vice-President Smith", "S Smith"])
      expect(nameShape(f)).toMatchObject({ given: null, initial: null, surname: "smith" });
    expect(nameShape("PermRep Vitaly Churkin")).toMatchObject({ given: "vitaly" });
    // A title alone stays what is written.
    expect(nameShape("General")).toMatchObject({ surname: "general" });
    for (const f of ["FonMin Smith", "Pres. Smith", "ASYG Smith", "Codel Smith"])
      expect(nameShape(f)).toMatchObject({ given: null, surname: "smith" });
  });

  it("reads a generational suffix as no surname", () => {
    expect(nameShape("Lincoln P. Bloomfield Jr.")).toMatchObject({
      given: "lincoln",
      middle: ["p"],
      surname: "bloomfield",
    });
    expect(nameShape("TIMKEN JR")).toMatchObject({ given: null, surname: "timken" });
    expect(nameShape("Abdullah II")).toMatchObject({ given: null, surname: "abdullah" });
    // Alone, the word is what is written.
    expect(nameShape("Jr")).toMatchObject({ surname: "jr" });
  });
});

describe("compatibleMiddles", () => {
  it("tells a second given name or a spelled-out initial from a different middle name", () => {
    expect(compatibleMiddles(["h"], ["herbert"])).toBe(true);
    expect(compatibleMiddles([], ["w"])).toBe(true);
    expect(compatibleMiddles(["garcia"], ["antonio", "garcia"])).toBe(true);
    expect(compatibleMiddles(["w"], ["h", "w"])).toBe(false);
    expect(compatibleMiddles(["a"], ["b"])).toBe(false);
    expect(compatibleMiddles(["hamad"], ["khalifa"])).toBe(false);
    // Full names sharing an initial are two; a slip in one is not.
    expect(compatibleMiddles(["ali"], ["abdullah"])).toBe(false);
    expect(compatibleMiddles(["abdulla"], ["abdullah"])).toBe(true);
    for (const [x, y] of [
      ["isa", "issa"],
      ["nisar", "nasir"],
      ["jauregui", "juaregui"],
    ])
      expect(compatibleMiddles([x!], [y!])).toBe(true);
    expect(compatibleMiddles(["manuel"], ["mario"])).toBe(false);
    expect(compatibleMiddles(["ali"], ["ahmed"])).toBe(false);
    expect(compatibleMiddles(["a"], ["abdullah"])).toBe(true);
  });
});

describe("unaccentFold", () => {
  it("folds what PostgreSQL's unaccent folds and fold keeps", () => {
    expect(unaccentFold(fold("Ħamrun"))).toBe("hamrun");
    expect(unaccentFold(fold("Ŋgugi"))).toBe("ngugi");
    expect(unaccentFold("griﬃths")).toBe("griffiths");
    expect(unaccentFold("ｓａｌｅｈ")).toBe("saleh");
    expect(unaccentFold("asquino")).toBe("asquino");
    expect(withUnaccented(["ħamrun", "said"])).toEqual(["ħamrun", "hamrun", "said"]);
  });

  // The table is made from the installed PostgreSQL's rules (npm run make:unaccent-letters);
  // CI installs Debian's postgresql, so a newer release that folds more is caught here.
  const rules = "/usr/share/postgresql/15/tsearch_data/unaccent.rules";
  it.skipIf(!existsSync(rules))("agrees with the installed unaccent.rules on every letter", () => {
    const wrong: string[] = [];
    for (const line of readFileSync(rules, "utf8").split("\n")) {
      const [letter, to] = line.split("\t");
      if (!letter || to === undefined || !/^\p{L}$/u.test(letter)) continue;
      const want = to.trim().toLowerCase();
      if (!/^[a-z]+$/.test(want)) continue;
      if (unaccentFold(fold(letter)) !== want) wrong.push(`${letter} → ${want}`);
    }
    expect(wrong).toEqual([]);
  });
});
