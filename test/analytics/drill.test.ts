/**
 * Every cell of every matrix and count table drills down to exactly the cables it counts —
 * (other) and (none) included — over the fixture archive and over a synthetic one with more senders
 * and addressees than the flow matrix shows; and the timeline's reported dates add up and drill
 * down to the cables that report them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressees, FLOW_ADDRESSEES, FLOW_SENDERS } from "../../src/analytics/addressees.js";
import { reportedDays, reportingCables } from "../../src/analytics/reported.js";
import { type CableSet, matchQuery } from "../../src/analytics/result.js";
import { secrecy } from "../../src/analytics/secrecy.js";
import { sqliteAnalytics } from "../../src/analytics/sqlite-source.js";
import {
  cellMembers,
  type Matrix,
  matrixSum,
  NONE,
  OTHER,
  type Table,
} from "../../src/analytics/table.js";
import { timeline } from "../../src/analytics/timeline.js";
import { emptyCable } from "../../src/model/cable.js";
import { parseQuery } from "../../src/search/index.js";
import { drillData } from "../../src/server/data/analytics.js";
import { drillParams } from "../../src/server/data/analytics-params.js";
import { type Db, openArchive } from "../../src/store/db.js";
import { writeCable } from "../../src/store/write.js";
import { buildFixtureArchive } from "../server/fixture-server.js";

let dir: string;
let db: Db;
let wide: Db;

/** 40 posts, each sending 3 cables to 3 of 40 posts: more senders and addressees than the matrix shows. */
function wideArchive(): Db {
  const w = openArchive(":memory:");
  const posts = Array.from({ length: 40 }, (_, i) => `POST${String(i).padStart(2, "0")}`);
  w.transaction(() => {
    posts.forEach((post, i) => {
      for (let k = 0; k < 3 + (i % 4); k++) {
        const to = [0, 1, 2].map((j) => posts[(i * 7 + k * 3 + j * 11) % posts.length]!);
        writeCable(w, {
          ...emptyCable(),
          referenceId: `08${post}${k + 1}`,
          station: post,
          year: 2008,
          serial: k + 1,
          created: `2008-0${1 + (k % 9)}-1${k % 10}T10:00:00Z`,
          origin: `Embassy ${post}`,
          classification: i % 3 === 0 ? "SECRET" : "CONFIDENTIAL",
          precedence: k % 2 === 0 ? "ROUTINE" : "PRIORITY",
          to: to.map((name) => ({ route: null, name, precedence: null, mcn: null, excluded: [] })),
          // A cable whose two addressees both fold into (other) must count once in that cell.
          info: [],
          body: "body",
        });
      }
    });
  })();
  return w;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cablegram-drill-"));
  await buildFixtureArchive(join(dir, "a.db"));
  db = openArchive(join(dir, "a.db"));
  wide = wideArchive();
});
afterAll(() => {
  db?.close();
  wide?.close();
  rmSync(dir, { recursive: true, force: true });
});

const set = (d: Db, q: string): Promise<CableSet> =>
  matchQuery(sqliteAnalytics(d), parseQuery(q), q);

/** Each cell's count against the cables it records; returns how many cells were checked. */
function checkMatrix(m: Matrix, ids: Int32Array): number {
  const inSet = new Set(ids);
  let cells = 0;
  m.rows.forEach((r, i) => {
    m.cols.forEach((c, j) => {
      const members = cellMembers(m, r, c);
      expect(members, `${m.name} ${r} × ${c}`).not.toBeNull();
      expect(new Set(members).size, `${m.name} ${r} × ${c}`).toBe(m.cells[i]![j]!);
      for (const id of members!) expect(inSet.has(id)).toBe(true);
      cells++;
    });
  });
  expect(matrixSum(m)).toBe(m.total);
  return cells;
}

function checkTable(t: Table, ids: Int32Array): void {
  const inSet = new Set(ids);
  for (const row of t.rows) {
    const members = cellMembers(t, String(row[0]));
    expect(members, `${t.name} ${row[0]}`).not.toBeNull();
    expect(new Set(members).size, `${t.name} ${row[0]}`).toBe(row[1]);
    for (const id of members!) expect(inSet.has(id)).toBe(true);
  }
}

const QUERIES = ["", "tripoli", "tag:PGOV", "classification:SECRET", "zzyzx"];

