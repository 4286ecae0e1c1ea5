/**
 * Same input, same answers: the bundled sample (979 cables) ingested into a SQLite archive and into
 * a PostgreSQL archive, then every generated query (test/pg/queries.ts: every documented form,
 * fields, facets, all sorts, paging to the last page) asked of both. Totals, hit ids, facet counts,
 * histograms, exact ids and id suggestions must be equal; under the date sorts the order too
 * (relevance ranks differently by design: docs/query-language.md). Queries PostgreSQL refuses
 * (entity fields: a PostgreSQL ingest does not resolve entities, docs/server-mode.md) are counted
 * and must be refused, never answered wrongly; `word~` is compared like any other form.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../src/ingest/index.js";
import { ingestPostgres } from "../../src/ingest/postgres.js";
import { search } from "../../src/search/index.js";
import { searchPostgres } from "../../src/search/postgres/search.js";
import type { SearchResult, SortOrder } from "../../src/search/types.js";
import { SORT_ORDERS } from "../../src/search/types.js";
import { type Db, openArchive } from "../../src/store/db.js";
import { openPostgres, type PgArchive } from "../../src/store/postgres/connect.js";
import { type PgCluster, postgresAvailable, startCluster } from "../support/pg-cluster.js";
import { type GeneratedQuery, generateQueries } from "./queries.js";

const SAMPLE = new URL("../../data/sample/", import.meta.url).pathname;
const run = postgresAvailable("the SQLite/PostgreSQL equivalence test");

interface Answer {
  total: number;
  ids: string[];
  first: SearchResult;
  pages: number;
}

async function collect(
  ask: (cursor: string | null) => Promise<SearchResult> | SearchResult,
): Promise<Answer | { error: string }> {
  let first: SearchResult;
  try {
    first = await ask(null);
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
  const ids = first.hits.map((h) => h.referenceId);
  let next = first.next;
  let pages = 1;
  while (next && pages < 400) {
    const page = await ask(next);
    ids.push(...page.hits.map((h) => h.referenceId));
    next = page.next;
    pages++;
  }
  return { total: first.total, ids, first, pages };
}

/** The facets both back ends compute, the entity facets among them (each ingest resolves). */
function coreFacets(r: SearchResult) {
  const f = r.facets;
  return (
    f && {
      tag: f.tag,
      origin: f.origin,
      classification: f.classification,
      caveat: f.caveat,
      person: f.person,
      org: f.org,
      place: f.place,
    }
  );
}

