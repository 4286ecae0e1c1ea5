/**
 * Archives written before protection across versions (SQLite migration 016, PostgreSQL migration
 * 010): 08TRIPOLI564's marked copy is an older version, its unmarked copy the current one, and
 * the archive is put back as the old writer left it (no `protected_forms`, el-Meyet's mention in
 * the current version unmarked, the entities resolved and summarised that way). Opening it for
 * writing migrates it: the forms are gathered from every version, the current mention is marked,
 * and public mode then masks and hides as for an archive written since. A public server, which
 * cannot migrate, refuses the archive until then.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cable } from "../../src/model/cable.js";
import { startServer } from "../../src/server/start.js";
import { type Db, openArchive } from "../../src/store/db.js";
import { resolveEntities } from "../../src/store/entities-resolve.js";
import { refreshEntitySummaries, summaryState } from "../../src/store/entity-summary.js";
import { openPostgres } from "../../src/store/postgres/connect.js";
import { buildProtectedArchive, INPUTS } from "../entities/protected-archive.js";
import { withPostgresArchiveBefore } from "../support/pg-archive-before.js";
import { postgresAvailable } from "../support/pg-cluster.js";
import { expectPublicRefusal } from "../support/public-refusal.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/server/", import.meta.url));
const UNMARKED = join(FIXTURES, "unmarked/08TRIPOLI564.txt");
const UPDATE = join(FIXTURES, "updates/08TRIPOLI564.txt");
const CABLE = "08TRIPOLI564";

const MEYET = `SELECT m.protected FROM mentions m JOIN cables c ON c.id = m.cable_id
                WHERE c.reference_id = '${CABLE}' AND m.name LIKE '%Meyet%'`;

async function build(path: string): Promise<void> {
  await buildProtectedArchive(path, {
    inputs: [...INPUTS.filter((f) => f !== UPDATE), UNMARKED],
    edit(file, cable) {
      if (file === UNMARKED) cable.persons = cable.persons.map((p) => ({ ...p, protected: false }));
    },
  });
}

/** The archive as the writer before migration 016 left it. */
function age(db: Db): void {
  db.exec(`DROP TABLE protected_forms;
           DELETE FROM schema_migrations WHERE name = '016-protected-forms.sql';`);
  const { id, cable_json } = db
    .prepare<[string], { id: number; cable_json: string }>(
      "SELECT id, cable_json FROM cables WHERE reference_id = ?",
    )
    .get(CABLE)!;
  const cable = JSON.parse(cable_json) as Cable;
  cable.persons = cable.persons.map((p) => ({ ...p, protected: false }));
  db.prepare("UPDATE cables SET cable_json = ? WHERE id = ?").run(JSON.stringify(cable), id);
  // Deleted and inserted again, so the resolution and summaries below see the change.
  const rows = db.prepare("SELECT * FROM mentions WHERE cable_id = ?").all(id) as Record<
    string,
    unknown
  >[];
  db.prepare("DELETE FROM mentions WHERE cable_id = ?").run(id);
  const cols = Object.keys(rows[0]!);
  const insert = db.prepare(
    `INSERT INTO mentions (${cols.join(", ")}) VALUES (${cols.map((c) => `@${c}`).join(", ")})`,
  );
  for (const r of rows) insert.run({ ...r, protected: 0, entity_id: null, link: null });
  resolveEntities(db);
  refreshEntitySummaries(db);
}

const publicCables = (db: Db) =>
  db
    .prepare<[], number>("SELECT public_cables FROM entities WHERE id = 'person-ibrahim-meyet'")
    .pluck()
    .get();

