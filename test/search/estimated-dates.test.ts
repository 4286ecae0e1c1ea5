/**
 * Undated cables through search and browse: `created:` keeps meaning "dated by a source",
 * `created~:` adds the estimates, date sorts and browse pages place undated cables by estimate.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqliteArchive } from "../../src/archive/archive.js";
import { type Cable, emptyCable } from "../../src/model/cable.js";
import { splitId } from "../../src/model/reference-id.js";
import { search } from "../../src/search/index.js";
import { QuerySyntaxError } from "../../src/search/types.js";
import { browseList } from "../../src/server/data/browse.js";
import { refreshDateEstimates } from "../../src/store/date-estimates.js";
import { type Db, openArchive } from "../../src/store/db.js";
import { writeCable } from "../../src/store/write.js";

function cable(id: string, created: string | null): Cable {
  return {
    ...emptyCable(),
    ...splitId(id),
    referenceId: id,
    created,
    body: `${id} text`,
    subject: id,
  };
}

let db: Db;
beforeAll(() => {
  db = openArchive(":memory:");
  for (const c of [
    cable("05ALMATY2101", "2005-06-01T10:00:00Z"),
    cable("05ALMATY2121", null),
    cable("05ALMATY2141", "2005-06-11T10:00:00Z"),
    cable("05ALMATY2500", "2005-08-20T10:00:00Z"),
  ])
    writeCable(db, c);
  refreshDateEstimates(db);
});
afterAll(() => db.close());

const ids = (q: string, sort: "created" | "-created" = "created") =>
  search(db, q, { sort, limit: 50 }).hits.map((h) => h.referenceId);

describe("created~:", () => {
  it("matches undated cables by their estimate; created: does not", () => {
    expect(ids("created:2005-06")).toEqual(["05ALMATY2101", "05ALMATY2141"]);
    expect(ids("created~:2005-06")).toEqual(["05ALMATY2101", "05ALMATY2121", "05ALMATY2141"]);
    expect(ids("created~:2005-06-05..2005-06-07")).toEqual(["05ALMATY2121"]);
    expect(ids("created~:2005-08")).toEqual(["05ALMATY2500"]);
  });

  it("marks the estimate on the hit, never as `created`", () => {
    const hit = search(db, "created~:2005-06", { sort: "created" }).hits[1]!;
    expect(hit).toMatchObject({ referenceId: "05ALMATY2121", created: null });
    expect(hit.createdEstimate).toMatch(/^2005-06-0\d$/);
  });

  it("is refused on fields without estimates", () => {
    expect(() => search(db, "released~:2005")).toThrow(QuerySyntaxError);
    expect(() => search(db, "tag~:PGOV")).toThrow(/only created~:/);
  });
});

describe("undated cables in order and in browse", () => {
  it("sorts an undated cable among its serial neighbours, both directions", () => {
    expect(ids("station:ALMATY", "created")).toEqual([
      "05ALMATY2101",
      "05ALMATY2121",
      "05ALMATY2141",
      "05ALMATY2500",
    ]);
    expect(ids("station:ALMATY", "-created")).toEqual([
      "05ALMATY2500",
      "05ALMATY2141",
      "05ALMATY2121",
      "05ALMATY2101",
    ]);
  });

  it("lists undated cables in the browse pages of their estimated year and month", async () => {
    const archive = sqliteArchive(db, "estimated-dates");
    const year = await browseList(archive, "year", "2005", {});
    expect(year.total).toBe(search(db, "year:2005").total);
    expect(year.months?.find((m) => m.month === "2005-06")?.count).toBe(3);
    const month = await browseList(archive, "month", "2005-06", {});
    expect(month.hits.map((h) => h.referenceId)).toContain("05ALMATY2121");
  });
});
