import { afterEach, describe, expect, it } from "vitest";
import { type Db, openArchive } from "./db.js";
import { bulkMerging, fts5Tables, steadyMerging } from "./fts-merge.js";

function automerge(db: Db, table: string): number | undefined {
  return db
    .prepare<[], number>(`SELECT v FROM "${table}_config" WHERE k = 'automerge'`)
    .pluck()
    .get();
}

describe("FTS5 merge policy around a bulk load", () => {
  let db: Db | undefined;
  afterEach(() => db?.close());

  it("turns incremental merging off for the load and back to the default after it", () => {
    db = openArchive(":memory:");
    const tables = fts5Tables(db);
    expect(tables).toEqual(["cables_fts", "paragraphs_fts", "people_fts", "subject_fts"]);
    bulkMerging(db);
    for (const t of tables) expect(automerge(db, t)).toBe(0);
    steadyMerging(db);
    for (const t of tables) expect(automerge(db, t)).toBe(4);
  });
});
