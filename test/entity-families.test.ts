import { beforeAll, describe, expect, it } from "vitest";
import { holderAt, officeOfRole } from "../src/store/entities-offices.js";
import { nameShape } from "../src/store/entity-names.js";
import { type CorpusMention, resolvedCorpusPersons } from "./entities/corpus-persons.js";
import { corpusPresent } from "./support/corpus.js";

/**
 * The families of wrong and missed merges of issue 9's hand check, over the shared corpus: the
 * cables sent from the Department and every cable naming a President or Secretary of State by
 * surname are parsed as ingest does, their persons resolved together with today's rule, and each
 * family checked over every mention of it, not only the examples that found it.
 */

const present = corpusPresent("entity families");

/** Surnames of the office holders of the corpus' years, as the cables write them. */
const HOLDERS = /\b(?:CLINTON|BUSH|RICE|POWELL|OBAMA|ALBRIGHT|CHRISTOPHER)\b/i;

describe.skipIf(!present)("resolution families over ../shared/corpus", () => {
  let rows: CorpusMention[] = [];
  let placements: { entityId: string; link: string }[] = [];
  beforeAll(async () => {
    ({ rows, placements } = await resolvedCorpusPersons(
      (file, text) => /^\d\dSTATE\d/.test(file) || HOLDERS.test(text),
    ));
  }, 600_000);

  it("reads a STATE signature of a Secretary's surname as that Secretary, never a namesake", () => {
    let signed = 0;
    const wrong: string[] = [];
    rows.forEach((r, i) => {
      const f = r.facts;
      if (!f.signed || f.station !== "STATE") return;
      const s = nameShape(f.name);
      const h = holderAt("secretary-of-state", f.date ?? null, f.year);
      if (s.given || !h || h.surname !== s.surname) return;
      signed++;
      const id = placements[i]!.entityId;
      if (!id.startsWith(`person-${h.given}-`)) wrong.push(`${r.ref} ${f.name} -> ${id}`);
    });
    expect(signed).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  });

  it("reads `President X` and `Secretary X` in office as the holder, not a relative", () => {
    let titled = 0;
    const wrong: string[] = [];
    rows.forEach((r, i) => {
      const f = r.facts;
      const s = nameShape(f.name);
      if (s.given || !s.surname) return;
      for (const role of f.roles) {
        const office = officeOfRole(role);
        const h = office && holderAt(office, f.date ?? null, f.year);
        if (!h || h.surname !== s.surname) continue;
        titled++;
        const id = placements[i]!.entityId;
        if (!id.startsWith(`person-${h.given}-`)) wrong.push(`${r.ref} ${role} ${f.name} -> ${id}`);
        break;
      }
    });
    expect(titled).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  });

  it("keeps the namesakes the cables name in full apart", () => {
    const ids = new Set(placements.map((p) => p.entityId));
    for (const id of ["person-william-clinton", "person-hillary-clinton", "person-laura-bush"])
      expect(ids).toContain(id);
    // No surname titled President in a Bush presidency sits with Laura Bush.
    const wrong: string[] = [];
    rows.forEach((r, i) => {
      const f = r.facts;
      if (placements[i]!.entityId !== "person-laura-bush" || nameShape(f.name).given) return;
      const h = holderAt("president", f.date ?? null, f.year);
      if (h?.surname === "bush" && f.roles.some((x) => officeOfRole(x) === "president"))
        wrong.push(`${r.ref} ${f.name} ${f.roles.join(", ")} ${f.date}`);
    });
    expect(wrong).toEqual([]);
  });

  it("reads no title word as a given name", () => {
    const titled = placements.filter(
      (p) =>
        /^person-(?:minister|general|deputy|secgen|permrep|vice-president|president|secretary)-/.test(
          p.entityId,
        ) && !p.entityId.includes("-at-"),
    );
    expect(titled.map((p) => p.entityId)).toEqual([]);
  });
});
