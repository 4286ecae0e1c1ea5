import { describe, expect, it } from "vitest";
import { type MentionFacts, resolve } from "./entities-rule.js";

const person = (
  name: string,
  station: string | null,
  year: number | null,
  extra: Partial<MentionFacts> = {},
): MentionFacts => ({ type: "person", name, variants: [], roles: [], station, year, ...extra });

describe("resolution rule", () => {
  it("joins a signer's surname, a full name and a titled surname at one post and period", () => {
    const r = resolve([
      person("ASQUINO", "ALMATY", 2005),
      person("Mark Asquino", "ALMATY", 2005, { roles: ["CDA"] }),
      person("Asquino", "ALMATY", 2006, { roles: ["CDA"] }),
      person("MARK ASQUINO", "STATE", 2009),
    ]);
    const ids = r.placements.map((p) => p.entityId);
    expect(new Set(ids)).toEqual(new Set(["person-mark-asquino"]));
    expect(r.placements[0]!.link).toMatch(/same post and period/);
    expect(r.names.get("person-mark-asquino")).toBe("Mark Asquino");
  });

  it("reads a one-letter slip in a given name as the more written name (Magaret Scobey)", () => {
    const r = resolve([
      person("Margaret Scobey", "CAIRO", 2009),
      person("Margaret Scobey", "CAIRO", 2009),
      person("Magaret Scobey", "CAIRO", 2010),
      person("SCOBEY", "CAIRO", 2010),
      // Short given names one letter apart are different names, not slips.
      person("Jon Smith", "LONDON", 2005),
      person("Jan Smith", "LONDON", 2005),
    ]);
    const ids = r.placements.map((p) => p.entityId);
    expect(ids.slice(0, 4)).toEqual(Array(4).fill("person-margaret-scobey"));
    expect(r.placements[2]!.link).toMatch(/given name written magaret/);
    expect(r.placements[3]!.link).toMatch(/^same post and period/);
    expect(ids[4]).toBe("person-jon-smith");
    expect(ids[5]).toBe("person-jan-smith");
  });

  it("places a surname at a post with the full name named far more often there", () => {
    const many = Array.from({ length: 8 }, () => person("Margaret Scobey", "CAIRO", 2009));
    const r = resolve([
      ...many,
      person("Richard Scobey", "CAIRO", 2009),
      person("SCOBEY", "CAIRO", 2009),
      person("Anne Tiller", "ROME", 2009),
      person("Anne Tiller", "ROME", 2009),
      person("Bob Tiller", "ROME", 2009),
      person("TILLER", "ROME", 2009),
    ]);
    const ids = r.placements.map((p) => p.entityId);
    expect(ids[9]).toBe("person-margaret-scobey");
    expect(r.placements[9]!.link).toMatch(/most named there/);
    // Two to one is no proof: the surname stays at its post.
    expect(ids[13]).toBe("person-tiller-at-rome");
  });

  it("keeps two people sharing a surname apart unless the cables link them", () => {
    const r = resolve([
      person("John Smith", "LONDON", 2003),
      person("Jane Smith", "TOKYO", 2008),
      person("SMITH", "PARIS", 2008),
      person("Smith", "TOKYO", 2009),
      person("SMITH", "PARIS", 2009),
    ]);
    const ids = r.placements.map((p) => p.entityId);
    expect(ids[0]).toBe("person-john-smith");
    expect(ids[1]).toBe("person-jane-smith");
    expect(ids[2]).toBe("person-smith-at-paris");
    expect(ids[3]).toBe("person-jane-smith");
    expect(ids[4]).toBe("person-smith-at-paris");
  });

  it("leaves a surname apart when two full names share the post and period", () => {
    const r = resolve([
      person("John Smith", "LONDON", 2003),
      person("Jane Smith", "LONDON", 2004),
      person("SMITH", "LONDON", 2004),
    ]);
    expect(r.placements[2]!.entityId).toBe("person-smith-at-london");
  });

  it("links by role, then by an initial that leaves one candidate", () => {
    const r = resolve([
      person("Sergey Lavrov", "MOSCOW", 2006, { roles: ["FM"] }),
      person("Lavrov", "PARIS", 2007, { roles: ["FM"] }),
      person("S. Lavrov", "TOKYO", 2012),
      person("A. Lavrov", "TOKYO", 2012),
    ]);
    expect(r.placements.map((p) => p.entityId)).toEqual([
      "person-sergey-lavrov",
      "person-sergey-lavrov",
      "person-sergey-lavrov",
      "person-lavrov-at-tokyo",
    ]);
  });

  it("ignores middle initials, case, accents and a surname particle", () => {
    const r = resolve([
      person("ROBERT P. FINN", "KABUL", 2002),
      person("Robert Finn", "KABUL", 2003),
      person("Muammar al-Qadhafi", "TRIPOLI", 2008),
      person("MUAMMAR QADHAFI", "TRIPOLI", 2009),
      person("Ségolène Royal", "PARIS", 2007),
      person("SEGOLENE ROYAL", "PARIS", 2007),
    ]);
    const ids = r.placements.map((p) => p.entityId);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).toBe(ids[3]);
    expect(ids[4]).toBe("person-segolene-royal");
    expect(ids[5]).toBe(ids[4]);
    expect(r.names.get(ids[4]!)).toBe("Ségolène Royal");
  });

  it("gives the same ids whatever the order of the mentions", () => {
    const ms = [
      person("ASQUINO", "ALMATY", 2005),
      person("Mark Asquino", "ALMATY", 2005),
      person("SMITH", "PARIS", 2008),
      person("Jane Smith", "PARIS", 2008),
    ];
    const a = resolve(ms).placements.map((p) => p.entityId);
    const b = resolve([...ms].reverse())
      .placements.map((p) => p.entityId)
      .reverse();
    expect(b).toEqual(a);
  });

  it("joins an organisation written as the variant of one name, not a shared abbreviation", () => {
    const org = (name: string, variants: string[] = []): MentionFacts => ({
      type: "org",
      name,
      variants,
      roles: [],
      station: null,
      year: null,
    });
    const r = resolve([
      org("UN High Commissioner for Refugees", ["UNHCR"]),
      org("UNHCR"),
      org("Ministry of Foreign Affairs (France)", ["MFA"]),
      org("Ministry of Foreign Affairs (Russia)", ["MFA"]),
      org("MFA"),
    ]);
    const ids = r.placements.map((p) => p.entityId);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[4]).toBe("org-mfa");
    expect(ids[2]).not.toBe(ids[3]);
  });
});
