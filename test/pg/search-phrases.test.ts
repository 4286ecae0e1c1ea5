/**
 * Phrases from the pair index (migration 007, src/search/postgres/compile.ts) select exactly the
 * cables the position check on `tsv` alone selects: checked for every phrase shape against that
 * check written here, on the sample plus cables made for the edge cases (the subject/body seam,
 * paragraph seams, repeated words, 3+ words, prefixes, accents, and cables whose tsvector loses
 * positions: a lexeme past 255 positions, a word too long to index, text past position 16,383),
 * alone, negated, OR-ed and under `body:`. Without the index (it is built by choice) and after
 * the migration on an archive that lacks it, the answers are the same.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPostgres } from "../../src/ingest/postgres.js";
import { parseQuery } from "../../src/search/parser.js";
import { pairKeys } from "../../src/search/postgres/compile.js";
import { phraseQuery } from "../../src/search/postgres/near.js";
import { matchIdsPostgres } from "../../src/search/postgres/search.js";
import { openPostgres, type PgArchive } from "../../src/store/postgres/connect.js";
import { type PgCluster, postgresAvailable, startCluster } from "../support/pg-cluster.js";
import { lexemes } from "../support/pg-lexemes.js";

const SAMPLE = new URL("../../data/sample/", import.meta.url).pathname;
const run = postgresAvailable("the PostgreSQL phrase tests");

/** Cables for the edge cases: [subject, body]. */
const MADE: [string, string][] = [
  ["Talks on nuclear", "program begins. Then the END SUMMARY. End of text."],
  ["Very very", "very very very good; good very."],
  ["Paragraphs", "1. (C) The first paragraph ends here.\n\n2. (S) Second paragraph follows."],
  ["Three", "alpha beta gamma delta. beta delta."],
  ["Split", "alpha beta x beta gamma; gamma alpha."],
  [
    "Réunion à Genève",
    "Le Ministère des Affaires étrangères. Foreign Ministry and foreign minister.",
  ],
  ["Many", `${"end ".repeat(300)}summary. Human rights.`],
  ["Many early", `end summary ${"end ".repeat(300)} final`],
  ["Long word", `alpha ${"x".repeat(2100)} beta. alpha beta gamma.`],
  ["Long text", `${Array.from({ length: 17000 }, (_, i) => `w${i}`).join(" ")} end summary`],
  ["", "seam test"],
  ["Seam test", "test seam"],
];

const PHRASES = [
  '"end summary"',
  '"nuclear program"',
  '"very very"',
  '"very very very"',
  '"very very good"',
  '"good very"',
  '"ends here 2"',
  '"here 2 s second"',
  '"alpha beta gamma"',
  '"beta gamma"',
  '"alpha beta"',
  '"alpha beta gam"*',
  '"foreign min"*',
  '"ministère des affaires"',
  '"ministere des"',
  '"affaires etrangeres"',
  '"reunion a geneve"',
  '"human rights"',
  '"prime minister"',
  '"end summary final"',
  '"seam test"',
  '"test seam"',
  '"test test"',
];

