/**
 * The query shapes of the PostgreSQL search that the equivalence test cannot tell apart on the
 * sample (979 cables): NEAR of two phrases as tsquery distances selects exactly the cables
 * cg_near selects; relevance ranks the page as a full ts_rank ordering of every match would; and
 * past `rankAll` matches the subject tier comes first, then every other match newest first, with
 * paging that neither loses nor repeats a hit; the subject tier's rank read from `tsv` is the rank of
 * the subject's own vector; the date keys are extract()'s numbers. Checked against SQL written
 * here, on a real cluster.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPostgres } from "../../src/ingest/postgres.js";
import { nearQuery } from "../../src/search/postgres/near.js";
import { searchPostgres } from "../../src/search/postgres/search.js";
import { dateKey, SUBJECT_WEIGHTS } from "../../src/search/postgres/statement.js";
import type { SearchResult } from "../../src/search/types.js";
import { openPostgres, type PgArchive } from "../../src/store/postgres/connect.js";
import { type PgCluster, postgresAvailable, startCluster } from "../support/pg-cluster.js";
import { lexemes } from "../support/pg-lexemes.js";

const SAMPLE = new URL("../../data/sample/", import.meta.url).pathname;
const run = postgresAvailable("the PostgreSQL search shape tests");
const WEIGHTS = "{0, 0, 0.1, 1.0}";

describe.skipIf(!run)("PostgreSQL search shapes", () => {
  let cluster: PgCluster;
  let pg: PgArchive;

  beforeAll(async () => {
    cluster = await startCluster();
    pg = await openPostgres(await cluster.createDatabase("shapes"));
    await ingestPostgres(pg, [SAMPLE], { workers: 1 });
  }, 600_000);

  afterAll(async () => {
    await pg?.close();
    cluster?.stop();
  });

  it("NEAR of two phrases as tsquery distances matches what cg_near matches", {
    timeout: 600_000,
  }, async () => {
    // Frequent words of the sample in pairs (not the most frequent: cg_near is slow on many
    // candidates), plus phrases and a prefix: pairs close together in some cables, far in others.
    const top = (
      await pg.sql<{ word: string }[]>`
        SELECT word FROM ts_stat('SELECT tsv FROM cables')
         WHERE length(word) >= 5 AND word !~ '[0-9]' ORDER BY ndoc DESC, word OFFSET 20 LIMIT 6`
    ).map((r) => r.word);
    const texts: [string, string][] = [];
    for (let i = 0; i + 1 < top.length; i += 2) texts.push([top[i]!, top[i + 1]!]);
    texts.push(["human rights", "government"], ["prime minister", "visit"], ["minist*", "embassy"]);
    let cases = 0;
    let matched = 0;
    for (const [x, y] of texts) {
      const phrases = await Promise.all(
        [x, y].map(async (t) => ({ lexemes: await lexemes(pg, t), prefix: t.endsWith("*") })),
      );
      const encoded = phrases.map((p) => p.lexemes.join(" ") + (p.prefix ? "*" : ""));
      // Only cables holding both phrases can match either way: cg_near is slow on the rest.
      const both = phrases
        .map(
          (p) =>
            `(${p.lexemes.map((l, i) => `'${l}'${p.prefix && i === p.lexemes.length - 1 ? ":*" : ""}`).join(" <-> ")})`,
        )
        .join(" & ");
      for (const distance of [0, 3, 10]) {
        for (const w of ["A", "B"]) {
          const q = nearQuery(phrases, distance, w);
          expect(q, `${x} / ${y}`).not.toBeNull();
          const rows = await pg.sql<{ tsq: boolean; fn: boolean }[]>`
            SELECT c.tsv @@ ${q}::tsquery AS tsq, cg_near(c.tsv, ${encoded}::text[], ${distance}, ${w}) AS fn
              FROM cables c WHERE c.tsv @@ ${both}::tsquery`;
          cases++;
          const differ = rows.filter((r) => r.tsq !== r.fn).length;
          expect(differ, `NEAR(${x} ${y}, ${distance}) at ${w}`).toBe(0);
          matched += rows.filter((r) => r.fn).length;
        }
      }
    }
    expect(cases).toBeGreaterThanOrEqual(36);
    expect(matched).toBeGreaterThan(0);
  });

  it("leaves phrases that may overlap to cg_near", () => {
    const p = { lexemes: ["human", "rights"], prefix: false };
    expect(nearQuery([p, { lexemes: ["rights"], prefix: false }], 5, "B")).toBeNull();
    expect(nearQuery([p, { lexemes: ["hum"], prefix: true }], 5, "B")).toBeNull();
    expect(nearQuery([p, p, { lexemes: ["x"], prefix: false }], 5, "B")).toBeNull();
  });

  it("ranks the subject tier from tsv exactly as from the subject's own vector", async () => {
    // Frequent subject words of the sample, in every shape the rank tsquery takes (compile.ts):
    // a word, a prefix, OR of terms, AND of NEAR's phrases, a phrase asked at each weight.
    const words = (
      await pg.sql<{ word: string }[]>`
        SELECT word FROM ts_stat('SELECT cg_text_tsv(subject, NULL) FROM cables')
         WHERE length(word) >= 4 AND word !~ '[0-9]' ORDER BY ndoc DESC, word LIMIT 6`
    ).map((r) => r.word);
    expect(words.length).toBe(6);
    const [a, b, c, d, e, f] = words.map((w) => `'${w}'`);
    const queries = [
      a!,
      `${b}:*`,
      `${a} | ${c}`,
      `(${a}) & (${d})`,
      `(${e}:A <-> ${f}:A) | (${e}:B <-> ${f}:B)`,
      `${b}:A | ${c}`,
      `(${a} <-> ${b}) | ${e}:*`,
    ];
    let scored = 0;
    for (const q of queries) {
      // ...and so is the rank of the ingest's own copy of the subject vector (migration 008).
      const rows = await pg.sql<{ subject: number; tsv: number; stored: number | null }[]>`
        SELECT ts_rank(${WEIGHTS}, cg_text_tsv(c.subject, NULL), ${q}::tsquery) AS subject,
               ts_rank(${SUBJECT_WEIGHTS.slice(1, -1)}, c.tsv, ${q}::tsquery) AS tsv,
               ts_rank(${SUBJECT_WEIGHTS.slice(1, -1)}, s.tsv, ${q}::tsquery) AS stored
          FROM cables c LEFT JOIN cable_subjects s ON s.id = c.id AND s.version_id = c.version_id
         WHERE cg_text_tsv(c.subject, NULL) @@ ${q}::tsquery`;
      scored += rows.length;
      expect(
        rows.filter((r) => r.subject !== r.tsv || r.stored !== r.tsv),
        q,
      ).toEqual([]);
    }
    expect(scored).toBeGreaterThan(50);
  });

  it("keys a date as extract() does, whole seconds or not", async () => {
    const dates = [
      "2008-03-01T10:20:30Z",
      "1966-05-31T18:06:00Z",
      "1970-01-01T00:00:00Z",
      "2009-12-31",
      "2010-02-28T23:59:59.5Z",
      "1969-12-31T23:59:59.123456Z",
      "2011-07-04T12:00:00.001+02:00",
      null,
    ];
    for (const sign of [1, -1]) {
      const rows = await pg.sql.unsafe<{ d: string | null; key: number; old: number }[]>(
        `SELECT x.d, ${dateKey("x.t", sign)} AS key,
                (CASE WHEN x.t IS NULL THEN 8.64e15::float8
                 ELSE ${sign} * (extract(epoch FROM x.t) * 1000)::float8 END) AS old
           FROM (SELECT d, d::timestamptz AS t FROM unnest($1::text[]) AS u(d)) x`,
        [dates],
      );
      expect(rows.length).toBe(dates.length);
      for (const r of rows) expect(r.key, `${r.d} × ${sign}`).toBe(r.old);
    }
  });

  async function allPages(q: string, opts: { rankAll?: number; limit: number }) {
    const pages: SearchResult[] = [];
    let cursor: string | null = null;
    do {
      const page: SearchResult = await searchPostgres(pg.sql, q, { ...opts, cursor });
      pages.push(page);
      cursor = page.next;
    } while (cursor && pages.length < 200);
    return pages;
  }

  it("ranks the first page as ordering every match by ts_rank does", async () => {
    const expected = (
      await pg.sql<{ reference_id: string }[]>`
        SELECT reference_id FROM cables WHERE tsv @@ 'government'::tsquery
         ORDER BY ts_rank(${WEIGHTS}, tsv, 'government'::tsquery) DESC, id LIMIT 25`
    ).map((r) => r.reference_id);
    expect(expected.length).toBe(25);
    const r = await searchPostgres(pg.sql, "government", { limit: 25 });
    expect(r.total).toBeGreaterThan(100);
    expect(r.hits.map((h) => h.referenceId)).toEqual(expected);
  });

  it("past rankAll puts the subject tier first, then the rest newest first, paging whole", async () => {
    const limit = 7;
    const pages = await allPages("government", { rankAll: 5, limit });
    const ids = pages.flatMap((p) => p.hits.map((h) => h.referenceId));
    const tier = (
      await pg.sql<{ reference_id: string }[]>`
        SELECT reference_id FROM cables
         WHERE tsv @@ 'government'::tsquery AND cg_text_tsv(subject, NULL) @@ 'government'::tsquery
         ORDER BY ts_rank(${WEIGHTS}, cg_text_tsv(subject, NULL), 'government'::tsquery) DESC, id`
    ).map((r) => r.reference_id);
    const rest = (
      await pg.sql<{ reference_id: string }[]>`
        SELECT reference_id FROM cables
         WHERE tsv @@ 'government'::tsquery AND NOT cg_text_tsv(subject, NULL) @@ 'government'::tsquery
         ORDER BY coalesce(created, created_est) IS NULL,
                  (extract(epoch FROM coalesce(created, created_est)::timestamptz)) DESC, id`
    ).map((r) => r.reference_id);
    expect(tier.length).toBeGreaterThan(0);
    expect(rest.length).toBeGreaterThan(limit);
    expect(ids).toEqual([...tier, ...rest]);
    expect(pages[0]!.total).toBe(ids.length);
    expect(new Set(ids).size).toBe(ids.length);
    // The way back: each page after the first knows where it starts and the page before it.
    expect(pages[1]!.offset).toBe(limit);
    expect(pages[1]!.prev).toBeNull();
    expect(pages[2]!.offset).toBe(2 * limit);
    const back = await searchPostgres(pg.sql, "government", {
      rankAll: 5,
      limit,
      cursor: pages[2]!.prev!,
    });
    expect(back.hits.map((h) => h.referenceId)).toEqual(pages[1]!.hits.map((h) => h.referenceId));
  });
});
