import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { entityCable as cable, person } from "../../test/store/entity-cables.js";
import { mulberry32 } from "../../test/support/mulberry32.js";
import type { Cable } from "../model/cable.js";
import { type Db, openArchive } from "./db.js";
import { resolveEntities } from "./entities-resolve.js";
import { refreshEntitySummaries } from "./entity-summary.js";
import { takeSummaryColumns } from "./entity-summary-handoff.js";
import { writeCable } from "./write.js";

const FIRST = ["Mark", "Margaret", "Ayman", "Lutfullo", "Anne"];
const LAST = ["Asquino", "Scobey", "Nour", "Shamsiddinov", "Boucher"];
const ORGS = ["UNHCR", "World Bank", "NATO"];
const PLACES = ["Kazakhstan", "Egypt", "Libya"];
const ROLES = ["CDA", "Ambassador", "FM"];
const STATIONS = ["ALMATY", "CAIRO", "TRIPOLI"];

let dbs: Db[] = [];
let dirs: string[] = [];
afterEach(() => {
  for (const db of dbs) db.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dbs = [];
  dirs = [];
});

/** Surnames alone, full names, roles, protected and unprotected mentions, undated cables. */
function randomCable(rand: () => number, serial: number): Cable {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const station = pick(STATIONS);
  const year = 5 + Math.floor(rand() * 4);
  const id = `0${year}${station}${1000 + serial}`;
  const persons = new Map<string, ReturnType<typeof person>>();
  for (let i = 0, n = 1 + Math.floor(rand() * 4); i < n; i++) {
    const last = pick(LAST);
    const name = rand() < 0.3 ? last : `${pick(FIRST)} ${last}`;
    const roles = rand() < 0.4 ? [pick(ROLES)] : [];
    persons.set(name, person(name, { roles, protected: rand() < 0.15 }));
  }
  const c = cable(
    id,
    `20${String(year).padStart(2, "0")}-0${1 + Math.floor(rand() * 9)}-1${serial % 3}T10:00:00Z`,
    {
      persons: [...persons.values()],
      organizations: [...new Set([pick(ORGS), pick(ORGS)])].map((name) => ({
        name,
        variants: [],
        paragraphs: [1],
      })),
      places: [{ name: pick(PLACES), kind: "country", variants: [], paragraphs: [1] }],
    },
  );
  return rand() < 0.1 ? Object.assign(c, { created: null }) : c;
}

const TABLES = {
  entity_stats: "SELECT * FROM entity_stats ORDER BY entity_id, kind, key",
  entity_cables: "SELECT * FROM entity_cables ORDER BY entity_id, created, cable_id, seq",
  cable_entities:
    "SELECT cable_id, hex(codes) AS c, hex(public_codes) AS p FROM cable_entities ORDER BY cable_id",
  entity_comentions:
    "SELECT entity_id, hex(top) AS t, hex(public_top) AS p FROM entity_comentions ORDER BY entity_id",
  entity_codes: "SELECT * FROM entity_codes ORDER BY code",
};

const snapshot = (db: Db) =>
  Object.fromEntries(Object.entries(TABLES).map(([t, sql]) => [t, db.prepare(sql).all()]));

function archive(path = ":memory:", seed = 7): Db {
  const db = openArchive(path);
  dbs.push(db);
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
    db.prepare("INSERT INTO entity_summary_dirty (entity_id) VALUES ('*')").run();
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

    db.prepare("INSERT OR IGNORE INTO entity_summary_dirty (entity_id) VALUES ('*')").run();
    resolveEntities(db, { full: true });
    const other = openArchive(path);
    dbs.push(other);
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
    db.prepare("INSERT INTO entity_summary_dirty (entity_id) VALUES ('*')").run();
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
