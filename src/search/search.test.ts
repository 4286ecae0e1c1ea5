import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureArchive } from "../../test/search/fixture-archive.js";
import type { Db } from "../store/db.js";
import { InvalidCursorError, QuerySyntaxError, search } from "./index.js";

let db: Db;
beforeAll(() => {
  db = fixtureArchive();
});
afterAll(() => db.close());

const ids = (q: string, opts = {}) =>
  search(db, q, { limit: 100, ...opts })
    .hits.map((h) => h.referenceId)
    .sort();

describe("search: matching", () => {
  it("finds words in subject and body, phrases, prefixes", () => {
    expect(ids("zuwara")).toEqual(["08TRIPOLI530", "09TRIPOLI198"]);
    expect(ids('"human rights"')).toEqual(["09TRIPOLI196"]);
    expect(ids("berb*")).toEqual(["08TRIPOLI530"]);
    expect(ids("guantanamo")).toEqual(["08PARIS137"]);
  });

  it("combines with AND, OR, NOT and parentheses", () => {
    expect(ids("zuwara airport")).toEqual(["09TRIPOLI198"]);
    expect(ids("zuwara OR mugabe")).toEqual(["00HARARE5461", "08TRIPOLI530", "09TRIPOLI198"]);
    expect(ids("zuwara -airport")).toEqual(["08TRIPOLI530"]);
    expect(ids("(zuwara OR mugabe) NOT berber")).toEqual(["00HARARE5461", "09TRIPOLI198"]);
    expect(ids("NOT tag:LY")).toEqual(["00HARARE5461", "08PARIS137", "09GUATEMALA917"]);
  });

  it("finds terms near each other, and not farther", () => {
    expect(ids("NEAR(musa kusa, 0)")).toEqual(["09TRIPOLI212"]);
    expect(ids("NEAR(kusa helm, 3)")).toEqual(["09TRIPOLI212"]);
    expect(ids("NEAR(kusa helm, 1)")).toEqual([]);
  });

  it("limits text to the subject or the body", () => {
    expect(ids("subject:berber")).toEqual(["08TRIPOLI530"]);
    expect(ids("subject:zuwara")).toEqual([]);
    expect(ids("body:zuwara")).toEqual(["08TRIPOLI530", "09TRIPOLI198"]);
  });

  it("filters on every field", () => {
    expect(ids("tag:ENGR")).toEqual(["09TRIPOLI186"]);
    expect(ids("tag:EI*")).toEqual(["09TRIPOLI198"]);
    expect(ids("origin:paris")).toEqual(["08PARIS137"]);
    expect(ids('origin:"embassy guatemala"')).toEqual(["09GUATEMALA917"]);
    expect(ids("origin:nowhere")).toEqual([]);
    expect(ids("station:harare")).toEqual(["00HARARE5461"]);
    expect(ids("classification:secret")).toEqual(["09TRIPOLI212"]);
    expect(ids("classification:C//NF")).toEqual(["09TRIPOLI186"]);
    expect(ids("classification:U")).toEqual(["08PARIS137"]);
    expect(ids("caveat:noforn")).toEqual(["09TRIPOLI186", "09TRIPOLI212"]);
    expect(ids("marking:S/NF")).toEqual(["09TRIPOLI212"]);
    expect(ids("marking:SBU")).toEqual(["08TRIPOLI530", "09TRIPOLI198"]);
    expect(ids("signer:stevens")).toEqual(["08TRIPOLI494", "08TRIPOLI530"]);
    expect(ids('classifiedby:"christopher stevens"')).toEqual(["09TRIPOLI212"]);
    expect(ids("classifiedby:blake*")).toEqual(["09GUATEMALA917"]);
    expect(ids("reason:1.4(c)")).toEqual(["09TRIPOLI212"]);
    expect(ids("reason:1.5")).toEqual(["00HARARE5461"]);
    expect(ids("year:2008")).toEqual(["08PARIS137", "08TRIPOLI494", "08TRIPOLI530"]);
    expect(ids("year:..2005")).toEqual(["00HARARE5461"]);
    expect(ids("created:2009-03-01..2009-03-03")).toEqual(["09TRIPOLI196", "09TRIPOLI198"]);
    expect(ids("created:2009-02")).toEqual(["09TRIPOLI186"]);
    expect(ids("released:2011-08..")).toEqual(["00HARARE5461"]);
    expect(ids("cites:08TRIPOLI494")).toEqual(["09TRIPOLI186", "09TRIPOLI208"]);
    expect(ids("citedby:09TRIPOLI208")).toEqual(["08TRIPOLI494", "09TRIPOLI196", "09TRIPOLI198"]);
    expect(ids("has:protect")).toEqual(["09GUATEMALA917"]);
    expect(ids("partial:yes")).toEqual(["00HARARE5461"]);
    expect(ids("has:refs year:2008")).toEqual(["08PARIS137"]);
    expect(ids("has:missing tag:ECON")).toEqual(["09TRIPOLI186", "09TRIPOLI208"]);
    expect(ids("has:citedby year:2008")).toEqual(["08TRIPOLI494", "08TRIPOLI530"]);
    expect(ids("has:comment")).toEqual(["09TRIPOLI212"]);
    expect(ids("has:summary -tag:LY")).toEqual([]);
    expect(ids("has:redactions station:tripoli")).toEqual([
      "08TRIPOLI494",
      "09TRIPOLI198",
      "09TRIPOLI208",
    ]);
  });

  it("mixes text and fields inside OR", () => {
    expect(ids("mugabe OR tag:GT")).toEqual(["00HARARE5461", "09GUATEMALA917"]);
  });

  it("returns everything for an empty query, newest first", () => {
    const r = search(db, "", { limit: 3 });
    expect(r.total).toBe(10);
    expect(r.hits.map((h) => h.referenceId)).toEqual([
      "09GUATEMALA917",
      "09TRIPOLI212",
      "09TRIPOLI208",
    ]);
  });

  it("treats FTS5 syntax and SQL in user text as plain text", () => {
    for (const q of [
      'zuwara" OR "x',
      "zuwara'); DROP TABLE cables; --",
      "{subject}:zuwara",
      "subject : zuwara",
      "NEAR zuwara",
      "zuwara ^ *",
      "col:x",
    ]) {
      const run = () => search(db, q);
      try {
        run();
      } catch (err) {
        expect(err, q).toBeInstanceOf(QuerySyntaxError);
      }
    }
    expect(db.prepare("SELECT count(*) AS n FROM cables").get()).toEqual({ n: 10 });
  });
});

