/**
 * Archives written before public mode withheld the names sharing a word with a protected person
 * (SQLite migrations 018 and 019, PostgreSQL migrations 011 and 013): the namesakes archive (test/entities/
 * namesakes-archive.ts) put back as the writers before left it, the brother's and the firm's
 * mentions in the protecting cable unmarked and their entities counted with it. Opening it for
 * writing marks them, recounts the public counts and queues a resolution; a public server refuses
 * the archive until then.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openArchive } from "../../src/store/db.js";
import { openPostgres } from "../../src/store/postgres/connect.js";
import { NAMESAKES, PROTECTING } from "../entities/namesakes-archive.js";
import { buildProtectedArchive } from "../entities/protected-archive.js";
import { withPostgresArchiveBefore } from "../support/pg-archive-before.js";
import { postgresAvailable } from "../support/pg-cluster.js";
import { expectPublicRefusal } from "../support/public-refusal.js";

/** The marks of the protecting cable's mentions, by name. */
const MARKS = `SELECT m.name, m.protected FROM mentions m JOIN cables c ON c.id = m.cable_id
                WHERE c.reference_id = '${PROTECTING}' ORDER BY m.seq`;
const MARKED = [
  ["Gene Cretz", 0],
  ["Segolene Dupre-Nassar", 1],
  ["Karim Dupre-Nassar", 1],
  ["Dupre-Nassar Consulting", 1],
];
const UNMARKED = MARKED.map(([n, p]) => [n, n === "Segolene Dupre-Nassar" ? p : 0]);
const UNMARK = `UPDATE mentions SET protected = 0
   WHERE cable_id = (SELECT id FROM cables WHERE reference_id = '${PROTECTING}')
     AND name IN ('Karim Dupre-Nassar', 'Dupre-Nassar Consulting')`;
const COUNTS = `SELECT id, public_cables FROM entities
                 WHERE id IN (SELECT entity_id FROM mentions WHERE name LIKE 'Karim%' OR name LIKE '%Consulting')
                 ORDER BY id`;

const marks = (db: Db) =>
  db
    .prepare<[], { name: string; protected: number }>(MARKS)
    .all()
    .map((r) => [r.name, r.protected]);

// 019 (SQLite) and 013 (PostgreSQL) apply 018 and 011 again, under the rule that also compares the
// unaccented spelling (src/store/migration-repeat.ts): an archive whose writer left the marks out
// is marked by either, whichever it has not applied.
describe.each(["018-withheld-mentions.sql", "019-withheld-unaccented.sql"])(
  "an SQLite archive written before migration %s",
  (migration) => {
    let dir: string;
    let path: string;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "cablegram-withmig-"));
      path = join(dir, "archive.db");
      await buildProtectedArchive(path, NAMESAKES);
      const db = openArchive(path);
      try {
        expect(marks(db)).toEqual(MARKED);
        db.exec(`${UNMARK}; UPDATE entities SET public_cables = 2 WHERE id IN (
                 SELECT entity_id FROM mentions WHERE name IN ('Karim Dupre-Nassar', 'Dupre-Nassar Consulting'));
               DELETE FROM entity_dirty;
               DELETE FROM schema_migrations WHERE name = '${migration}';`);
      } finally {
        db.close();
      }
    }, 120_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("is refused by a public server until it is migrated", async () => {
      await expectPublicRefusal(path, migration);
    });

    it("is marked, recounted and queued for resolution when opened for writing", () => {
      const before = openArchive(path, { readonly: true });
      try {
        expect(marks(before)).toEqual(UNMARKED);
      } finally {
        before.close();
      }
      const db = openArchive(path);
      try {
        expect(marks(db)).toEqual(MARKED);
        const counts = db.prepare<[], { public_cables: number }>(COUNTS).all();
        expect(counts.map((r) => r.public_cables)).toEqual([1, 1]);
        expect(db.prepare("SELECT count(*) FROM entity_dirty").pluck().get()).toBeGreaterThan(0);
      } finally {
        db.close();
      }
    });
  },
);

const pg = postgresAvailable("the PostgreSQL migration of withheld mentions");

describe.skipIf(!pg)("a PostgreSQL archive written before a migration", () => {
  it.each(["011-withheld-mentions.sql", "013-withheld-unaccented.sql"])(
    "is marked and recounted when opened, %s pending",
    async (migration) => {
      await withPostgresArchiveBefore(
        "cablegram-withmig-pg-",
        (path) => buildProtectedArchive(path, NAMESAKES),
        async (target) => {
          await target.sql.unsafe(`${UNMARK.replace("protected = 0", "protected = false")};
          UPDATE entities SET public_cables = 2 WHERE id IN (
            SELECT entity_id FROM mentions WHERE name IN ('Karim Dupre-Nassar', 'Dupre-Nassar Consulting'));
          DELETE FROM schema_migrations WHERE name = '${migration}'`);
          const rows = await target.sql.unsafe(MARKS);
          expect(rows.map((r) => [r.name, Number(r.protected)])).toEqual(UNMARKED);
        },
        async (url) => {
          const again = await openPostgres(url);
          try {
            const rows = await again.sql.unsafe(MARKS);
            expect(rows.map((r) => [r.name, Number(r.protected)])).toEqual(MARKED);
            const counts = await again.sql.unsafe(COUNTS);
            expect(counts.map((r) => r.public_cables)).toEqual([1, 1]);
          } finally {
            await again.close();
          }
        },
      );
    },
    300_000,
  );
});