describe("an SQLite archive written before protection across versions", () => {
  let dir: string;
  let path: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cablegram-protmig-"));
    path = join(dir, "archive.db");
    await build(path);
    const db = openArchive(path);
    try {
      age(db);
      expect(db.prepare(MEYET).pluck().all()).toEqual([0]);
      expect(publicCables(db)).toBe(2);
    } finally {
      db.close();
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is refused by a public server until it is migrated", async () => {
    await expectPublicRefusal(path, "016-protected-forms.sql");
  });

  it("is migrated to protect the person in the current version, then served masked", async () => {
    const db = openArchive(path);
    try {
      expect(db.prepare(MEYET).pluck().all()).toEqual([1]);
      const forms = db
        .prepare("SELECT form FROM protected_forms WHERE reference_id = ? ORDER BY form")
        .pluck()
        .all(CABLE);
      expect(forms).toEqual(["El-Meyet", "Ibrahim el-Meyet", "el-Meyet"]);
      const json = db
        .prepare<[string], string>("SELECT cable_json FROM cables WHERE reference_id = ?")
        .pluck()
        .get(CABLE)!;
      const meyet = (JSON.parse(json) as Cable).persons.find((p) => p.name.includes("Meyet"));
      expect(meyet?.protected).toBe(true);
      // Its public count is recounted at once; the summaries wait for the rebuild that the
      // server and `stats` ask for.
      expect(publicCables(db)).toBe(1);
      expect(summaryState(db).current).toBe(false);
    } finally {
      db.close();
    }
    const pub = await startServer({
      db: path,
      public: true,
      port: 0,
      host: "127.0.0.1",
      log: () => {},
    });
    try {
      const search = await (await fetch(new URL("/api/search?q=Meyet", pub.url))).json();
      expect(
        (search as { hits: { referenceId: string }[] }).hits.map((h) => h.referenceId),
      ).not.toContain(CABLE);
      const api = await (await fetch(new URL(`/api/cables/${CABLE}`, pub.url))).text();
      expect(api).not.toMatch(/meyet|ibrahim/i);
      const page = await (
        await fetch(new URL("/api/entities/person-ibrahim-meyet", pub.url))
      ).text();
      expect(page).not.toContain(CABLE);
    } finally {
      await pub.close();
    }
  });

  it("is brought up to date by the entities rebuild", () => {
    const db = openArchive(path);
    try {
      resolveEntities(db);
      refreshEntitySummaries(db);
      expect(publicCables(db)).toBe(1);
      expect(summaryState(db).current).toBe(true);
    } finally {
      db.close();
    }
  });
});

const pg = postgresAvailable("the PostgreSQL migration of protection across versions");

describe.skipIf(!pg)("a PostgreSQL archive written before protection across versions", () => {
  it("is migrated to protect the person in the current version", async () => {
    await withPostgresArchiveBefore(
      "cablegram-protmig-pg-",
      build,
      // As the writer before migration 010 left it.
      async (target) => {
        await target.sql.unsafe(`DROP TABLE protected_forms;
          DELETE FROM schema_migrations WHERE name = '010-protected-forms.sql';
          UPDATE mentions m SET protected = false FROM cables c
           WHERE c.id = m.cable_id AND c.reference_id = '${CABLE}';
          UPDATE entities SET public_cables = 2 WHERE id = 'person-ibrahim-meyet'`);
      },
      async (url) => {
        const again = await openPostgres(url);
        try {
          const marks = await again.sql.unsafe(MEYET);
          expect(marks.map((r) => r.protected)).toEqual([true]);
          const forms = await again.sql<{ form: string }[]>`
            SELECT form FROM protected_forms WHERE reference_id = ${CABLE} ORDER BY form COLLATE "C"`;
          expect(forms.map((r) => r.form)).toEqual(["El-Meyet", "Ibrahim el-Meyet", "el-Meyet"]);
          // Nobody else in the cable is caught by the marks.
          const others = await again.sql<{ n: number }[]>`
            SELECT count(*)::int AS n FROM mentions m JOIN cables c ON c.id = m.cable_id
             WHERE c.reference_id = ${CABLE} AND m.protected AND m.name NOT LIKE '%Meyet%'`;
          expect(others[0]?.n).toBe(0);
          const [entity] = await again.sql<{ n: number }[]>`
            SELECT public_cables AS n FROM entities WHERE id = 'person-ibrahim-meyet'`;
          expect(entity?.n).toBe(1);
        } finally {
          await again.close();
        }
      },
    );
  }, 300_000);
});
