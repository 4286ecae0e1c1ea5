/**
 * Archives written before public mode withheld the names that write a protected word another way
 * (SQLite migration 020, PostgreSQL migration 014). The namesakes archive (test/entities/
 * namesakes-archive.ts) with one more person in the protecting cable, `Segolen Dupres`: each of
 * his words is one edit from a word of the protected `Segolene Dupre-Nassar`, none is one of
 * them. The writers mark him now; put back unmarked, as the writers before left him, he is marked
 * again when the archive is opened for writing, and a public server refuses it until then.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cable } from "../../src/model/cable.js";
import { type Db, openArchive } from "../../src/store/db.js";
import { openPostgres } from "../../src/store/postgres/connect.js";
import { NAMESAKES, PROTECTING } from "../entities/namesakes-archive.js";
import { type BuildOptions, buildProtectedArchive } from "../entities/protected-archive.js";
import { withPostgresArchiveBefore } from "../support/pg-archive-before.js";
import { postgresAvailable } from "../support/pg-cluster.js";
import { expectPublicRefusal } from "../support/public-refusal.js";

const SPELLED = "Segolen Dupres";

const BUILD: BuildOptions = {
  ...NAMESAKES,
  edit(file, cable) {
    NAMESAKES.edit?.(file, cable);
    if (cable.referenceId !== PROTECTING) return;
    cable.persons = [
      ...cable.persons,
      {
        name: SPELLED,
        variants: [],
        roles: [],
        paragraphs: [2],
        usOfficial: false,
        protected: false,
      },
    ] as Cable["persons"];
  },
};

const MARK = `SELECT m.protected FROM mentions m JOIN cables c ON c.id = m.cable_id
               WHERE c.reference_id = '${PROTECTING}' AND m.name = '${SPELLED}'`;
const UNMARK = `UPDATE mentions SET protected = 0
   WHERE cable_id = (SELECT id FROM cables WHERE reference_id = '${PROTECTING}') AND name = '${SPELLED}'`;

const mark = (db: Db) => db.prepare<[], number>(MARK).pluck().get();

describe("an SQLite archive written before migration 020", () => {
  let dir: string;
  let path: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cablegram-spellmig-"));
    path = join(dir, "archive.db");
    await buildProtectedArchive(path, BUILD);
    const db = openArchive(path);
    try {
      // The writer withholds him already: the mark this test takes away is the writers'.
      expect(mark(db)).toBe(1);
      db.exec(`${UNMARK}; DELETE FROM entity_dirty;
               DELETE FROM schema_migrations WHERE name = '020-withheld-spellings.sql';`);
    } finally {
      db.close();
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is refused by a public server until it is migrated", async () => {
    await expectPublicRefusal(path, "020-withheld-spellings.sql");
  });

  it("withholds the other spelling when opened for writing", () => {
    const before = openArchive(path, { readonly: true });
    try {
      expect(mark(before)).toBe(0);
    } finally {
      before.close();
    }
    const db = openArchive(path);
    try {
      expect(mark(db)).toBe(1);
      expect(db.prepare("SELECT count(*) FROM entity_dirty").pluck().get()).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});

const pg = postgresAvailable("the PostgreSQL migration of withheld spellings");

describe.skipIf(!pg)("a PostgreSQL archive written before migration 014", () => {
  it("withholds the other spelling, and nothing else, when opened", async () => {
    const ALL = "SELECT m.name, m.protected FROM mentions m ORDER BY m.cable_id, m.seq";
    let marked: unknown[] = [];
    await withPostgresArchiveBefore(
      "cablegram-spellmig-pg-",
      (path) => buildProtectedArchive(path, BUILD),
      async (target) => {
        marked = (await target.sql.unsafe(ALL)).map((r) => [r.name, Number(r.protected)]);
        expect(marked).toContainEqual([SPELLED, 1]);
        await target.sql.unsafe(`${UNMARK.replace("protected = 0", "protected = false")};
          DELETE FROM schema_migrations WHERE name = '014-withheld-spellings.sql'`);
        const rows = await target.sql.unsafe(MARK);
        expect(rows.map((r) => Number(r.protected))).toEqual([0]);
      },
      async (url) => {
        const again = await openPostgres(url);
        try {
          const rows = await again.sql.unsafe(ALL);
          // The same marks as the writers gave every mention of the archive.
          expect(rows.map((r) => [r.name, Number(r.protected)])).toEqual(marked);
        } finally {
          await again.close();
        }
      },
    );
  }, 300_000);
});
