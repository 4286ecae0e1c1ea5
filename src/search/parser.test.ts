import { describe, expect, it } from "vitest";
import type { QueryNode } from "./ast.js";
import { tokenize } from "./lexer.js";
import { MAX_DEPTH, MAX_TERMS, parseQuery } from "./parser.js";
import { QuerySyntaxError } from "./types.js";

/** A compact rendering of the AST, so expectations read like the query language itself. */
function show(n: QueryNode): string {
  switch (n.kind) {
    case "all":
      return "ALL";
    case "text": {
      const t = n.phrase ? `"${n.text}"` : n.text;
      return `${n.column ? `${n.column}:` : ""}${t}${n.prefix ? "*" : ""}`;
    }
    case "near":
      return `${n.column ? `${n.column}:` : ""}NEAR(${n.terms.map(show).join(" ")}, ${n.distance})`;
    case "filter":
      return `${n.filter.field}=${JSON.stringify({ ...n.filter, field: undefined })}`;
    case "not":
      return `NOT(${show(n.child)})`;
    case "and":
    case "or":
      return `${n.kind.toUpperCase()}(${n.children.map(show).join(", ")})`;
  }
}

const parse = (q: string) => show(parseQuery(q));

function errorOf(q: string): { message: string; position: number } {
  try {
    parseQuery(q);
  } catch (err) {
    expect(err).toBeInstanceOf(QuerySyntaxError);
    const e = err as QuerySyntaxError;
    return { message: e.message, position: e.position };
  }
  throw new Error(`no error for ${q}`);
}

describe("lexer", () => {
  it("gives every token its 0-based position", () => {
    expect(tokenize('tag:PGOV (iran OR "oil field") -x')).toEqual([
      { type: "field", name: "tag", pos: 0, valuePos: 4 },
      { type: "word", text: "PGOV", prefix: false, pos: 4 },
      { type: "lparen", pos: 9 },
      { type: "word", text: "iran", prefix: false, pos: 10 },
      { type: "word", text: "OR", prefix: false, pos: 15 },
      { type: "phrase", text: "oil field", prefix: false, pos: 18 },
      { type: "rparen", pos: 29 },
      { type: "minus", pos: 31 },
      { type: "word", text: "x", prefix: false, pos: 32 },
      { type: "eof", pos: 33 },
    ]);
  });

  it("keeps balanced parentheses inside a value and a word", () => {
    expect(tokenize("reason:1.4(d))").map((t) => t.type)).toEqual([
      "field",
      "word",
      "rparen",
      "eof",
    ]);
    expect(tokenize("reason:1.4(d)")[1]).toMatchObject({ text: "1.4(d)" });
  });

  it("separates the NEAR distance with a comma only inside NEAR( )", () => {
    expect(tokenize("NEAR(a b, 5)").map((t) => t.type)).toEqual([
      "near",
      "lparen",
      "word",
      "word",
      "comma",
      "word",
      "rparen",
      "eof",
    ]);
    expect(tokenize("1,000")).toMatchObject([{ type: "word", text: "1,000" }, { type: "eof" }]);
  });

  it("treats control characters as spaces", () => {
    expect(tokenize("a\u0000b\tc\u0085d").filter((t) => t.type === "word")).toHaveLength(4);
  });
});

