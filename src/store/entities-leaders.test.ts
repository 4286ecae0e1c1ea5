import { describe, expect, it } from "vitest";
import { referenceTable } from "../reference/reference-data.js";
import { type MentionFacts, resolve } from "./entities-rule.js";
import { nameShape } from "./entity-names.js";

const person = (
  name: string,
  station: string | null,
  year: number | null,
  extra: Partial<MentionFacts> = {},
): MentionFacts => ({ type: "person", name, variants: [], roles: [], station, year, ...extra });

describe("leaders by title and date", () => {
  it("reads `President Mubarak` as the president then, not the son the post names more", () => {
    const r = resolve([
      // Extraction lends the father's title to the son in sentences naming both.
      person("Gamal Mubarak", "CAIRO", 2009, { roles: ["President"] }),
      person("Gamal Mubarak", "CAIRO", 2009, { roles: ["President"] }),
      person("Gamal Mubarak", "CAIRO", 2010),
      person("Hosni Mubarak", "CAIRO", 2009, { roles: ["President"] }),
      person("Mubarak", "CAIRO", 2009, { roles: ["President"], date: "2009-05-02T10:00:00Z" }),
      person("Mubarak", "DOHA", 2010, { roles: ["President"] }),
      // Without a title, at the post that names both: two candidates, it stays apart.
      person("Mubarak", "CAIRO", 2009),
    ]);
    const got = r.placements.map((p) => p.entityId);
    expect(got[4]).toBe("person-hosni-mubarak");
    expect(r.placements[4]!.link).toMatch(/President of Egypt 1981–2011, by title/);
    expect(got[5]).toBe("person-hosni-mubarak");
    expect(got[6]).toBe("person-mubarak-at-cairo");
  });

  it("takes the holder of the title on the cable's date among namesakes", () => {
    const got = resolve([
      person("Kirchner", "BUENOSAIRES", 2006, { roles: ["President"] }),
      person("Kirchner", "BUENOSAIRES", 2009, { roles: ["President"] }),
      person("Kirchner", "MADRID", 2009, { roles: ["Prime Minister"] }),
      person("Rasmussen", "COPENHAGEN", 2008, { roles: ["PM"] }),
      person("Rasmussen", "COPENHAGEN", 2010, { roles: ["PM"] }),
      person("Rasmussen", "USNATO", 2010, { roles: ["SecGen"] }),
    ]).placements.map((p) => p.entityId);
    expect(got[0]).toBe("person-nestor-kirchner");
    expect(got[1]).toBe("person-cristina-kirchner");
    // A title the leader did not hold links nothing.
    expect(got[2]).toBe("person-kirchner-at-madrid");
    expect(got[3]).toBe("person-anders-rasmussen");
    expect(got[4]).toBe("person-lars-rasmussen");
    expect(got[5]).toBe("person-anders-rasmussen");
  });

  it("reads names a leader goes by (`Lula`, `Abu Mazen`) and the table's given names", () => {
    const got = resolve([
      person("Luiz Inacio Lula da Silva", "BRASILIA", 2006),
      person("Lula da Silva", "BRASILIA", 2007),
      person("Lula", "SAOPAULO", 2007, { roles: ["President"] }),
      person("Abu Mazen", "AMMAN", 2008),
      person("Marina Silva", "BRASILIA", 2008),
    ]).placements.map((p) => p.entityId);
    expect(got.slice(0, 3)).toEqual(Array(3).fill("person-luiz-silva"));
    expect(got[3]).toBe("person-mahmoud-abbas");
    expect(got[4]).toBe("person-marina-silva");
  });

  it("links a surname without a title only when no namesake is named then", () => {
    const got = resolve([
      person("Sarkozy", "MADRID", 2009),
      // Fidel until 2008, Raul after: `Castro` in 2009 could be either.
      person("Castro", "HAVANA", 2009),
      person("Olmert", "NEWDELHI", 2007),
      person("Aliza Olmert", "TELAVIV", 2007),
      // A signature is the post's US staff, never a leader.
      person("HOWARD", "CANBERRA", 2005, { signed: true }),
    ]).placements.map((p) => p.entityId);
    expect(got[0]).toBe("person-nicolas-sarkozy");
    expect(got[1]).toBe("person-castro-at-havana");
    expect(got[2]).toBe("person-olmert-at-newdelhi");
    expect(got[4]).toBe("person-howard-at-canberra");
  });
});

describe("data/reference/world-leaders.csv", () => {
  const offices = new Set([
    "president",
    "prime-minister",
    "chancellor",
    "supreme-leader",
    "leader",
    "secretary-general",
  ]);

  it("has a known office, a term in order and a name whose surname is the surname column", () => {
    const bad = referenceTable("world-leaders.csv").filter(
      (r) =>
        !offices.has(r.office!) ||
        !/^\d{4}-\d{2}-\d{2}$/.test(r.start!) ||
        !/^\d{4}-\d{2}-\d{2}$/.test(r.end!) ||
        r.start! >= r.end! ||
        nameShape(r.name!).surname !== nameShape(r.surname!).surname ||
        nameShape(r.name!).given !== nameShape(r.given!).surname,
    );
    expect(bad).toEqual([]);
  });
});
