import { describe, expect, it } from "vitest";
import type { SearchState } from "../../src/server/data/search.js";
import {
  cableUrl,
  levelClass,
  scriptJson,
  snippetParts,
  withQuery,
} from "../../src/server/views/format.js";
import { buckets } from "../../src/server/views/histogram.js";
import { searchUrl, toggleFilter } from "../../src/server/views/search-url.js";

describe("snippetParts", () => {
  it("keeps only <mark> as markup and unescapes the rest for JSX to escape again", () => {
    // A snippet as the search layer makes it from 10TRIPOLI9001's hostile paragraph.
    const html =
      "…carries markup: &lt;script&gt;alert(1)&lt;/script&gt; and <mark>Libya</mark>&#39;s &amp; more";
    expect(snippetParts(html)).toEqual([
      { text: "…carries markup: <script>alert(1)</script> and ", mark: false },
      { text: "Libya", mark: true },
      { text: "'s & more", mark: false },
    ]);
  });
});

describe("scriptJson", () => {
  it("cannot close the script element it sits in", () => {
    const s = scriptJson({ subject: "</script><script>alert(1)</script>", x: "a&b\u2028" });
    expect(s).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(s)).toEqual({
      subject: "</script><script>alert(1)</script>",
      x: "a&b\u2028",
    });
  });
});

describe("levelClass", () => {
  it("colours classifications and portion markings by level", () => {
    expect(levelClass("SECRET//NOFORN")).toBe("lvl-s");
    expect(levelClass("S/NF")).toBe("lvl-s");
    expect(levelClass("TOP SECRET")).toBe("lvl-ts");
    expect(levelClass("C")).toBe("lvl-c");
    expect(levelClass("UNCLASSIFIED//FOR OFFICIAL USE ONLY")).toBe("lvl-u");
    expect(levelClass("SBU")).toBe("lvl-u");
    expect(levelClass(null)).toBe("lvl-none");
  });
});

describe("links", () => {
  it("encode ids and values", () => {
    expect(cableUrl("08TRIPOLI227", 3)).toBe("/cables/08TRIPOLI227#p3");
    expect(withQuery("/search", { q: 'a "b"', tag: ["PGOV", "LY"], sort: null, page: 2 })).toBe(
      "/search?q=a+%22b%22&tag=PGOV&tag=LY&page=2",
    );
  });

  const state: SearchState = {
    q: "qadhafi",
    tag: ["LY"],
    origin: [],
    classification: [],
    caveat: [],
    from: "2008-01",
    to: undefined,
    sort: "-created",
    cursor: "abc",
    limit: 20,
    page: 3,
  };

  it("keep the whole search state in the URL and restart paging on a change", () => {
    expect(searchUrl(state)).toBe("/search?q=qadhafi&tag=LY&from=2008-01&sort=-created");
    expect(searchUrl(state, { cursor: "def", page: 4 })).toBe(
      "/search?q=qadhafi&tag=LY&from=2008-01&sort=-created&cursor=def&page=4",
    );
    expect(toggleFilter(state, "tag", "LY")).toBe("/search?q=qadhafi&from=2008-01&sort=-created");
    expect(toggleFilter(state, "origin", "Embassy Tripoli")).toBe(
      "/search?q=qadhafi&tag=LY&origin=Embassy+Tripoli&from=2008-01&sort=-created",
    );
  });
});

describe("histogram buckets", () => {
  it("fill the empty months between the first and the last", () => {
    const b = buckets([
      { month: "2008-11", count: 2 },
      { month: "2009-02", count: 5 },
    ]);
    expect(b.map((x) => [x.from, x.count])).toEqual([
      ["2008-11", 2],
      ["2008-12", 0],
      ["2009-01", 0],
      ["2009-02", 5],
    ]);
    expect(b[0]!.label).toBe("November 2008");
  });

  it("count by year over long spans", () => {
    const b = buckets([
      { month: "1966-05", count: 1 },
      { month: "2010-02", count: 3 },
      { month: "2010-03", count: 4 },
    ]);
    expect(b).toHaveLength(45);
    expect(b[0]).toEqual({ label: "1966", from: "1966-01", to: "1966-12", count: 1 });
    expect(b[44]).toEqual({ label: "2010", from: "2010-01", to: "2010-12", count: 7 });
  });

  it("ignore months that are not months", () => {
    expect(buckets([{ month: "unknown", count: 3 }])).toEqual([]);
  });
});
