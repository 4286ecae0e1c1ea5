import { describe, expect, it } from "vitest";
import { parseQuery } from "../parser.js";
import { compilePostgres, SUBJECT_VECTOR } from "./compile.js";

// Lexemes as the simple parser makes them from plain lower-case words (the real lexer asks
// PostgreSQL; these queries hold nothing it would split otherwise).
const lexer = async (texts: string[]) => texts.map((t) => t.toLowerCase().split(/\s+/));
const catalog = { origins: async () => [] };

async function compiled(q: string) {
  return compilePostgres(parseQuery(q), lexer, catalog);
}

describe("compilePostgres: subject: terms", () => {
  it("asks words, prefixes and phrases of the subject vector without a weight", async () => {
    for (const [q, tsq] of [
      ["subject:visit", "'visit'"],
      ["subject:visi*", "'visi':*"],
      ['subject:"prime minister"', "'prime' <-> 'minister'"],
    ] as const) {
      const c = await compiled(q);
      expect(c.where, q).toBe(`${SUBJECT_VECTOR} @@ $1::tsquery`);
      expect(c.params, q).toEqual([tsq]);
      expect(c.where, q).not.toContain("c.tsv");
    }
  });

  it("still ranks them on the whole tsvector at weight A", async () => {
    expect((await compiled("subject:visit")).rank).toBe("('visit':A)");
  });

  it("leaves body: and unfielded terms on c.tsv", async () => {
    const body = await compiled("body:visit");
    expect(body.where).toBe("c.tsv @@ $1::tsquery");
    expect(body.params).toEqual(["'visit':B"]);
    const both = await compiled('"prime minister"');
    expect(both.where).toBe("c.tsv @@ $1::tsquery");
    expect(both.params).toEqual(["('prime':A <-> 'minister':A) | ('prime':B <-> 'minister':B)"]);
  });

  it("checks NEAR within the subject on the subject vector", async () => {
    const c = await compiled("subject:NEAR(prime minister, 2)");
    expect(c.where).toContain(SUBJECT_VECTOR);
    expect(c.where).not.toContain("c.tsv");
  });
});
