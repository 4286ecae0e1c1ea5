import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Cable, emptyCable } from "../model/cable.js";
import { type Db, openArchive } from "./db.js";
import { refreshTrafficCounts, trafficCounts, trafficCountsFresh } from "./traffic-counts.js";
import { writeCable } from "./write.js";

function cable(id: string, created: string, tags: string[], extra: Partial<Cable> = {}): Cable {
  return {
    ...emptyCable(),
    referenceId: id,
    created,
    released: "2011-08-30T00:00:00Z",
    origin: `Embassy ${id.slice(2, -3)}`,
    classification: "CONFIDENTIAL",
    tags,
    body: `body of ${id}`,
    ...extra,
  };
}

/** The counts straight from the tables, to compare the stored ones with. */
function direct(db: Db, dimension: "tag" | "origin" | "all") {
  const sql = {
    all: "SELECT '' AS value, month, count(*) AS count FROM cables GROUP BY month",
    tag: "SELECT tag AS value, month, count(*) AS count FROM tags JOIN cables ON id = cable_id GROUP BY tag, month",
    origin: "SELECT origin AS value, month, count(*) AS count FROM cables GROUP BY origin, month",
  }[dimension];
  return db.prepare(`SELECT * FROM (${sql}) ORDER BY value, month`).all();
}

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe("traffic counts", () => {
  it("are rebuilt when the archive moves on: new cables, new versions", () => {
    const db = openArchive(":memory:");
    writeCable(db, cable("08PARIS100", "2008-01-05T10:00:00Z", ["PGOV", "FR"]));
    writeCable(db, cable("08PARIS101", "2008-01-20T10:00:00Z", ["PGOV"]));
    writeCable(db, cable("08ROME200", "2008-03-02T10:00:00Z", ["PREL", "IT"]));
    expect(trafficCountsFresh(db)).toBe(false);
    for (const d of ["all", "tag", "origin"] as const) {
      expect(trafficCounts(db, d)).toEqual(direct(db, d));
    }
    expect(trafficCountsFresh(db)).toBe(true);
    expect(trafficCounts(db, "tag").find((r) => r.value === "PGOV")).toEqual({
      value: "PGOV",
      month: "2008-01",
      count: 2,
    });

    // A newer release of 08PARIS101 with other TAGS and another month replaces the current one.
    writeCable(
      db,
      cable("08PARIS101", "2008-02-20T10:00:00Z", ["PREL"], { released: "2011-09-01T00:00:00Z" }),
    );
    expect(trafficCountsFresh(db)).toBe(false);
    const tags = trafficCounts(db, "tag");
    expect(tags).toEqual(direct(db, "tag"));
    expect(tags.filter((r) => r.value === "PGOV")).toEqual([
      { value: "PGOV", month: "2008-01", count: 1 },
    ]);
    expect(tags.filter((r) => r.value === "PREL").map((r) => r.month)).toEqual([
      "2008-02",
      "2008-03",
    ]);
    // Re-ingesting the same text changes nothing, so the counts stay fresh.
    writeCable(db, cable("08ROME200", "2008-03-02T10:00:00Z", ["PREL", "IT"]));
    expect(trafficCountsFresh(db)).toBe(true);
    db.close();
  });

  it("a read-only connection computes stale counts without storing them", () => {
    dir = mkdtempSync(join(tmpdir(), "cablegram-traffic-"));
    const path = join(dir, "a.db");
    const w = openArchive(path);
    writeCable(w, cable("08PARIS100", "2008-01-05T10:00:00Z", ["PGOV"]));
    refreshTrafficCounts(w);
    writeCable(w, cable("08PARIS102", "2008-04-05T10:00:00Z", ["PGOV"]));
    w.close();
    const r = openArchive(path, { readonly: true });
    expect(trafficCountsFresh(r)).toBe(false);
    expect(trafficCounts(r, "tag")).toEqual([
      { value: "PGOV", month: "2008-01", count: 1 },
      { value: "PGOV", month: "2008-04", count: 1 },
    ]);
    expect(trafficCountsFresh(r)).toBe(false);
    r.close();
  });
});