describe.skipIf(!run)("PostgreSQL phrases from the pair index", () => {
  let cluster: PgCluster;
  let url: string;
  let pg: PgArchive;

  beforeAll(async () => {
    cluster = await startCluster();
    url = await cluster.createDatabase("phrases");
    pg = await openPostgres(url);
    await ingestPostgres(pg, [SAMPLE], { workers: 1 });
    for (const [i, [subject, body]] of MADE.entries()) {
      await pg.sql`INSERT INTO cables (id, reference_id, subject, body, cable_json, version_id)
        VALUES (${900_000 + i}, ${`MADE-${i}`}, ${subject || null}, ${body}, '{}', 0)`;
    }
    await buildIndex();
  }, 600_000);

  afterAll(async () => {
    await pg?.close();
    cluster?.stop();
  });

  /** The index as docs/server-mode.md builds it. */
  async function buildIndex(): Promise<void> {
    await pg.sql`CREATE INDEX CONCURRENTLY cables_phrase_pairs ON cables
      USING gin (cg_phrase_pairs(subject, body, tsv))`;
    await pg.sql`ALTER INDEX cables_phrase_pairs ALTER COLUMN 1 SET STATISTICS 0`;
  }

  /** The cables the position check on `tsv` alone finds for a phrase, at the weights given. */
  async function byTsv(phrase: string, weights: string[]): Promise<number[]> {
    const prefix = phrase.endsWith('"*');
    const text = phrase.replace(/^"|"\*?$/g, "");
    const lex = await lexemes(pg, text);
    const q = weights.map((w) => `(${phraseQuery(lex, prefix, w)})`).join(" | ");
    const rows = await pg.sql<{ id: number }[]>`
      SELECT id::int AS id FROM cables WHERE tsv @@ ${q}::tsquery ORDER BY id`;
    return rows.map((r) => r.id);
  }

  async function ids(q: string): Promise<number[]> {
    return [...(await matchIdsPostgres(pg.sql, parseQuery(q)))];
  }

  async function allIds(): Promise<number[]> {
    return (await pg.sql<{ id: number }[]>`SELECT id::int AS id FROM cables ORDER BY id`).map(
      (r) => r.id,
    );
  }

  it("marks the cables whose tsvector lost positions, by the word where it lost only some", async () => {
    const marked = async (key: string) =>
      (
        await pg.sql<{ ref: string }[]>`
          SELECT reference_id AS ref FROM cables
           WHERE cg_phrase_pairs(subject, body, tsv) @@ ${key}::tsquery ORDER BY id`
      ).map((r) => r.ref);
    expect(await marked("'!'")).toEqual(["MADE-8", "MADE-9"]);
    expect(await marked("'!end'")).toEqual(["MADE-6", "MADE-7"]);
    expect(await marked("'!summary'")).toEqual([]);
  });

  it("finds each phrase, negated and OR-ed, as the position check on tsv does", {
    timeout: 300_000,
  }, async () => {
    const everything = await allIds();
    let found = 0;
    for (const p of PHRASES) {
      const expected = await byTsv(p, ["A", "B"]);
      expect(await ids(p), p).toEqual(expected);
      const body = await byTsv(p, ["B"]);
      expect(await ids(`body:${p}`), `body:${p}`).toEqual(body);
      const rest = everything.filter((id) => !expected.includes(id));
      expect(await ids(`-${p}`), `-${p}`).toEqual(rest);
      found += expected.filter((id) => id >= 900_000).length;
    }
    const either = [
      ...new Set([
        ...(await byTsv('"end summary"', ["A", "B"])),
        ...(await byTsv('"very very"', ["A", "B"])),
      ]),
    ].sort((a, b) => a - b);
    expect(await ids('"end summary" OR "very very"')).toEqual(either);
    // The made cables are found, not only left out alike.
    expect(found).toBeGreaterThanOrEqual(15);
  });

  it("asks the pair index for whole words only", () => {
    expect(pairKeys(["a", "b", "c"], false)).toEqual(["a b", "b c"]);
    expect(pairKeys(["a", "b", "c"], true)).toEqual(["a b"]);
    expect(pairKeys(["a", "b"], true)).toEqual([]);
    expect(pairKeys(["very", "very", "very"], false)).toEqual(["very very"]);
  });

  it("answers the same without the index, and after migration 007 on an archive without it", {
    timeout: 300_000,
  }, async () => {
    const before = await Promise.all(PHRASES.map((p) => ids(p)));
    await pg.sql`DROP INDEX cables_phrase_pairs`;
    expect(await Promise.all(PHRASES.map((p) => ids(p)))).toEqual(before);
    await pg.sql`DROP FUNCTION cg_phrase_pairs(text, text, tsvector)`;
    // An archive from before migration 007 has none of the later ones that replace its function.
    await pg.sql`DELETE FROM schema_migrations
                  WHERE name IN ('007-phrase-pairs.sql', '009-phrase-pairs-long-words.sql')`;
    await pg.close();
    pg = await openPostgres(url);
    await buildIndex();
    expect(await Promise.all(PHRASES.map((p) => ids(p)))).toEqual(before);
  });
});
