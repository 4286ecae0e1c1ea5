/**
 * The analytics layer over a real archive (the server fixture: real cables ingested with the
 * ingest library), on SQLite and on PostgreSQL through the archive interface: every matrix sums
 * to its result set, timelines account for every cable, a drill-down lists exactly the cables its
 * cell counts, threads follow the REF graph.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressees, flowCables } from "../../src/analytics/addressees.js";
import { queryBursts } from "../../src/analytics/bursts.js";
import { coverage } from "../../src/analytics/coverage.js";
import { type CableSet, matchQuery } from "../../src/analytics/result.js";
import { secrecy } from "../../src/analytics/secrecy.js";
import type { AnalyticsSource } from "../../src/analytics/source.js";
import { matrixSum, OTHER } from "../../src/analytics/table.js";
import { thread } from "../../src/analytics/thread.js";
import { everyPeriod, timeline } from "../../src/analytics/timeline.js";
import type { Archive } from "../../src/archive/archive.js";
import { parseQuery } from "../../src/search/index.js";
import { serverBackends } from "../server/backends.js";
import { type FixtureArchive, openFixtureArchive } from "./fixture-archives.js";

const QUERIES = ["", "tripoli", "tag:PGOV", "classification:SECRET", "qadhafi OR mubarak", "zzyzx"];

describe.each(serverBackends("the analytics tests on PostgreSQL"))(
  "analytics over the fixture archive on %s",
  (backend) => {
    let fixture: FixtureArchive;
    let archive: Archive;
    let src: AnalyticsSource;
    beforeAll(async () => {
      fixture = await openFixtureArchive(backend);
      archive = fixture.archive;
      src = archive.analytics;
    });
    afterAll(async () => {
      await fixture?.close();
    });
    const set = (q: string): Promise<CableSet> => matchQuery(src, parseQuery(q), q);
    const archiveSize = async () => (await archive.stats()).cables;

    it("every query's set is what search counts", async () => {
      expect((await set("")).ids.length).toBe(await archiveSize());
      expect((await set("zzyzx")).ids.length).toBe(0);
      expect((await set("classification:SECRET")).ids.length).toBe(2);
    });

    it.each(QUERIES)("secrecy matrices sum to the set's total (%j)", async (q) => {
      const s = await set(q);
      const r = await secrecy(src, s.ids);
      expect(r.total).toBe(s.ids.length);
      expect(matrixSum(r.levelByYear)).toBe(s.ids.length);
      expect(matrixSum(r.levelByOrigin)).toBe(s.ids.length);
      const sum = (rows: (string | number | null)[][]) =>
        rows.reduce((a, row) => a + Number(row[1]), 0);
      expect(sum(r.levels.rows)).toBe(s.ids.length);
      expect(sum(r.horizon.rows)).toBe(s.ids.length);
      // Caveats and reasons: at least one row per cable ((none) when it has none).
      expect(sum(r.caveats.rows)).toBeGreaterThanOrEqual(s.ids.length);
    });

    it.each(QUERIES)("addressee matrices sum to the set's total (%j)", async (q) => {
      const s = await set(q);
      const a = await addressees(src, s.ids);
      expect(a.total).toBe(s.ids.length);
      expect(matrixSum(a.precedenceByYear)).toBe(s.ids.length);
      expect(a.precedence.rows.reduce((x, r) => x + Number(r[1]), 0)).toBe(s.ids.length);
      // The flow counts (cable, addressee post) pairs: at least one per cable.
      expect(matrixSum(a.flow)).toBeGreaterThanOrEqual(s.ids.length);
    });

    it("a flow cell's drill-down lists exactly the cables it counts", async () => {
      const s = await set("");
      const a = await addressees(src, s.ids);
      let checked = 0;
      for (const [i, sender] of a.flow.rows.entries()) {
        for (const [j, addressee] of a.flow.cols.entries()) {
          const n = a.flow.cells[i]![j]!;
          if (n === 0 || sender === OTHER || addressee === OTHER) continue;
          const drill = await flowCables(src, s.ids, sender, addressee, 1000);
          expect(drill.total, `${sender} → ${addressee}`).toBe(n);
          expect(drill.ids).toHaveLength(n);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(3);
      // Tripoli's cables go to Washington (STATE) among others.
      expect(a.flow.rows).toContain("TRIPOLI");
      expect(a.flow.cols).toContain("STATE");
    });

    it.each(QUERIES)("the timeline accounts for every cable (%j)", async (q) => {
      const s = await set(q);
      for (const by of ["day", "week", "month", "year"] as const) {
        const t = await timeline(src, [{ label: q, ids: s.ids }], by);
        const counted = t.points.reduce((a, p) => a + p.counts[0]!, 0);
        expect(counted + t.series[0]!.undated).toBe(s.ids.length);
        for (const p of t.points) expect(p.all).toBeGreaterThanOrEqual(p.counts[0]!);
      }
    });

    it.each(QUERIES)(
      "a day timeline lists only days with cables; filled, it equals every day of the axis (%j)",
      async (q) => {
        const s = await set(q);
        const all = await set("");
        for (const reported of [false, true]) {
          const t = await timeline(
            src,
            [
              { label: q, ids: s.ids },
              { label: "all", ids: all.ids },
            ],
            "day",
            { reported },
          );
          expect(t.sparse).toBe(true);
          for (const p of t.points) {
            const some = p.counts.some((c) => c > 0) || (p.reported ?? []).some((c) => c > 0);
            expect(some, p.period).toBe(true);
          }
          const days = t.points.map((p) => p.period);
          expect(days).toEqual([...days].sort());
          const filled = await everyPeriod(src, t);
          // Filled: consecutive days, the listed ones unchanged, the others zero in every series.
          for (let k = 1; k < filled.length; k++) {
            const next = new Date(`${filled[k - 1]!.period}T00:00:00Z`);
            next.setUTCDate(next.getUTCDate() + 1);
            expect(filled[k]!.period).toBe(next.toISOString().slice(0, 10));
          }
          const listed = new Map(t.points.map((p) => [p.period, p]));
          for (const p of filled) {
            const known = listed.get(p.period);
            if (known) expect(p).toBe(known);
            else {
              expect(p.counts.every((c) => c === 0)).toBe(true);
              expect((p.reported ?? []).every((c) => c === 0)).toBe(true);
              expect(p.all).toBe(0);
            }
          }
          // A month timeline is not sparse: every month from the first to the last.
          const m = await timeline(src, [{ label: q, ids: s.ids }], "month", { reported });
          expect(m.sparse).toBe(false);
          expect(await everyPeriod(src, m)).toBe(m.points);
          const perMonth = new Map<string, number>();
          for (const p of t.points) {
            const k = p.period.slice(0, 7);
            perMonth.set(k, (perMonth.get(k) ?? 0) + p.counts[0]!);
          }
          for (const p of m.points) expect(p.counts[0], p.period).toBe(perMonth.get(p.period) ?? 0);
        }
      },
    );

    it("overlays up to five series on one axis", async () => {
      const series = [];
      for (const q of ["tripoli", "cairo", "lisbon"])
        series.push({ label: q, ids: (await set(q)).ids });
      const t = await timeline(src, series, "year");
      expect(t.series.map((x) => x.label)).toEqual(["tripoli", "cairo", "lisbon"]);
      expect(t.points.map((p) => p.period)).toEqual(["2006", "2007", "2008", "2009", "2010"]);
      expect(t.points.find((p) => p.period === "2006")!.counts).toEqual([0, 0, 1]);
      await expect(timeline(src, [], "year")).rejects.toThrow(RangeError);
    });

    it("bursts: a query's burst lists its cables and a query that finds them", async () => {
      // Tripoli's share of the traffic rises in 2007-2008 (6 of its 7 cables, of 8 that year).
      const bursts = await queryBursts(
        src,
        { ...(await set("tripoli")), label: "tripoli" },
        "year",
      );
      expect(bursts).toHaveLength(1);
      const b = bursts[0]!;
      expect([b.start, b.end]).toEqual(["2007", "2008"]);
      expect(b.strength).toBeGreaterThan(0);
      expect(b.cables!.map((c) => c.referenceId)).toContain("08TRIPOLI227");
      expect((await set(b.query!)).ids.length).toBe(b.count);
    });

    it("thread: what 08TRIPOLI227 cites and what cites it, in date order", async () => {
      const t = (await thread(src, "08TRIPOLI227"))!;
      expect(t.root).toBe("08TRIPOLI227");
      const roles = new Map(t.messages.map((m) => [m.referenceId, m.role]));
      expect(roles.get("08TRIPOLI166")).toBe("cited");
      const replies = t.messages.filter((m) => m.role === "reply");
      expect(replies.length).toBeGreaterThan(0);
      for (const r of replies) {
        const cites = (await archive.cites(r.referenceId)).filter(
          (e) => e.referenceId === "08TRIPOLI227",
        );
        expect(cites).toHaveLength(1);
        expect(r.days).toBeGreaterThan(0);
      }
      const dates = t.messages.map((m) => m.created ?? "");
      expect([...dates].sort()).toEqual(dates);
      expect(await thread(src, "99NOWHERE1")).toBeNull();
    });

    it("coverage: held cables per post and year, serial bounds, cited-but-missing", async () => {
      const c = await coverage(src, null);
      expect(c.counted).toBe(await archiveSize());
      const tripoli08 = c.rows.find((r) => r.station === "TRIPOLI" && r.year === 2008)!;
      expect(tripoli08.held).toBe(5);
      expect(tripoli08.highestSerial).toBeGreaterThanOrEqual(584);
      const lisbon05 = c.rows.find((r) => r.station === "LISBON" && r.year === 2005);
      expect(lisbon05?.held).toBe(0);
      expect(lisbon05?.missing).toBe(1);
      const narrowed = await coverage(src, (await set("cairo")).ids);
      expect(narrowed.counted).toBe((await set("cairo")).ids.length);
    });
  },
);
