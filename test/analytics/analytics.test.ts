/**
 * The analytics layer over a real archive (the server fixture: real cables ingested with the
 * ingest library): every matrix sums to its result set, timelines account for every cable, a
 * drill-down lists exactly the cables its cell counts, threads follow the REF graph.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressees, flowCables } from "../../src/analytics/addressees.js";
import { queryBursts } from "../../src/analytics/bursts.js";
import { coverage } from "../../src/analytics/coverage.js";
import { type CableSet, matchQuery } from "../../src/analytics/result.js";
import { secrecy } from "../../src/analytics/secrecy.js";
import { matrixSum, OTHER } from "../../src/analytics/table.js";
import { thread } from "../../src/analytics/thread.js";
import { everyPeriod, timeline } from "../../src/analytics/timeline.js";
import { parseQuery } from "../../src/search/index.js";
import { type Db, openArchive } from "../../src/store/db.js";
import { buildFixtureArchive } from "../server/fixture-server.js";

let dir: string;
let db: Db;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cablegram-analytics-"));
  await buildFixtureArchive(join(dir, "a.db"));
  db = openArchive(join(dir, "a.db"));
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const QUERIES = ["", "tripoli", "tag:PGOV", "classification:SECRET", "qadhafi OR mubarak", "zzyzx"];
const set = (q: string): CableSet => matchQuery(db, parseQuery(q), q);
const archiveSize = () => db.prepare("SELECT count(*) FROM cables").pluck().get() as number;

describe("analytics over the fixture archive", () => {
  it("every query's set is what search counts", () => {
    expect(set("").ids.length).toBe(archiveSize());
    expect(set("zzyzx").ids.length).toBe(0);
    expect(set("classification:SECRET").ids.length).toBe(2);
  });

  it.each(QUERIES)("secrecy matrices sum to the set's total (%j)", (q) => {
    const s = set(q);
    const r = secrecy(db, s.ids);
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

  it.each(QUERIES)("addressee matrices sum to the set's total (%j)", (q) => {
    const s = set(q);
    const a = addressees(db, s.ids);
    expect(a.total).toBe(s.ids.length);
    expect(matrixSum(a.precedenceByYear)).toBe(s.ids.length);
    expect(a.precedence.rows.reduce((x, r) => x + Number(r[1]), 0)).toBe(s.ids.length);
    // The flow counts (cable, addressee post) pairs: at least one per cable.
    expect(matrixSum(a.flow)).toBeGreaterThanOrEqual(s.ids.length);
  });

  it("a flow cell's drill-down lists exactly the cables it counts", () => {
    const s = set("");
    const a = addressees(db, s.ids);
    let checked = 0;
    a.flow.rows.forEach((sender, i) => {
      a.flow.cols.forEach((addressee, j) => {
        const n = a.flow.cells[i]![j]!;
        if (n === 0 || sender === OTHER || addressee === OTHER) return;
        const drill = flowCables(db, s.ids, sender, addressee, 1000);
        expect(drill.total, `${sender} → ${addressee}`).toBe(n);
        expect(drill.ids).toHaveLength(n);
        checked++;
      });
    });
    expect(checked).toBeGreaterThan(3);
    // Tripoli's cables go to Washington (STATE) among others.
    expect(a.flow.rows).toContain("TRIPOLI");
    expect(a.flow.cols).toContain("STATE");
  });

  it.each(QUERIES)("the timeline accounts for every cable (%j)", (q) => {
    const s = set(q);
    for (const by of ["day", "week", "month", "year"] as const) {
      const t = timeline(db, [{ label: q, ids: s.ids }], by);
      const counted = t.points.reduce((a, p) => a + p.counts[0]!, 0);
      expect(counted + t.series[0]!.undated).toBe(s.ids.length);
      for (const p of t.points) expect(p.all).toBeGreaterThanOrEqual(p.counts[0]!);
    }
  });

  it.each(QUERIES)(
    "a day timeline lists only days with cables; filled, it equals every day of the axis (%j)",
    (q) => {
      const s = set(q);
      for (const reported of [false, true]) {
        const t = timeline(
          db,
          [
            { label: q, ids: s.ids },
            { label: "all", ids: set("").ids },
          ],
          "day",
          {
            reported,
          },
        );
        expect(t.sparse).toBe(true);
        for (const p of t.points) {
          const some = p.counts.some((c) => c > 0) || (p.reported ?? []).some((c) => c > 0);
          expect(some, p.period).toBe(true);
        }
        const days = t.points.map((p) => p.period);
        expect(days).toEqual([...days].sort());
        const filled = everyPeriod(db, t);
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
        const m = timeline(db, [{ label: q, ids: s.ids }], "month", { reported });
        expect(m.sparse).toBe(false);
        expect(everyPeriod(db, m)).toBe(m.points);
        const perMonth = new Map<string, number>();
        for (const p of t.points) {
          const k = p.period.slice(0, 7);
          perMonth.set(k, (perMonth.get(k) ?? 0) + p.counts[0]!);
        }
        for (const p of m.points) expect(p.counts[0], p.period).toBe(perMonth.get(p.period) ?? 0);
      }
    },
  );

  it("overlays up to five series on one axis", () => {
    const t = timeline(
      db,
      ["tripoli", "cairo", "lisbon"].map((q) => ({ label: q, ids: set(q).ids })),
      "year",
    );
    expect(t.series.map((x) => x.label)).toEqual(["tripoli", "cairo", "lisbon"]);
    expect(t.points.map((p) => p.period)).toEqual(["2006", "2007", "2008", "2009", "2010"]);
    expect(t.points.find((p) => p.period === "2006")!.counts).toEqual([0, 0, 1]);
    expect(() => timeline(db, [], "year")).toThrow(RangeError);
  });

  it("bursts: a query's burst lists its cables and a query that finds them", () => {
    // Tripoli's share of the traffic rises in 2007-2008 (6 of its 7 cables, of 8 that year).
    const bursts = queryBursts(db, { ...set("tripoli"), label: "tripoli" }, "year");
    expect(bursts).toHaveLength(1);
    const b = bursts[0]!;
    expect([b.start, b.end]).toEqual(["2007", "2008"]);
    expect(b.strength).toBeGreaterThan(0);
    expect(b.cables!.map((c) => c.referenceId)).toContain("08TRIPOLI227");
    expect(set(b.query!).ids.length).toBe(b.count);
  });

  it("thread: what 08TRIPOLI227 cites and what cites it, in date order", () => {
    const t = thread(db, "08TRIPOLI227")!;
    expect(t.root).toBe("08TRIPOLI227");
    const roles = new Map(t.messages.map((m) => [m.referenceId, m.role]));
    expect(roles.get("08TRIPOLI166")).toBe("cited");
    const replies = t.messages.filter((m) => m.role === "reply");
    expect(replies.length).toBeGreaterThan(0);
    for (const r of replies) {
      const cites = db
        .prepare(
          "SELECT count(*) FROM refs r JOIN cables c ON c.id = r.cable_id WHERE c.reference_id = ? AND r.target_id = ?",
        )
        .pluck()
        .get(r.referenceId, "08TRIPOLI227");
      expect(cites).toBe(1);
      expect(r.days).toBeGreaterThan(0);
    }
    const dates = t.messages.map((m) => m.created ?? "");
    expect([...dates].sort()).toEqual(dates);
    expect(thread(db, "99NOWHERE1")).toBeNull();
  });

  it("coverage: held cables per post and year, serial bounds, cited-but-missing", () => {
    const c = coverage(db, null);
    expect(c.counted).toBe(archiveSize());
    const tripoli08 = c.rows.find((r) => r.station === "TRIPOLI" && r.year === 2008)!;
    expect(tripoli08.held).toBe(5);
    expect(tripoli08.highestSerial).toBeGreaterThanOrEqual(584);
    const lisbon05 = c.rows.find((r) => r.station === "LISBON" && r.year === 2005);
    expect(lisbon05?.held).toBe(0);
    expect(lisbon05?.missing).toBe(1);
    const narrowed = coverage(db, set("cairo").ids);
    expect(narrowed.counted).toBe(set("cairo").ids.length);
  });
});