describe("parseQuery: constructs", () => {
  it("reads words, phrases and prefixes", () => {
    expect(parse("qadhafi")).toBe("qadhafi");
    expect(parse('"human rights"')).toBe('"human rights"');
    expect(parse("berber*")).toBe("berber*");
    expect(parse('"saif al-isl"*')).toBe('"saif al-isl"*');
  });

  it("joins terms with an implicit AND, and reads AND / OR / NOT / - / parentheses", () => {
    expect(parse("libya berber")).toBe("AND(libya, berber)");
    expect(parse("libya AND berber")).toBe("AND(libya, berber)");
    expect(parse("libya OR tunisia")).toBe("OR(libya, tunisia)");
    expect(parse("a b OR c")).toBe("OR(AND(a, b), c)");
    expect(parse("a (b OR c)")).toBe("AND(a, OR(b, c))");
    expect(parse("libya NOT berber")).toBe("AND(libya, NOT(berber))");
    expect(parse("libya -berber")).toBe("AND(libya, NOT(berber))");
    expect(parse("NOT tag:PGOV")).toMatch(/^NOT\(tag=/);
    expect(parse("((a))")).toBe("a");
  });

  it("keeps lower-case and/or/not as words", () => {
    expect(parse("rock and roll")).toBe("AND(rock, and, roll)");
  });

  it("reads NEAR groups with and without a distance", () => {
    expect(parse("NEAR(qadhafi succession, 5)")).toBe("NEAR(qadhafi succession, 5)");
    expect(parse('NEAR(saif "human rights" org*)')).toBe('NEAR(saif "human rights" org*, 10)');
    expect(parse("body:NEAR(zuwara berber, 3)")).toBe("body:NEAR(body:zuwara body:berber, 3)");
  });

  it("limits text to a column with subject: and body:, also for a group", () => {
    expect(parse("subject:libya")).toBe("subject:libya");
    expect(parse('body:"free trade zone"')).toBe('body:"free trade zone"');
    expect(parse("subject:(libya OR tunisia)")).toBe("OR(subject:libya, subject:tunisia)");
  });

  it("reads every filter field", () => {
    const cases: [string, string][] = [
      ["tag:pgov", 'tag={"value":"PGOV","prefix":false}'],
      ["tag:P*", 'tag={"value":"P","prefix":true}'],
      ['origin:"Embassy Tripoli"', 'origin={"value":"Embassy Tripoli"}'],
      ["station:tripoli", 'station={"value":"TRIPOLI"}'],
      ["classification:secret", 'classification={"value":"SECRET"}'],
      ["classification:S//NF", 'classification={"value":"SECRET//NOFORN"}'],
      ["classification:u//fouo", 'classification={"value":"UNCLASSIFIED//FOR OFFICIAL USE ONLY"}'],
      ["caveat:noforn", 'caveat={"value":"NOFORN"}'],
      ["marking:S/NF", 'marking={"value":"S/NF"}'],
      ["signer:cretz", 'signer={"name":{"text":"cretz","phrase":false,"prefix":false}}'],
      [
        'classifiedby:"Chris Stevens"',
        'classifiedby={"name":{"text":"Chris Stevens","phrase":true,"prefix":false}}',
      ],
      ["reason:1.4(d)", 'reason={"value":"1.4(d)","prefix":false}'],
      ["reason:1.4D", 'reason={"value":"1.4(d)","prefix":false}'],
      ["reason:1.5", 'reason={"value":"1.5(","prefix":true}'],
      ["year:2009", 'year={"from":2009,"to":2009}'],
      ["year:2008..", 'year={"from":2008,"to":null}'],
      ["created:2005-05..2005-06", 'created={"range":{"from":"2005-05","to":"2005-06"}}'],
      ["created:..2009-03-01", 'created={"range":{"from":null,"to":"2009-03-01"}}'],
      ["released:2011", 'released={"range":{"from":"2011","to":"2011"}}'],
      ["cites:08TRIPOLI0494", 'cites={"id":"08TRIPOLI494"}'],
      ["citedby:09TRIPOLI208", 'citedby={"id":"09TRIPOLI208"}'],
      ["has:refs", 'has={"what":"refs"}'],
      ["has:protect", 'has={"what":"protect"}'],
      ["has:summary", 'has={"what":"summary"}'],
      ["partial:yes", 'partial={"value":true}'],
      ["partial:no", 'partial={"value":false}'],
      ["tags:LY", 'tag={"value":"LY","prefix":false}'],
    ];
    for (const [q, expected] of cases) expect(parse(q), q).toBe(expected);
  });

  it("applies a field to every value of a group", () => {
    expect(parse("tag:(PGOV OR PREL)")).toBe(
      'OR(tag={"value":"PGOV","prefix":false}, tag={"value":"PREL","prefix":false})',
    );
  });

  it("reads a word ending in a colon as a word, and an empty query as everything", () => {
    expect(parse("Note: berber")).toBe("AND(Note:, berber)");
    expect(parse("")).toBe("ALL");
    expect(parse("   ")).toBe("ALL");
  });

  it("drops words with nothing to search", () => {
    expect(parse("--- libya")).toBe("libya");
    expect(parse('""')).toBe("ALL");
    expect(parse("NOT ---")).toBe("ALL");
  });

  it("records positions on nodes", () => {
    const n = parseQuery("libya OR -tag:LY");
    expect(n).toMatchObject({
      kind: "or",
      pos: 0,
      children: [{ pos: 0 }, { kind: "not", pos: 9 }],
    });
  });
});

describe("parseQuery: errors carry the position of the fault", () => {
  const cases: [string, number, RegExp][] = [
    ['libya "berber', 6, /unterminated phrase/],
    ["(libya OR tunisia", 0, /missing \)/],
    ["libya)", 5, /unmatched \)/],
    ["()", 0, /empty/],
    ["OR libya", 0, /missing term before OR/],
    ["AND libya", 0, /missing term before AND/],
    ["libya OR", 6, /missing term after OR/],
    ["libya OR OR x", 6, /missing term after OR/],
    ["libya AND", 6, /missing term after AND/],
    ["libya AND )", 6, /missing term after AND/],
    ["libya NOT", 6, /missing term after NOT/],
    ["libya -)", 6, /missing term after -/],
    ["tga:PGOV", 0, /unknown field 'tga:'/],
    ["x tag:", 6, /missing value after tag:/],
    ["tag: PGOV", 4, /missing value after tag:/],
    ["(tag:)", 5, /missing value after tag:/],
    ["year:20x", 5, /not a date/],
    ["created:2005-13", 8, /not a date/],
    ["created:2005..2006-00", 14, /not a date/],
    ["created:..", 8, /empty date range/],
    ["year:2005-05", 5, /not a year/],
    ["cites:nonsense", 6, /not a cable id/],
    ["has:everything", 4, /unknown has:/],
    ["partial:maybe", 8, /yes or no/],
    ["reason:2.1(x)", 7, /not a classification reason/],
    ["classification:purple", 15, /unknown classification/],
    ["station:123", 8, /not a station/],
    ["origin:tripoli*", 7, /does not take a prefix/],
    ["signer:---", 7, /needs a name/],
    ["subject:(tag:LY)", 9, /inside subject/],
    ["tag:NEAR(a b)", 4, /NEAR works on text/],
    ["NEAR(a)", 0, /at least two terms/],
    ["NEAR(a b", 0, /missing \) to close NEAR/],
    ["NEAR(a b, x)", 10, /NEAR distance/],
    ["NEAR(a b, 5000)", 10, /NEAR distance/],
    ["NEAR(a b, 5 c)", 0, /missing \) to close NEAR/],
    ["NEAR(a (b))", 7, /only words and phrases/],
    ["NEAR(a tag:x)", 7, /only words and phrases/],
  ];
  for (const [q, pos, message] of cases) {
    it(`${q} → ${pos}`, () => {
      const e = errorOf(q);
      expect(e.message).toMatch(message);
      expect(e.position).toBe(pos);
    });
  }

  it("refuses nesting beyond the limit at the parenthesis that goes too deep", () => {
    const q = `${"(".repeat(MAX_DEPTH + 1)}a${")".repeat(MAX_DEPTH + 1)}`;
    expect(errorOf(q)).toMatchObject({
      position: MAX_DEPTH,
      message: expect.stringMatching(/nested/),
    });
  });

  it("refuses too many terms at the first term over the limit", () => {
    const words = Array.from({ length: MAX_TERMS + 1 }, (_, i) => `w${i}`);
    const q = words.join(" ");
    expect(errorOf(q)).toMatchObject({
      position: q.lastIndexOf("w"),
      message: expect.stringMatching(/too many/),
    });
  });

  it("refuses a query longer than the limit at the limit", () => {
    const e = errorOf("a ".repeat(3000));
    expect(e.message).toMatch(/too long/);
    expect(e.position).toBe(4000);
  });
});
