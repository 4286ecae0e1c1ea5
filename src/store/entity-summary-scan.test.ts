import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  entityCable as cable,
  pick,
  randomCableId,
  randomPersons,
} from "../../test/store/entity-cables.js";
import {
  markSummariesStale,
  summaryTables as snapshot,
} from "../../test/store/entity-summaries.js";
import { archivesPerTest } from "../../test/support/archives-per-test.js";
import { mulberry32 } from "../../test/support/mulberry32.js";
import type { Cable } from "../model/cable.js";
import type { Db } from "./db.js";
import { resolveEntities } from "./entities-resolve.js";
import { Batches } from "./entities-walk.js";
import { refreshEntitySummaries } from "./entity-summary.js";
import { takeSummaryColumns } from "./entity-summary-handoff.js";
import { startWorker } from "./entity-summary-parallel.js";
import type { PlacementRows } from "./entity-summary-rows.js";
import { writeCable } from "./write.js";

const FIRST = ["Mark", "Margaret", "Ayman", "Lutfullo", "Anne"];
const LAST = ["Asquino", "Scobey", "Nour", "Shamsiddinov", "Boucher"];
const ORGS = ["UNHCR", "World Bank", "NATO"];
const PLACES = ["Kazakhstan", "Egypt", "Libya"];
const ROLES = ["CDA", "Ambassador", "FM"];
const STATIONS = ["ALMATY", "CAIRO", "TRIPOLI"];

const openForTest = archivesPerTest();
let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** Surnames alone, full names, roles, protected and unprotected mentions, undated cables. */
function randomCable(rand: () => number, serial: number): Cable {
  const { id, year } = randomCableId(rand, STATIONS, 4, serial);
  const persons = randomPersons(rand, {
    first: FIRST,
    last: LAST,
    roles: ROLES,
    surnameOnly: 0.3,
    protectedShare: 0.15,
  });
  const c = cable(
    id,
    `20${String(year).padStart(2, "0")}-0${1 + Math.floor(rand() * 9)}-1${serial % 3}T10:00:00Z`,
    {
      persons,
      organizations: [...new Set([pick(rand, ORGS), pick(rand, ORGS)])].map((name) => ({
        name,
        variants: [],
        paragraphs: [1],
      })),
      places: [{ name: pick(rand, PLACES), kind: "country", variants: [], paragraphs: [1] }],
    },
  );
  return rand() < 0.1 ? Object.assign(c, { created: null }) : c;
}

function archive(path = ":memory:", seed = 7): Db {
  const db = openForTest(path);
  const rand = mulberry32(seed);
  for (let i = 0; i < 120; i++) writeCable(db, randomCable(rand, i));
  return db;
}