describe("drill-down of every cell", () => {
  it.each(QUERIES)("secrecy and addressee cells list exactly their cables (%j)", async (q) => {
    const s = await set(db, q);
    const r = await secrecy(sqliteAnalytics(db), s.ids);
    const a = await addressees(sqliteAnalytics(db), s.ids);
    // Matrices of one value per cable sum to the set; the flow holds every cable at least once.
    for (const m of [r.levelByYear, r.levelByOrigin, a.precedenceByYear]) {
      expect(matrixSum(m), m.name).toBe(s.ids.length);
      checkMatrix(m, s.ids);
    }
    checkMatrix(a.flow, s.ids);
    const inFlow = new Set<number>();
    a.flow.rows.forEach((row) => {
      for (const col of a.flow.cols)
        for (const id of cellMembers(a.flow, row, col)!) inFlow.add(id);
    });
    expect(inFlow.size).toBe(s.ids.length);
    for (const t of [r.levels, r.caveats, r.reasons, r.horizon, a.precedence, a.collectives]) {
      checkTable(t, s.ids);
    }
  });

  it("folded (other) cells of the flow: counted once per cable, listed exactly", async () => {
    const s = await set(wide, "");
    const a = await addressees(sqliteAnalytics(wide), s.ids);
    expect(a.flow.rows).toHaveLength(FLOW_SENDERS + 1);
    expect(a.flow.cols).toHaveLength(FLOW_ADDRESSEES + 1);
    expect(a.flow.rows.at(-1)).toBe(OTHER);
    expect(a.flow.cols.at(-1)).toBe(OTHER);
    expect(checkMatrix(a.flow, s.ids)).toBe((FLOW_SENDERS + 1) * (FLOW_ADDRESSEES + 1));
    const other = a.flow.cells.at(-1)!.at(-1)!;
    expect(other).toBeGreaterThan(0);
    // Through the server's data layer, as the page's link asks for it.
    const drill = await drillData(
      sqliteAnalytics(wide),
      drillParams.parse({ matrix: "flow", row: OTHER, col: OTHER }),
    );
    expect(drill.analysis.count).toBe(other);
    const senders = new Set(a.flow.rows);
    for (const c of drill.analysis.cables) {
      expect(senders.has(c.referenceId.slice(2, 8))).toBe(false);
    }
    // A named sender's (other) column, and the level × origin (other) column.
    const row = a.flow.rows[0]!;
    const named = await drillData(
      sqliteAnalytics(wide),
      drillParams.parse({ matrix: "flow", row, col: OTHER }),
    );
    expect(named.analysis.count).toBe(a.flow.cells[0]!.at(-1));
    expect(named.analysis.cables.every((c) => c.referenceId.slice(2, 8) === row)).toBe(true);
    const r = await secrecy(sqliteAnalytics(wide), s.ids);
    const j = r.levelByOrigin.cols.indexOf(OTHER);
    expect(j).toBeGreaterThan(0);
    const lvl = await drillData(
      sqliteAnalytics(wide),
      drillParams.parse({ matrix: "level-by-origin", row: "SECRET", col: OTHER }),
    );
    expect(lvl.analysis.count).toBe(
      r.levelByOrigin.cells[r.levelByOrigin.rows.indexOf("SECRET")]![j],
    );
  });

  it("a cell that is not in the matrix is a 400 naming the parameter", async () => {
    await expect(
      drillData(
        sqliteAnalytics(db),
        drillParams.parse({ matrix: "flow", row: "NOWHERE", col: NONE }),
      ),
    ).rejects.toThrow(/row/);
    await expect(
      drillData(sqliteAnalytics(db), drillParams.parse({ matrix: "level-by-year", row: "SECRET" })),
    ).rejects.toThrow(/col/);
  });
});

describe("reported dates on the timeline", () => {
  it.each(["", "tripoli", "qadhafi"])(
    "add up, and each period drills down to its cables (%j)",
    async (q) => {
      const s = await set(db, q);
      const days = await reportedDays(sqliteAnalytics(db), s.ids);
      const all = days.reduce((a, d) => a + d.count, 0);
      for (const by of ["month", "year"] as const) {
        const t = await timeline(sqliteAnalytics(db), [{ label: q, ids: s.ids }], by, {
          reported: true,
        });
        expect(t.reported).toBe(true);
        const series = t.series[0]!;
        const onAxis = t.points.reduce((a, p) => a + p.reported![0]!, 0);
        expect(onAxis).toBe(series.reported);
        expect(onAxis + series.reportedOffAxis!).toBe(all);
        for (const p of t.points) {
          const n = p.reported![0]!;
          if (n === 0) continue;
          // A cable reporting two days of the period counts twice (cable-days), so the list is
          // at most the count and at least one.
          const listed = await reportingCables(sqliteAnalytics(db), s.ids, p.from, p.to);
          expect(listed.length).toBeGreaterThan(0);
          expect(listed.length).toBeLessThanOrEqual(n);
        }
      }
      if (q === "") expect(all).toBeGreaterThan(10);
    },
  );

  it("08TRIPOLI227 reports Qadhafi's speech of March 2 and a deadline of September 1, 2008", async () => {
    const s = await set(db, "08TRIPOLI227");
    const march = await reportingCables(sqliteAnalytics(db), s.ids, "2008-03-02", "2008-03-02");
    expect(march.map((c) => c.phrases)).toEqual([["March 2"]]);
    const sept = await reportingCables(sqliteAnalytics(db), s.ids, "2008-09-01", "2008-09-01");
    expect(sept).toHaveLength(1);
  });
});
