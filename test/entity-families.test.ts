import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readSource } from "../src/formats/index.js";
import { parseRecord } from "../src/parse/index.js";
import { type MentionFacts, signedBy } from "../src/store/entities-facts.js";
import { holderAt, officeOfRole } from "../src/store/entities-offices.js";
import { resolve } from "../src/store/entities-rule.js";
import { nameShape } from "../src/store/entity-names.js";

/**
 * The families of wrong and missed merges of issue 9's hand check, over the shared corpus: the
 * cables sent from the Department and every cable naming a President or Secretary of State by
 * surname are parsed as ingest does, their persons resolved together with today's rule, and each
 * family checked over every mention of it, not only the examples that found it.
 */

const CORPUS = new URL("../../shared/corpus/cables/", import.meta.url).pathname;
const present = existsSync(CORPUS);
if (!present) console.warn(`entity families skipped: ${CORPUS} not found (../shared is absent)`);

/** Surnames of the office holders of the corpus' years, as the cables write them. */
const HOLDERS = /\b(?:CLINTON|BUSH|RICE|POWELL|OBAMA|ALBRIGHT|CHRISTOPHER)\b/i;

interface Row {
  ref: string;
  facts: MentionFacts;
}

describe.skipIf(!present)("resolution families over ../shared/corpus", () => {
  const rows: Row[] = [];
  let placements: { entityId: string; link: string }[] = [];
  beforeAll(async () => {
    const files = readdirSync(CORPUS).filter((f) => {
      if (/^\d\dSTATE\d/.test(f)) return true;
      return HOLDERS.test(readFileSync(join(CORPUS, f), "latin1"));
    });
    for (const [i, f] of files.entries()) {
      if (i % 100 === 0) await new Promise((r) => setImmediate(r));
      for await (const item of readSource(join(CORPUS, f))) {
        if (item.kind !== "record") continue;
        const c = parseRecord(item);
        const signers = c.signers.join("; ");
        for (const p of c.persons ?? []) {
          const facts: MentionFacts = {
            type: "person",
            name: p.name,
            variants: p.variants,
            roles: p.roles,
            station: c.station,
            year: c.created ? Number(c.created.slice(0, 4)) : null,
            date: c.created ?? null,
            signed: signedBy(signers, p),
            usOfficial: p.usOfficial,
          };
          rows.push({ ref: c.referenceId ?? "", facts });
        }
      }
    }
    placements = resolve(rows.map((r) => r.facts)).placements;
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
