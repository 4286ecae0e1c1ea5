/**
 * Burst detection end to end on an archive with planted bursts: cables written with the store's
 * writer, TAG and origin series from the precomputed counts, bursts recovered within one month,
 * and each burst's query finding exactly the cables it counts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dimensionBursts, queryBursts } from "../../src/analytics/bursts.js";
import { matchQuery } from "../../src/analytics/result.js";
import { sqliteAnalytics } from "../../src/analytics/sqlite-source.js";
import { emptyCable } from "../../src/model/cable.js";
import { parseQuery } from "../../src/search/index.js";
import { type Db, openArchive } from "../../src/store/db.js";
import { writeCable } from "../../src/store/write.js";

let db: Db;

/** 48 months from 2005-01; every month 30 cables; TAG SPIKE rises in months 20-23, origin Rome in 6-8. */
beforeAll(() => {
  db = openArchive(":memory:");
  let serial = 1;
  db.transaction(() => {
    for (let m = 0; m < 48; m++) {
      const month = `${2005 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
      for (let i = 0; i < 30; i++) {
        const spike = m >= 20 && m <= 23 ? i < 12 : i === 0 && m % 3 === 0;
        const rome = m >= 6 && m <= 8 ? i < 15 : i === 1 && m % 4 === 0;
        const station = rome ? "ROME" : "PARIS";
        const year = 2005 + Math.floor(m / 12);
        writeCable(db, {
          ...emptyCable(),
          referenceId: `${String(year).slice(2)}${station}${serial++}`,
          station,
          year,
          created: `${month}-${String(1 + (i % 28)).padStart(2, "0")}T10:00:00Z`,
          origin: `Embassy ${rome ? "Rome" : "Paris"}`,
          classification: "UNCLASSIFIED",
          tags: spike ? ["SPIKE", "PGOV"] : ["PGOV"],
          subject: spike ? "SPIKE SUBJECT" : "ROUTINE SUBJECT",
          body: spike ? "spike body" : "routine body",
        });
      }
    }
  })();
});
afterAll(() => db?.close());

describe("bursts over an archive with planted bursts", () => {
  it("finds the planted TAG and origin bursts, within one month", async () => {
    const tags = await dimensionBursts(sqliteAnalytics(db), "tag");
    expect(tags.length).toBeGreaterThan(0);
    const spike = tags[0]!;
    expect(spike.value).toBe("SPIKE");
    expect(Math.abs(monthIndex(spike.start) - 20)).toBeLessThanOrEqual(1);
    expect(Math.abs(monthIndex(spike.end) - 23)).toBeLessThanOrEqual(1);
    // PGOV is on every cable: its share never moves.
    expect(tags.some((b) => b.value === "PGOV")).toBe(false);
    const origins = await dimensionBursts(sqliteAnalytics(db), "origin");
    expect(origins[0]!.value).toBe("Embassy Rome");
    expect(Math.abs(monthIndex(origins[0]!.start) - 6)).toBeLessThanOrEqual(1);
    expect(Math.abs(monthIndex(origins[0]!.end) - 8)).toBeLessThanOrEqual(1);
  });

  it("each burst's query finds exactly the cables it counts, and lists the first", async () => {
    const src = sqliteAnalytics(db);
    for (const b of [
      ...(await dimensionBursts(src, "tag")),
      ...(await dimensionBursts(src, "origin")),
    ]) {
      const set = await matchQuery(sqliteAnalytics(db), parseQuery(b.query!), b.query!);
      expect(set.ids.length, b.query!).toBe(b.count);
    }
    const top = (await dimensionBursts(sqliteAnalytics(db), "tag"))[0]!;
    expect(top.cables!.length).toBe(10);
    expect(top.cables!.every((c) => c.subject === "SPIKE SUBJECT")).toBe(true);
  });

  it("a query's own series: the planted burst, against all cables per month", async () => {
    const set = await matchQuery(sqliteAnalytics(db), parseQuery("spike"), "spike");
    const [b] = await queryBursts(sqliteAnalytics(db), { ...set, label: "spike" }, "month");
    expect(Math.abs(monthIndex(b!.start) - 20)).toBeLessThanOrEqual(1);
    expect(Math.abs(monthIndex(b!.end) - 23)).toBeLessThanOrEqual(1);
    expect(
      (await matchQuery(sqliteAnalytics(db), parseQuery(b!.query!), b!.query!)).ids.length,
    ).toBe(b!.count);
  });

  it("what spiked in a window: only bursts overlapping it", async () => {
    const window = { from: "2005-08", to: "2005-08" };
    const inWindow = await dimensionBursts(sqliteAnalytics(db), "origin", { window });
    expect(inWindow.map((b) => b.value)).toEqual(["Embassy Rome"]);
    expect(
      await dimensionBursts(sqliteAnalytics(db), "origin", {
        window: { from: "2008-01", to: "2008-12" },
      }),
    ).toEqual([]);
  });

  it("within a result set, series are counted against the set's own months", async () => {
    const set = await matchQuery(
      sqliteAnalytics(db),
      parseQuery("tag:PGOV created:2006-01..2007-12"),
      "",
    );
    const found = await dimensionBursts(sqliteAnalytics(db), "tag", { set });
    expect(found[0]?.value).toBe("SPIKE");
  });
});

function monthIndex(month: string): number {
  return (Number(month.slice(0, 4)) - 2005) * 12 + Number(month.slice(5, 7)) - 1;
}
