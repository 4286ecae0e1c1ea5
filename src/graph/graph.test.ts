import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureArchive } from "../../test/search/fixture-archive.js";
import { InvalidCursorError } from "../search/cursor.js";
import type { Db } from "../store/db.js";
import {
  citedBy,
  cites,
  estimateAccuracy,
  estimateCreated,
  interpolateSerial,
  missingCables,
  neighbourhood,
} from "./index.js";
import type { GraphSource } from "./source.js";
import { sqliteGraph } from "./sqlite-source.js";

let db: Db;
let g: GraphSource;
beforeAll(() => {
  db = fixtureArchive();
  g = sqliteGraph(db);
});
afterAll(() => db.close());

describe("cites and cited-by", () => {
  it("lists REF items that name cables, present or missing, in REF order", () => {
    const out = cites(db, "09TRIPOLI208");
    expect(out.map((e) => [e.label, e.referenceId, e.present])).toEqual([
      ["A", "08TRIPOLI564", false],
      ["C", "09TRIPOLI198", true],
      ["F", "08TRIPOLI494", true],
      ["G", "09TRIPOLI196", true],
      ["I", "08TRIPOLI227", false],
    ]);
    expect(out[1]).toMatchObject({ created: "2009-03-03T14:02:00Z", estimatedCreated: null });
    expect(out[1]?.subject).toMatch(/^BLACK SHEEP/);
  });

  it("dates missing cables from the serials of the same station and year", () => {
    // 08TRIPOLI564 was written 2008-07-13; the archive knows 08TRIPOLI494 (06-22) and 530 (07-03).
    expect(cites(db, "09TRIPOLI208")[0]).toMatchObject({
      subject: null,
      created: null,
      estimatedCreated: "2008-07-15",
    });
    // 08TRIPOLI227 was written 2008-03-17: interpolated between 1 January and serial 494.
    expect(estimateCreated(db, "08TRIPOLI227")).toBe("2008-03-20");
    // No dated cable of STATE in 2008: no estimate rather than a guess.
    expect(estimateCreated(db, "08STATE7089")).toBeNull();
    expect(estimateCreated(db, "not an id")).toBeNull();
  });

  it("lists the cables citing a cable, oldest first, with their REF letter", () => {
    expect(citedBy(db, "08TRIPOLI494").map((e) => [e.label, e.referenceId, e.present])).toEqual([
      ["D", "09TRIPOLI186", true],
      ["F", "09TRIPOLI208", true],
    ]);
    expect(citedBy(db, "08TRIPOLI564").map((e) => e.referenceId)).toEqual(["09TRIPOLI208"]);
    expect(citedBy(db, "05ALMATY2121")).toEqual([]);
    expect(cites(db, "05ALMATY2121")).toEqual([]);
  });
});

describe("interpolateSerial", () => {
  const day = (iso: string) => Date.parse(iso);
  it("interpolates between neighbours and stays between them", () => {
    const t = interpolateSerial(
      15,
      2009,
      { serial: 10, time: day("2009-03-01") },
      { serial: 20, time: day("2009-03-11") },
    );
    expect(new Date(t!).toISOString().slice(0, 10)).toBe("2009-03-06");
  });

  it("extrapolates past the last serial at the year's pace, never beyond 31 December", () => {
    const last = { serial: 100, time: day("2009-07-02") };
    const t = interpolateSerial(150, 2009, last, null)!;
    expect(new Date(t).toISOString().slice(0, 10)).toBe("2009-10-01");
    expect(new Date(interpolateSerial(10_000, 2009, last, null)!).toISOString()).toBe(
      "2009-12-31T23:59:59.999Z",
    );
  });

  it("interpolates from 1 January before the first serial", () => {
    const first = { serial: 100, time: day("2009-04-11") };
    expect(new Date(interpolateSerial(50, 2009, null, first)!).toISOString().slice(0, 10)).toBe(
      "2009-02-20",
    );
    expect(interpolateSerial(5, 2009, null, null)).toBeNull();
  });
});

describe("estimateAccuracy", () => {
  it("holds back each dated cable and measures the error in days", () => {
    const a = estimateAccuracy(db);
    // Seven Tripoli cables have a neighbour; Paris, Guatemala and Harare stand alone.
    expect(a.count).toBe(7);
    expect(a.unestimated).toBe(3);
    expect(a.medianDays).toBeGreaterThan(0);
    expect(a.medianDays).toBeLessThan(3);
    expect(a.p90Days).toBeGreaterThanOrEqual(a.medianDays!);
  });
});

