/**
 * Co-mention lists in public mode, on the archive with protected people (protected-archive.ts):
 * whether stored by the summary step or counted on the page, each count is the number of cables
 * where neither mention is protected, so no list counts a protected mention, lists a person only
 * protected mentions name, or changes with the protection; local mode counts every cable.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openArchive } from "../../src/store/db.js";
import { setPublicMode } from "../../src/store/entities-public.js";
import { entityDetail, type Related } from "../../src/store/entities-read.js";
import { buildProtectedArchive, PROTECTED, PROTECTED_COMENTION_MIN } from "./protected-archive.js";

let dir: string;
let path: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "public-comentions-"));
  path = join(dir, "archive.db");
  await buildProtectedArchive(path);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Cables naming both entities (public: where neither mention is protected), from the mentions. */
function truth(db: Db, a: string, b: string, pub: boolean): number {
  return db
    .prepare<[string, string], number>(
      `SELECT count(DISTINCT x.cable_id) FROM mentions x JOIN mentions y ON y.cable_id = x.cable_id
        WHERE x.entity_id = ? AND y.entity_id = ?
          ${pub ? "AND x.protected = 0 AND y.protected = 0" : ""}`,
    )
    .pluck()
    .get(a, b)!;
}

function lists(db: Db, id: string): Related[] {
  const d = entityDetail(db, id);
  return d ? [...d.coPersons, ...d.coOrganizations, ...d.coPlaces] : [];
}

describe("co-mention lists", () => {
  for (const pub of [false, true]) {
    it(`count ${pub ? "only cables where neither mention is protected" : "every cable"}, stored or counted`, () => {
      const db = openArchive(path);
      try {
        if (pub) setPublicMode(db);
        const ids = db.prepare<[], string>("SELECT id FROM entities ORDER BY id").pluck().all();
        const stored = new Set(
          db.prepare<[], string>("SELECT entity_id FROM entity_comentions").pluck().all(),
        );
        // Both paths are exercised: large entities stored, small ones counted on the page.
        expect(stored.size).toBeGreaterThan(0);
        expect(ids.some((id) => !stored.has(id))).toBe(true);
        expect(PROTECTED_COMENTION_MIN).toBeGreaterThan(1);
        let checked = 0;
        for (const id of ids) {
          for (const r of lists(db, id)) {
            expect(r.cables, `${id} ~ ${r.id}`).toBe(truth(db, id, r.id, pub));
            expect(r.cables).toBeGreaterThan(0);
            checked++;
          }
        }
        expect(checked).toBeGreaterThan(20);
      } finally {
        db.close();
      }
    });
  }

  it("never lead from a protected name to the cable protecting it", () => {
    const db = openArchive(path);
    try {
      setPublicMode(db);
      const ids = db.prepare<[], string>("SELECT id FROM entities ORDER BY id").pluck().all();
      // The entities named by a protected mention, with the cables protecting them.
      const protectedIn = db
        .prepare<[], { entity_id: string; cable_id: number }>(
          "SELECT entity_id, cable_id FROM mentions WHERE protected = 1 AND entity_id IS NOT NULL",
        )
        .all();
      expect(protectedIn.length).toBeGreaterThanOrEqual(PROTECTED.length);
      for (const { entity_id: p } of protectedIn) {
        const openly = db
          .prepare<[string], number>(
            "SELECT count(*) FROM mentions WHERE entity_id = ? AND protected = 0",
          )
          .pluck()
          .get(p)!;
        for (const id of ids) {
          const hit = lists(db, id).find((r) => r.id === p);
          // Named only where protected: in no list at all; else counted from the open cables only.
          if (openly === 0) expect(hit, `${p} listed on ${id}`).toBeUndefined();
          else if (hit) expect(hit.cables).toBe(truth(db, id, p, true));
        }
        // The protected person's own page: absent, or without the protecting cables' neighbours.
        for (const r of lists(db, p)) expect(r.cables).toBe(truth(db, p, r.id, true));
      }
    } finally {
      db.close();
    }
  });
});
