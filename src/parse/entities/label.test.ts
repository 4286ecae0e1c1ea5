import { describe, expect, it } from "vitest";
import { entityTables } from "../../reference/entity-tables.js";
import { labelUnit, phrases } from "./label.js";

/** Each title, body and place span of a unit as `kind:words as written`. */
function spans(text: string, caps = false): string[] {
  const unit = labelUnit(text, caps);
  const written = (s: { from: number; to: number }) =>
    text.slice(unit.tokens[s.from]!.start, unit.tokens[s.to - 1]!.end);
  return [
    ...unit.titles.map((s) => ({ at: s.from, v: `title:${written(s)}` })),
    ...unit.orgs.map((s) => ({ at: s.from, v: `org:${written(s)}` })),
    ...unit.places.map((s) => ({ at: s.from, v: `place:${written(s)}` })),
  ]
    .sort((a, b) => a.at - b.at)
    .map((x) => x.v);
}

describe("the phrase table", () => {
  const tables = entityTables();
  const table = phrases(tables);

  it("answers each phrase as the three maps did: a title first, then a body, then a place", () => {
    for (const [map, kind] of [
      [tables.places, "place"],
      [tables.orgs, "org"],
      [tables.titles, "title"],
    ] as const)
      for (const [key, entry] of map) {
        const info = table.get(key)!;
        const want = tables.titles.has(key) ? "title" : tables.orgs.has(key) ? "org" : kind;
        expect(info.kind, key).toBe(want);
        if (info.kind === kind) expect(info.entry, key).toBe(entry);
      }
  });

  it("holds every opening run of a phrase, and no other key names anything", () => {
    const named = new Set([
      ...tables.titles.keys(),
      ...tables.orgs.keys(),
      ...tables.places.keys(),
    ]);
    for (const key of named) {
      const words = key.split(" ");
      for (let n = 1; n < words.length; n++)
        expect(table.has(words.slice(0, n).join(" ")), key).toBe(true);
    }
    for (const [key, info] of table) if (!named.has(key)) expect(info.kind, key).toBeNull();
  });

  it("gives each first word the longest phrase it opens, as firstWords did", () => {
    for (const [key, info] of table) expect(info.limit, key).toBe(tables.firstWords.get(key) ?? 0);
  });
});

describe("phrases in a unit", () => {
  it("run through lower-case inner words and stop where no phrase goes on", () => {
    expect(spans("The Minister of State met the press.")).toEqual(["title:Minister of State"]);
    expect(spans("Talks in Bosnia and Herzegovina began.")).toEqual([
      "place:Bosnia and Herzegovina",
    ]);
    expect(spans("Bosnia and the others")).toEqual(["place:Bosnia"]);
  });

  it("take the longer phrase after an acronym, and a hyphenated or accented form", () => {
    expect(spans("The UN Security Council met.")).toEqual(["org:UN Security Council"]);
    expect(spans("The UN met.")).toEqual(["org:UN"]);
    expect(spans("Talks in Bogotá and São Paulo and Bosnia-Herzegovina ended.")).toEqual([
      "place:Bogotá",
      "place:São Paulo",
      "place:Bosnia-Herzegovina",
    ]);
    // `d’Ivoire` opens with a lower-case letter and no particle: one of the gap's words, so the
    // phrase stops before it (as it did before the table was merged).
    expect(spans("Côte d’Ivoire and Ivory Coast")).toEqual(["place:Ivory Coast"]);
  });

  it("stop at a possessive and at a sentence end, and read an all-caps unit", () => {
    expect(spans("Libya's National Oil Corporation")).toEqual([
      "place:Libya",
      "org:National Oil Corporation",
    ]);
    expect(spans("He saw Bosnia. And Herzegovina too.")).toEqual(["place:Bosnia"]);
    expect(spans("MINISTER OF STATE J. SMITH VISITED BOSNIA AND HERZEGOVINA", true)).toEqual([
      "title:MINISTER OF STATE",
      "place:BOSNIA AND HERZEGOVINA",
    ]);
  });
});