describe("neighbourhood", async () => {
  it("takes one hop both ways", async () => {
    const n = await neighbourhood(g, "09TRIPOLI208", 1);
    expect(n.center).toBe("09TRIPOLI208");
    expect(n.truncated).toBe(false);
    expect(n.nodes.map((x) => [x.id, x.depth, x.present])).toEqual([
      ["09TRIPOLI208", 0, true],
      ["08TRIPOLI564", 1, false],
      ["09TRIPOLI198", 1, true],
      ["08TRIPOLI494", 1, true],
      ["09TRIPOLI196", 1, true],
      ["08TRIPOLI227", 1, false],
      ["09TRIPOLI212", 1, true],
    ]);
    expect(n.edges).toContainEqual({ source: "09TRIPOLI212", target: "09TRIPOLI208", label: "G" });
    expect(n.edges).toHaveLength(6);
    expect(n.nodes[1]).toMatchObject({ station: "TRIPOLI", estimatedCreated: "2008-07-15" });
  });

  it("takes k hops, with edges between nodes of the outer ring", async () => {
    const n = await neighbourhood(g, "09TRIPOLI208", 2);
    const depth = Object.fromEntries(n.nodes.map((x) => [x.id, x.depth]));
    expect(depth["08TRIPOLI530"]).toBe(2);
    expect(depth["09TRIPOLI186"]).toBe(2);
    expect(depth["08TRIPOLI106"]).toBe(2);
    expect(n.edges).toContainEqual({ source: "09TRIPOLI186", target: "08TRIPOLI494", label: "D" });
    expect(n.edges).toContainEqual({ source: "09TRIPOLI186", target: "08TRIPOLI106", label: "C" });
    for (const e of n.edges) {
      expect(depth[e.source]).toBeDefined();
      expect(depth[e.target]).toBeDefined();
    }
  });

  it("stops at the node cap, nearest first, and says so", async () => {
    const n = await neighbourhood(g, "09TRIPOLI208", 3, { maxNodes: 4 });
    expect(n.nodes).toHaveLength(4);
    expect(n.truncated).toBe(true);
    expect(n.nodes.every((x) => x.depth <= 1)).toBe(true);
    expect((await neighbourhood(g, "09TRIPOLI208", 0)).nodes).toHaveLength(1);
  });

  it("centres on a missing cable too", async () => {
    const n = await neighbourhood(g, "08TRIPOLI106", 1);
    expect(n.nodes[0]).toMatchObject({ present: false, estimatedCreated: "2008-02-07" });
    expect(n.nodes.map((x) => x.id).sort()).toEqual([
      "08TRIPOLI106",
      "09TRIPOLI186",
      "09TRIPOLI212",
    ]);
  });
});

describe("missingCables", () => {
  it("lists cited cables not in the archive, most cited first, with estimates", () => {
    const page = missingCables(db, { limit: 3 });
    expect(page.items[0]).toEqual({
      referenceId: "08TRIPOLI106",
      station: "TRIPOLI",
      citedBy: 2,
      estimatedCreated: "2008-02-07",
    });
    expect(page.items).toHaveLength(3);
    expect(page.next).not.toBeNull();
  });

  it("pages through every missing cable once, in both orders", () => {
    for (const order of ["citations", "id"] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = missingCables(db, { limit: 3, cursor, order });
        seen.push(...page.items.map((m) => m.referenceId));
        cursor = page.next;
      } while (cursor);
      expect(seen.sort()).toEqual([
        "08STATE7089",
        "08TRIPOLI106",
        "08TRIPOLI166",
        "08TRIPOLI227",
        "08TRIPOLI564",
        "08TRIPOLI699",
        "08TRIPOLI960",
        "09TRIPOLI22",
      ]);
    }
  });

  it("refuses a cursor of the other order", () => {
    const next = missingCables(db, { limit: 1, order: "id" }).next!;
    expect(() => missingCables(db, { cursor: next })).toThrow(InvalidCursorError);
    expect(() => missingCables(db, { cursor: "garbage" })).toThrow(InvalidCursorError);
  });
});