describe("search: ranking, sorting, pages", () => {
  it("ranks a subject match above a body match", () => {
    const r = search(db, "berber");
    expect(r.hits[0]?.referenceId).toBe("08TRIPOLI530");
  });

  it("sorts by created and released both ways", () => {
    const created = search(db, "tag:LY", { sort: "created", limit: 2 }).hits.map(
      (h) => h.referenceId,
    );
    expect(created).toEqual(["08TRIPOLI494", "08TRIPOLI530"]);
    const newest = search(db, "tag:LY", { sort: "-created", limit: 1 }).hits[0]?.referenceId;
    expect(newest).toBe("09TRIPOLI212");
    const released = search(db, "", { sort: "-released", limit: 1 }).hits[0]?.referenceId;
    expect(released).toBe("00HARARE5461");
  });

  it("pages with keyset cursors through every hit exactly once, for every sort", () => {
    for (const sort of ["relevance", "created", "-created", "released", "-released"] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const r = search(db, "libya* OR mugabe OR guantanamo OR colom OR wealth", {
          sort,
          limit: 3,
          cursor,
        });
        expect(r.total).toBe(10);
        seen.push(...r.hits.map((h) => h.referenceId));
        cursor = r.next;
        pages++;
      } while (cursor && pages < 10);
      expect(pages, sort).toBe(4);
      expect(new Set(seen).size, sort).toBe(10);
    }
  });

  it("refuses a cursor from another sort or a made-up one", () => {
    const r = search(db, "tag:LY", { sort: "created", limit: 2 });
    expect(() => search(db, "tag:LY", { sort: "-created", cursor: r.next })).toThrow(
      InvalidCursorError,
    );
    expect(() => search(db, "tag:LY", { cursor: "not a cursor" })).toThrow(InvalidCursorError);
    expect(() => search(db, "tag:LY", { cursor: "WzEsMiwzXQ" })).toThrow(InvalidCursorError);
  });

  it("refuses bad options as syntax errors", () => {
    expect(() => search(db, "x", { limit: 0 })).toThrow(QuerySyntaxError);
    expect(() => search(db, "x", { sort: "size" as never })).toThrow(QuerySyntaxError);
  });
});

