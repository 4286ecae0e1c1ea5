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

describe("compilePostgres: boolean text as one tsquery", () => {
  it("asks the index for words and their negations at once", async () => {
    const c = await compiled("iran AND nuclear NOT israel");
    expect(c.where).toBe("(c.tsv @@ $1::tsquery)");
    expect(c.params).toEqual(["('iran') & ('nuclear') & !(('israel'))"]);
    // Negated words rank nothing.
    expect(c.rank).toBe("('iran') | ('nuclear')");
  });

  it("keeps fields, subject: terms and a NOT alone out of the tsquery", async () => {
    const c = await compiled("iran -israel tag:PREL subject:visit");
    expect(c.where).toContain("c.tsv @@ $1::tsquery");
    expect(c.params[0]).toBe("('iran') & !(('israel'))");
    expect(c.where).toContain(`${SUBJECT_VECTOR} @@`);
    expect(c.where).toContain("FROM tags");
    const alone = await compiled("-israel");
    expect(alone.where).toBe("NOT coalesce(c.tsv @@ $1::tsquery, false)");
    // `a OR !b` could be met by a cable holding no word of it: each side stays apart.
    const either = await compiled("iran OR -israel");
    expect(either.where).toBe(
      "(c.tsv @@ $1::tsquery) OR (NOT coalesce(c.tsv @@ $2::tsquery, false))",
    );
  });

  it("merges OR of words, and leaves phrases to the pair index where there is one", async () => {
    const c = await compiled("(oil OR gas) tag:EPET");
    expect(c.params[0]).toBe("('oil') | ('gas')");
    const p = await compiled('iran -"prime minister"');
    expect(p.where).toContain("cg_phrase_pairs");
    const none = await compilePostgres(parseQuery('iran -"prime minister"'), lexer, {
      origins: async () => [],
    });
    expect(none.where).toBe("(c.tsv @@ $1::tsquery)");
    expect(none.params[0]).toBe(
      "('iran') & !((('prime':A <-> 'minister':A) | ('prime':B <-> 'minister':B)))",
    );
  });
});

describe("compilePostgres: a phrase with a word too long for a pair", () => {
  it("is asked of tsv, not of the pair index (migration 009 makes no pair of it)", async () => {
    const long = "x".repeat(1000);
    const c = await compiled(`"alpha ${long}"`);
    expect(c.where).toBe("c.tsv @@ $1::tsquery");
    expect(c.where).not.toContain("cg_phrase_pairs");
    const short = await compiled(`"alpha ${"x".repeat(999)}"`);
    expect(short.where).toContain("cg_phrase_pairs");
  });
});