describe.skipIf(!run)("SQLite and PostgreSQL give the same answers", () => {
  let cluster: PgCluster;
  let pg: PgArchive;
  let db: Db;
  let dir: string;
  let queries: GeneratedQuery[];

  beforeAll(async () => {
    cluster = await startCluster();
    dir = mkdtempSync(join(tmpdir(), "cg-equiv-"));
    db = openArchive(join(dir, "sample.db"));
    pg = await openPostgres(await cluster.createDatabase("equivalence"));
    await Promise.all([
      ingest(db, [SAMPLE], { workers: 1 }),
      ingestPostgres(pg, [SAMPLE], { workers: 1 }),
    ]);
    queries = generateQueries(db);
  }, 600_000);

  afterAll(async () => {
    await pg?.close();
    db?.close();
    cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("answers at least 200 generated queries alike", { timeout: 900_000 }, async () => {
    expect(queries.length).toBeGreaterThanOrEqual(200);
    const differences: string[] = [];
    const refused: string[] = [];
    let compared = 0;
    let withPersons = 0;
    for (const [i, { q, form }] of queries.entries()) {
      const sort: SortOrder = SORT_ORDERS[i % SORT_ORDERS.length]!;
      const limit = [10, 40, 100][i % 3]!;
      const opts = { sort, limit, facets: true };
      const a = await collect((cursor) => search(db, q, { ...opts, facets: !cursor, cursor }));
      const b = await collect((cursor) =>
        searchPostgres(pg.sql, q, { ...opts, facets: !cursor, cursor }),
      );
      const label = `${form} | ${q} | ${sort}`;
      if ("error" in b) {
        if ("error" in a) continue; // both refuse the query: same answer
        if (/not available on archives on PostgreSQL/.test(b.error)) {
          refused.push(label);
          continue;
        }
        differences.push(`${label}: PostgreSQL failed: ${b.error}`);
        continue;
      }
      if ("error" in a) {
        differences.push(`${label}: only SQLite refused: ${a.error}`);
        continue;
      }
      compared++;
      if (a.first.facets?.person?.length) withPersons++;
      const why: string[] = [];
      if (a.total !== b.total) why.push(`total ${a.total} vs ${b.total}`);
      const sa = [...a.ids].sort();
      const sb = [...b.ids].sort();
      if (sa.join() !== sb.join()) {
        const onlyA = sa.filter((x) => !sb.includes(x)).slice(0, 5);
        const onlyB = sb.filter((x) => !sa.includes(x)).slice(0, 5);
        why.push(
          `hit ids differ: only SQLite ${onlyA.join(" ")}; only PostgreSQL ${onlyB.join(" ")}`,
        );
      } else if (sort !== "relevance" && a.ids.join() !== b.ids.join()) {
        why.push("order differs");
      }
      if (a.ids.length !== a.total || b.ids.length !== b.total) why.push("paging lost hits");
      if (JSON.stringify(coreFacets(a.first)) !== JSON.stringify(coreFacets(b.first))) {
        why.push(
          `facets differ: ${JSON.stringify(coreFacets(a.first))} vs ${JSON.stringify(coreFacets(b.first))}`,
        );
      }
      if (JSON.stringify(a.first.histogram) !== JSON.stringify(b.first.histogram))
        why.push("histogram differs");
      if (a.first.exactId !== b.first.exactId)
        why.push(`exactId ${a.first.exactId} vs ${b.first.exactId}`);
      if (JSON.stringify(a.first.suggestions) !== JSON.stringify(b.first.suggestions)) {
        why.push("suggestions differ");
      }
      if (why.length) differences.push(`${label}: ${why.join("; ")}`);
    }
    const summary = `${queries.length} queries: ${compared} compared, ${refused.length} refused by PostgreSQL, ${differences.length} differing`;
    process.stdout.write(`${summary}\n${differences.map((d) => `  ${d}`).join("\n")}\n`);
    process.stdout.write(`refused on PostgreSQL:\n${refused.map((d) => `  ${d}`).join("\n")}\n`);
    expect(differences, summary).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(200);
    // Not vacuous: most answers carry person facets, compared like the others.
    process.stdout.write(`answers with person facets: ${withPersons}\n`);
    expect(withPersons).toBeGreaterThan(compared / 2);
  });

  it("answers alike with facets and keys counted in Node or in SQL, cursors crossing over", {
    timeout: 900_000,
  }, async () => {
    const differences: string[] = [];
    let crossed = 0;
    for (const [i, { q, form }] of queries.entries()) {
      const sort: SortOrder = SORT_ORDERS[(i + 1) % SORT_ORDERS.length]!;
      const limit = [10, 40, 100][(i + 2) % 3]!;
      const ask = (columns: boolean, cursor: string | null) =>
        searchPostgres(pg.sql, q, { sort, limit, facets: true, cursor, columns, rankAll: 50 });
      const a = await collect((cursor) => ask(true, cursor));
      const b = await collect((cursor) => ask(false, cursor));
      const label = `${form} | ${q} | ${sort}`;
      if ("error" in a || "error" in b) {
        if (!("error" in a && "error" in b && a.error === b.error))
          differences.push(`${label}: refused by one path only`);
        continue;
      }
      if (JSON.stringify(a.first) !== JSON.stringify(b.first))
        differences.push(`${label}: first page`);
      if (a.ids.join() !== b.ids.join()) differences.push(`${label}: order`);
      // A cursor from one path opens the same page, with the same way back, on the other.
      if (a.first.next) {
        const [x, y] = await Promise.all([ask(true, a.first.next), ask(false, a.first.next)]);
        const second = x.next ? await Promise.all([ask(true, x.next), ask(false, x.next)]) : [x, y];
        if (JSON.stringify([x, second[0]]) !== JSON.stringify([y, second[1]]))
          differences.push(`${label}: a cursor opens different pages`);
        crossed++;
      }
    }
    expect(differences).toEqual([]);
    expect(crossed).toBeGreaterThanOrEqual(50);
  });
});
