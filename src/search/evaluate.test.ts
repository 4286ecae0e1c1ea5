import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureArchive, fixtureCables } from "../../test/search/fixture-archive.js";
import { splitId } from "../model/reference-id.js";
import { type Db, openArchive } from "../store/db.js";
import { writeCable } from "../store/write.js";
import { search } from "./index.js";

let dir: string;
let path: string;
let db: Db;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cablegram-leaf-cache-"));
  path = join(dir, "archive.db");
  fixtureArchive(path).close();
  db = openArchive(path, { readonly: true });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const answer = (q: string) => {
  const r = search(db, q, { limit: 100, facets: true });
  return { total: r.total, hits: r.hits.map((h) => h.referenceId), facets: r.facets };
};

/** A new cable with TAG LY written through another connection, as an ingest beside a server. */
function addLibyaCable(n: number): void {
  const writer = openArchive(path);
  const cable = { ...fixtureCables().find((c) => c.tags.includes("LY"))! };
  cable.referenceId = `09TRIPOLI${900 + n}`;
  Object.assign(cable, splitId(cable.referenceId));
  writeCable(writer, cable, { ingestedAt: "2026-02-01T00:00:00Z" });
  writer.close();
}

describe("filter sets kept per connection", () => {
  it("answer a repeated filter as the first time, alone and beside words, NOT and OR", () => {
    for (const q of ["tag:LY", "zuwara tag:LY", "NOT tag:LY", "tag:LY OR mugabe", "year:2009"]) {
      const first = answer(q);
      expect(first.total, q).toBeGreaterThan(0);
      expect(answer(q), q).toEqual(first);
    }
  });

  it("are read again once another connection changes the archive", () => {
    const before = answer("tag:LY").total;
    const without = answer("NOT tag:LY").total;
    addLibyaCable(1);
    expect(answer("tag:LY").total).toBe(before + 1);
    expect(answer("NOT tag:LY").total).toBe(without);
    addLibyaCable(2);
    expect(answer("tag:LY").total).toBe(before + 2);
  });
});