describe("entity summaries built from a full resolution's columns", () => {
  it("equal the build that reads the tables back", () => {
    const db = archive();
    resolveEntities(db);
    expect(refreshEntitySummaries(db, { comentionMin: 2 }).mode).toBe("full");
    const fromColumns = snapshot(db);
    // No columns offered now: the build reads mentions, as after a migration.
    markSummariesStale(db);
    expect(refreshEntitySummaries(db, { comentionMin: 2 }).mode).toBe("full");
    const fromTables = snapshot(db);
    expect(fromColumns).toEqual(fromTables);
    expect(fromColumns.entity_cables!.length).toBe(
      db.prepare("SELECT count(*) FROM mentions").pluck().get(),
    );
    expect(
      db.prepare("SELECT count(*) FROM entity_stats WHERE public_cables < cables").pluck().get(),
    ).toBeGreaterThan(0);
    expect(
      db
        .prepare("SELECT count(*) FROM cable_entities WHERE public_codes IS NOT NULL")
        .pluck()
        .get(),
    ).toBeGreaterThan(0);
  });

  it("are offered only by a full resolution with the summaries due in full", () => {
    const db = archive();
    resolveEntities(db);
    expect(takeSummaryColumns(db)).not.toBeNull();
    // Taken once.
    expect(takeSummaryColumns(db)).toBeNull();
    refreshEntitySummaries(db);
    // Summaries up to date: a full resolution offers nothing.
    resolveEntities(db, { full: true });
    expect(takeSummaryColumns(db)).toBeNull();
  });

  it("are not used once the archive has changed, on this connection or another", () => {
    const dir = mkdtempSync(join(tmpdir(), "summary-columns-"));
    dirs.push(dir);
    const path = join(dir, "a.db");
    const db = archive(path);
    resolveEntities(db);
    db.prepare("UPDATE cables SET month = '2004-02' WHERE id = (SELECT max(id) FROM cables)").run();
    expect(takeSummaryColumns(db)).toBeNull();

    markSummariesStale(db);
    resolveEntities(db, { full: true });
    const other = openForTest(path);
    other
      .prepare("UPDATE cables SET month = '2004-03' WHERE id = (SELECT min(id) FROM cables)")
      .run();
    expect(takeSummaryColumns(db)).toBeNull();

    // Stale columns refused, the build reads the tables: the same as a build from scratch.
    resolveEntities(db, { full: true });
    other
      .prepare(
        "UPDATE cables SET created = '2001-01-01T00:00:00Z' WHERE id = (SELECT min(id) FROM cables)",
      )
      .run();
    refreshEntitySummaries(db);
    const after = snapshot(db);
    markSummariesStale(db);
    refreshEntitySummaries(db);
    expect(snapshot(db)).toEqual(after);
    expect(
      db
        .prepare("SELECT count(*) FROM entity_cables WHERE created = '2001-01-01T00:00:00Z'")
        .pluck()
        .get(),
    ).toBeGreaterThan(0);
  });
});

describe("a build from columns, written on two threads", () => {
  function fileArchive(): { db: Db; path: string } {
    const dir = mkdtempSync(join(tmpdir(), "summary-worker-"));
    dirs.push(dir);
    const path = join(dir, "a.db");
    return { db: archive(path, 11), path };
  }

  it("writes the rows one thread writes, and leaves no scratch file", () => {
    const { db, path } = fileArchive();
    resolveEntities(db);
    expect(refreshEntitySummaries(db, { comentionMin: 2 })).toMatchObject({
      mode: "full",
      entities: db.prepare("SELECT count(DISTINCT entity_id) FROM entity_cables").pluck().get(),
    });
    const twoThreads = snapshot(db);
    expect(existsSync(`${path}-summary-rows`)).toBe(false);
    markSummariesStale(db);
    resolveEntities(db, { full: true });
    refreshEntitySummaries(db, { comentionMin: 2, worker: false });
    expect(snapshot(db)).toEqual(twoThreads);
    // And both equal the build that reads the tables back.
    markSummariesStale(db);
    refreshEntitySummaries(db, { comentionMin: 2 });
    expect(snapshot(db)).toEqual(twoThreads);
    expect(twoThreads.entity_cables.length).toBeGreaterThan(100);
  });

  it("reports a failure of the worker as an error, not a wait without end", () => {
    const { db, path } = fileArchive();
    const rows: PlacementRows = {
      ids: ["person-a"],
      starts: Int32Array.from([0, 1]),
      cable: Int32Array.from([0]),
      seq: Int32Array.from([0]),
      // No such roles list: the worker's count throws.
      roles: Int32Array.from([5]),
      ruleProt: Int32Array.from([0]),
      lists: ["[]"],
      rules: [""],
      cableId: [1],
      created: [""],
      station: [""],
      month: [""],
    };
    const pending = startWorker(db, rows, 1);
    const batches = new Batches(db);
    try {
      expect(() => pending.finish(batches)).toThrow(/the worker thread failed: .*JSON/s);
    } finally {
      batches.rollback();
    }
    expect(existsSync(`${path}-summary-rows`)).toBe(false);
  });
});
