import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureArchive } from "../../test/search/fixture-archive.js";
import { mulberry32 } from "../../test/support/mulberry32.js";
import type { Db } from "../store/db.js";
import { FIELD_NAMES } from "./fields.js";
import { QuerySyntaxError, search } from "./index.js";

const WORDS = [
  "libya",
  "qadhafi",
  "zuwara",
  "berber*",
  "Müller",
  "中国",
  "🙂",
  "العربية",
  "e\u0301te",
  "09TRIPOLI208",
  "09TRIPOLI",
  "08tripoli0494",
  "1.4(d)",
  "S//NF",
  "x",
  "",
  "NEAR",
  "near",
  "and",
  "AND",
  "OR",
  "NOT",
];
/** Every field of the language (so a new one is fuzzed too), an alias, and names that are none. */
const FIELDS = [...FIELD_NAMES, "tags", "bogus", "SUBJECT", "rowid", "cables_fts"];
const VALUES = [
  "PGOV",
  "LY",
  "P*",
  "tripoli",
  '"Embassy Tripoli"',
  "secret",
  "S//NF",
  "C/NF",
  "noforn",
  "cretz",
  "1.4(d)",
  "1.4",
  "1.9(z)",
  "2009",
  "2008..2009",
  "..2005",
  "2005-05..2005-06",
  "2005-13",
  "..",
  "09TRIPOLI208",
  "nonsense",
  "refs",
  "protect",
  "yes",
  "maybe",
  "(PGOV OR PREL)",
  "(",
  ")",
  "*",
  "",
];
const HOSTILE = [
  "'; DROP TABLE cables; --",
  "1=1",
  "UNION SELECT * FROM versions",
  '" OR 1=1 --',
  "{subject}:x",
  "subject : x",
  "NEAR(",
  "NEAR(a b,",
  "NEAR(a b, -1)",
  "^x",
  "x:*",
  '"',
  "((",
  "))",
  ")(",
  "-",
  "--",
  "/* */",
  "\\",
  "%",
  "_",
  "`",
  "[",
  "]",
  "{",
  "}",
  ";",
  "@x",
  "$x",
  "?",
  "?1",
  ":x",
  "x AND",
  "OR",
  "NOT",
  "AND AND",
  "\u0000",
  "\u0007",
  "\u001b[31m",
  "\r\n",
  "\t",
  "\u2028",
  "\uFEFF",
  "\uD800",
  "\uDC00x",
  "\uFFFF",
  "\u202E",
  "‮",
  "ﬁ",
  "Ⅻ",
];
const JOINERS = [" ", " ", " ", "", " AND ", " OR ", " NOT ", " -", "(", ")", '"', ",", "*", ":"];

function generate(rand: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const r = rand();
  if (r < 0.02) return pick(["(", "a ", '"', "NOT ", "x* "]).repeat(1 + Math.floor(rand() * 3000));
  if (r < 0.05) {
    // Random code units over the whole BMP, surrogates and controls included.
    return Array.from({ length: 1 + Math.floor(rand() * 40) }, () =>
      String.fromCharCode(Math.floor(rand() * 0x10000)),
    ).join("");
  }
  const parts: string[] = [];
  const n = 1 + Math.floor(rand() * 8);
  for (let i = 0; i < n; i++) {
    const kind = rand();
    if (kind < 0.35) parts.push(pick(WORDS));
    else if (kind < 0.65) parts.push(`${pick(FIELDS)}:${pick(VALUES)}`);
    else if (kind < 0.8) parts.push(pick(HOSTILE));
    else if (kind < 0.9)
      parts.push(`NEAR(${pick(WORDS)} ${pick(WORDS)}, ${pick(["5", "0", "x", "99999", ""])})`);
    else parts.push(`"${pick(WORDS)} ${pick(HOSTILE)}"`);
    parts.push(pick(JOINERS));
  }
  return parts.join("");
}

const SORTS = ["relevance", "created", "-created", "released", "-released"] as const;

let db: Db;
beforeAll(() => {
  db = fixtureArchive();
});
afterAll(() => db.close());

describe("search never throws anything but QuerySyntaxError", () => {
  it("runs 10,000 generated queries (valid, malformed, hostile)", () => {
    const rand = mulberry32(20260101);
    let ok = 0;
    let refused = 0;
    for (let i = 0; i < 10_000; i++) {
      const q = generate(rand);
      try {
        // Every sort order, and rankAll 0 on a third of the queries so that the subject-tier
        // FTS5 expression (`subject : (...)`) is built from hostile text too.
        const sort = SORTS[i % SORTS.length]!;
        const r = search(db, q, {
          limit: 5,
          facets: i % 10 === 0,
          sort,
          rankAll: i % 3 === 0 ? 0 : undefined,
        });
        expect(r.total).toBeGreaterThanOrEqual(r.hits.length);
        ok++;
      } catch (err) {
        if (!(err instanceof QuerySyntaxError)) {
          throw new Error(`query #${i} ${JSON.stringify(q)} threw ${String(err)}`);
        }
        if (!(err.position >= 0 && err.position <= q.length)) {
          throw new Error(`query #${i} ${JSON.stringify(q)}: position ${err.position} outside`);
        }
        refused++;
      }
    }
    // Both paths must be exercised for the test to mean anything.
    expect(ok).toBeGreaterThan(1500);
    expect(refused).toBeGreaterThan(1000);
    expect(db.prepare("SELECT count(*) AS n FROM cables").get()).toEqual({ n: 10 });
    expect(db.prepare("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
  });
});
