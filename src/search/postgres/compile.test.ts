import { describe, expect, it } from "vitest";
import { parseQuery } from "../parser.js";
import { compilePostgres, SUBJECT_VECTOR } from "./compile.js";

// Lexemes as the simple parser makes them from plain lower-case words (the real lexer asks
// PostgreSQL; these queries hold nothing it would split otherwise).
const lexer = async (texts: string[]) => texts.map((t) => t.toLowerCase().split(/\s+/));
const catalog = { origins: async () => [], pairIndex: async () => true };

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
    const word = await compiled("visit");
    expect(word.where).toBe("c.tsv @@ $1::tsquery");
    const both = await compiled('"prime minister"');
    expect(both.where).toContain("cg_phrase_pairs(x.subject, x.body, x.tsv) @@ $1::tsquery");
    expect(both.params).toContain("'prime minister'");
    expect(both.params).toContain("('prime':A <-> 'minister':A) | ('prime':B <-> 'minister':B)");
  });
});

describe("compilePostgres: phrases from the pair index", () => {
  it("leaves phrases on c.tsv where the archive has no pair index", async () => {
    for (const pairIndex of [async () => false, undefined]) {
      const c = await compilePostgres(parseQuery('"prime minister"'), lexer, {
        origins: async () => [],
        ...(pairIndex ? { pairIndex } : {}),
      });
      expect(c.where).toBe("c.tsv @@ $1::tsquery");
    }
  });

  it("gives the ids as IN (a hashed subplan or a semi-join) in every context", async () => {
    for (const q of ['"prime minister"', 'visit OR "prime minister"', '-"prime minister"']) {
      const c = await compiled(q);
      expect(c.where, q).toContain("c.id IN (");
      expect(c.where, q).not.toContain("ANY(ARRAY(");
    }
  });

  it("checks positions on tsv past two words, with a prefix and in body:, not for two words", async () => {
    const two = await compiled('"prime minister"');
    expect(two.where).toContain("EXCEPT ALL");
    for (const q of ['"the prime minister"', '"the prime min"*', 'body:"prime minister"']) {
      const c = await compiled(q);
      expect(c.where, q).not.toContain("EXCEPT ALL");
      expect(c.where, q).toMatch(
        /FROM \(SELECT x\.id, x\.tsv FROM cables x WHERE cg_phrase_pairs\(x\.subject, x\.body, x\.tsv\) @@ \$\d+::tsquery OFFSET 0\) y WHERE y\.tsv @@/,
      );
    }
    expect((await compiled('"the prime min"*')).params).toContain(
      "'!' | '!the' | '!prime' | '!min':*",
    );
  });

  it("checks NEAR within the subject on the subject vector", async () => {
    const c = await compiled("subject:NEAR(prime minister, 2)");
    expect(c.where).toContain(SUBJECT_VECTOR);
    expect(c.where).not.toContain("c.tsv");
  });
});
