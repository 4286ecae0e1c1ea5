import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureArchive } from "../../test/search/fixture-archive.js";
import { snippetArchive } from "../../test/search/snippet-archive.js";
import type { Db } from "../store/db.js";
import { compile } from "./compile.js";
import { bestParagraph, bodyGroups, paragraphExpression } from "./paragraph-match.js";
import { parseQuery } from "./parser.js";

const terms = (q: string) => compile(parseQuery(q), { origins: () => [] }).terms;

describe("paragraphExpression", () => {
  it("ORs the positive body-side terms, NEAR groups whole, quoted", () => {
    expect(paragraphExpression(terms("iceland cites"))).toBe('("iceland") OR ("cites")');
    expect(paragraphExpression(terms('"human rights" berb* -libya subject:iran'))).toBe(
      '("human rights") OR ("berb" *)',
    );
    expect(paragraphExpression(terms("NEAR(oil price, 5) body:gas"))).toBe(
      '(NEAR("oil" "price", 5)) OR ("gas")',
    );
    expect(paragraphExpression(terms("(iran OR iraq) tag:PREL"))).toBe('("iran") OR ("iraq")');
  });

  it("keeps FTS5 syntax inside the quotes", () => {
    const quoted = { text: 'say "no"', prefix: false, column: null };
    expect(paragraphExpression([quoted])).toBe('"say ""no"""');
    expect(paragraphExpression(terms("C/NF"))).toBe('"C/NF"');
    expect(paragraphExpression(terms("1.4(d)"))).toBe('"1.4(d)"');
  });

  it("has nothing for subject-only, negated or word-less queries", () => {
    expect(paragraphExpression(terms("subject:iran"))).toBeNull();
    expect(paragraphExpression(terms("tag:PREL -iran"))).toBeNull();
    expect(paragraphExpression(terms('"--"'))).toBeNull();
    expect(paragraphExpression([])).toBeNull();
  });

  it("merges repeated terms", () => {
    expect(bodyGroups(terms("iran OR (iran nuclear)"))).toHaveLength(2);
  });
});

/**
 * The paragraph FTS5's own bm25() ranks first among a cable's paragraphs for the paragraph
 * expression: what bestParagraph computes without paying bm25()'s per-query counts.
 */
function fts5Best(db: Db, cableId: number, expr: string): { number: number; score: number }[] {
  return db
    .prepare<[string, number], { number: number; score: number }>(
      `SELECT p.number, bm25(paragraphs_fts) AS score FROM paragraphs_fts
         JOIN paragraphs p ON p.id = paragraphs_fts.rowid
        WHERE paragraphs_fts MATCH ? AND p.cable_id = ? ORDER BY score`,
    )
    .all(expr, cableId);
}

describe("bestParagraph agrees with FTS5's bm25()", () => {
  const QUERIES = [
    "whaling",
    "iceland",
    "yamashita",
    "finland cites",
    "iceland quota whaling",
    '"japanese whaling" fleet',
    "NEAR(japan iceland, 3) quota",
    "fukuyama OR sscs",
    "harass* fleet",
    "whal*",
    "qadhafi",
    "libya government",
    '"human rights" libya',
    "wealth distribution",
    "zuwara airport",
    "mdc",
  ];
  const archives: [string, () => Db][] = [
    ["snippet archive", snippetArchive],
    ["fixture archive", () => fixtureArchive()],
  ];
  for (const [name, open] of archives) {
    let db: Db;
    beforeAll(() => {
      db = open();
    });
    afterAll(() => db.close());

    it(`names the top-ranked paragraph (${name})`, () => {
      let compared = 0;
      const cables = db.prepare<[], number>("SELECT id FROM cables").pluck().all();
      for (const q of QUERIES) {
        const t = terms(q);
        const expr = paragraphExpression(t)!;
        for (const id of cables) {
          const ranked = fts5Best(db, id, expr);
          const named = bestParagraph(db, id, bodyGroups(t));
          if (ranked.length === 0) {
            expect(named, `${q} #${id}`).toBeNull();
            continue;
          }
          // Ties may name either paragraph: compare the score of the one named.
          const score = ranked.find((r) => r.number === named?.number)?.score;
          expect(score, `${q} #${id}`).toBeCloseTo(ranked[0]!.score, 9);
          compared++;
        }
      }
      expect(compared).toBeGreaterThanOrEqual(10);
    });
  }
});

describe("bestParagraph", () => {
  let db: Db;
  beforeAll(() => {
    db = snippetArchive();
  });
  afterAll(() => db.close());
  const tokyo = () =>
    db
      .prepare<[], number>("SELECT id FROM cables WHERE reference_id = '10TOKYO171'")
      .pluck()
      .get()!;

  it("returns the text and the match spans as tokens", () => {
    const named = bestParagraph(db, tokyo(), bodyGroups(terms("NEAR(japan iceland, 1)")))!;
    expect(named.number).toBe(5);
    expect(named.spans).toHaveLength(2);
    const words = named.spans.map(([a, b]) =>
      named.tokens
        .slice(a, b)
        .map((t) => named.text.slice(t.start, t.end))
        .join(" "),
    );
    expect(words).toEqual(["Japan", "Iceland"]);
  });

  it("is null for a cable without paragraphs or a term found nowhere", () => {
    const paris = db
      .prepare<[], number>("SELECT id FROM cables WHERE reference_id = '08PARIS137'")
      .pluck()
      .get()!;
    expect(bestParagraph(db, paris, bodyGroups(terms("guantanamo")))).toBeNull();
    expect(bestParagraph(db, tokyo(), bodyGroups(terms("zuwara")))).toBeNull();
    expect(bestParagraph(db, 999_999, bodyGroups(terms("whaling")))).toBeNull();
  });
});