describe("search: snippets", () => {
  it("names the paragraph and marks the match, escaping the rest", () => {
    const hit = search(db, "airport").hits[0]!;
    expect(hit.referenceId).toBe("09TRIPOLI198");
    expect(hit.paragraph).toBe(1);
    expect(hit.snippet).toContain("<mark>airport</mark>");
    const quoted = search(db, "ridiculous").hits[0]!;
    expect(quoted.paragraph).toBe(5);
    expect(quoted.snippet).toContain("&quot;<mark>ridiculous</mark>&quot;");
    const apostrophe = search(db, "atiaga").hits[0]!;
    expect(apostrophe.snippet).toContain("Juma&#39;a <mark>Atiaga</mark>");
  });

  it("falls back to the subject or the caption area without a paragraph number", () => {
    const subject = search(db, "subject:sheep").hits[0]!;
    expect(subject.paragraph).toBeNull();
    expect(subject.snippet).toContain("BLACK <mark>SHEEP</mark>");
    const caption = search(db, "guantanamo").hits[0]!;
    expect(caption.paragraph).toBeNull();
    expect(caption.snippet).toContain("<mark>Guantanamo</mark>");
  });

  it("previews the summary when the query has no text", () => {
    const hit = search(db, "tag:ODIP").hits[0]!;
    expect(hit.snippet).toMatch(/^Despite some evidence/);
    expect(hit.snippet).not.toContain("<mark>");
  });
});

describe("search: facets and histogram over the whole result set", () => {
  it("counts every hit, not only the page", () => {
    const r = search(db, "tag:LY", { limit: 1, facets: true });
    expect(r.hits).toHaveLength(1);
    expect(r.total).toBe(7);
    expect(r.facets?.tag[0]).toEqual({ value: "LY", count: 7 });
    expect(r.facets?.tag).toContainEqual({ value: "PGOV", count: 7 });
    expect(r.facets?.origin).toEqual([{ value: "Embassy Tripoli", count: 7 }]);
    expect(r.facets?.classification).toEqual([
      { value: "CONFIDENTIAL", count: 5 },
      { value: "CONFIDENTIAL//NOFORN", count: 1 },
      { value: "SECRET//NOFORN", count: 1 },
    ]);
    expect(r.facets?.caveat).toEqual([{ value: "NOFORN", count: 2 }]);
    expect(r.histogram).toEqual([
      { month: "2008-06", count: 1 },
      { month: "2008-07", count: 1 },
      { month: "2009-02", count: 1 },
      { month: "2009-03", count: 4 },
    ]);
  });

  it("leaves facets out unless asked", () => {
    const r = search(db, "tag:LY");
    expect(r.facets).toBeNull();
    expect(r.histogram).toBeNull();
  });
});

describe("search: ids", () => {
  it("opens the cable when the query is exactly its id, however written", () => {
    for (const q of ["09TRIPOLI208", "09tripoli0208"]) {
      const r = search(db, q);
      expect(r.exactId).toBe("09TRIPOLI208");
      expect(r.total).toBe(1);
      expect(r.hits[0]?.referenceId).toBe("09TRIPOLI208");
    }
  });

  it("suggests ids for an id prefix", () => {
    expect(search(db, "09TRIPOLI1").suggestions).toEqual([
      "09TRIPOLI186",
      "09TRIPOLI196",
      "09TRIPOLI198",
    ]);
    expect(search(db, "09tripoli2*").suggestions).toEqual(["09TRIPOLI208", "09TRIPOLI212"]);
    expect(search(db, "08TRIPOLI564").exactId).toBeNull();
    expect(search(db, "libya").suggestions).toBeUndefined();
  });
});
