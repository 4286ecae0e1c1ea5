/**
 * cable_facets (migration 006, src/store/postgres/cable-facets.ts) on a real throwaway cluster:
 * after a bulk load, an incremental ingest whose cables fill references that were missing, and a
 * new version that drops a reference, every row equals what the tables say now, and has:missing,
 * has:citedby and the tag and caveat facets answer as the joins they replace would.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMirrorCables, writeSyntheticCsv } from "../../scripts/bench/synthetic-csv.js";
import { ingestPostgres } from "../../src/ingest/postgres.js";
import { parseQuery } from "../../src/search/parser.js";
import { matchIdsPostgres, searchPostgres } from "../../src/search/postgres/search.js";
import { openPostgres, type PgArchive } from "../../src/store/postgres/connect.js";
import { type PgCluster, postgresAvailable, startCluster } from "../support/pg-cluster.js";

const MIRROR = new URL("../../data/sample/mirror/", import.meta.url).pathname;
const ROWS = 60;
const run = postgresAvailable("the PostgreSQL cable_facets tests");

/** Rows of cable_facets that differ from a recomputation from the tables, both ways. */
async function drift(pg: PgArchive): Promise<number> {
  const [r] = await pg.sql<{ n: number }[]>`
    WITH now AS (SELECT * FROM cg_cable_facet_rows(ARRAY(SELECT id FROM cables)))
    SELECT count(*)::int AS n FROM (
      (SELECT * FROM cable_facets EXCEPT SELECT * FROM now)
      UNION ALL (SELECT * FROM now EXCEPT SELECT * FROM cable_facets)) d`;
  return r!.n;
}

/** The ids the joins that cable_facets replaces give for has:missing and has:citedby. */
async function joined(pg: PgArchive): Promise<{ missing: number[]; citedby: number[] }> {
  const missing = await pg.sql<{ id: number }[]>`
    SELECT DISTINCT r.cable_id::int AS id FROM refs r WHERE r.target_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM cables x WHERE x.reference_id = r.target_id) ORDER BY 1`;
  const citedby = await pg.sql<{ id: number }[]>`
    SELECT c.id::int AS id FROM cables c
     WHERE c.reference_id IN (SELECT target_id FROM refs WHERE target_id IS NOT NULL) ORDER BY 1`;
  return { missing: missing.map((r) => r.id), citedby: citedby.map((r) => r.id) };
}

async function searched(pg: PgArchive): Promise<{ missing: number[]; citedby: number[] }> {
  const ids = async (q: string) => [...(await matchIdsPostgres(pg.sql, parseQuery(q)))];
  return { missing: await ids("has:missing"), citedby: await ids("has:citedby") };
}

/** Tag and caveat facets as the join of every match with its rows counted them. */
async function joinedFacets(pg: PgArchive, tagged: string) {
  const top = (table: string, col: string) =>
    pg.sql.unsafe<{ value: string; count: number }[]>(
      `SELECT x.${col} AS value, count(*)::int AS count FROM ${table} x
        WHERE x.cable_id IN (SELECT cable_id FROM tags WHERE tag = $1)
        GROUP BY x.${col} ORDER BY count(*) DESC, x.${col} COLLATE "C" LIMIT 10`,
      [tagged],
    );
  return { tag: [...(await top("tags", "tag"))], caveat: [...(await top("caveats", "caveat"))] };
}

describe.skipIf(!run)("cable_facets on PostgreSQL", () => {
  let cluster: PgCluster;
  let dir: string;
  let pg: PgArchive;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    cluster = await startCluster();
    dir = mkdtempSync(join(tmpdir(), "cg-pg-facets-"));
    const all = join(dir, "all.csv");
    writeSyntheticCsv(all, loadMirrorCables([MIRROR]), ROWS, 11);
    // One row a record (each starts with its quoted row number); REF blocks cite earlier rows.
    const rows = readFileSync(all, "utf8").split(/\n(?="\d+",")/);
    expect(rows).toHaveLength(ROWS);
    const half = ROWS / 2;
    files.later = join(dir, "later.csv");
    files.earlier = join(dir, "earlier.csv");
    writeFileSync(files.later, `${rows.slice(half).join("\n").trimEnd()}\n`);
    writeFileSync(files.earlier, `${rows.slice(0, half).join("\n")}\n`);
    pg = await openPostgres(await cluster.createDatabase("facets"));
  });

  afterAll(async () => {
    await pg?.close();
    cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("follows references as the cables they name arrive, and as a new version drops one", async () => {
    // The later half first, into an empty archive (a bulk load): what it cites is not there yet.
    await ingestPostgres(pg, [files.later!], { workers: 0, batchSize: 7 });
    expect(await drift(pg)).toBe(0);
    const before = await joined(pg);
    expect(await searched(pg)).toEqual(before);
    expect(before.missing.length).toBeGreaterThan(0);

    // The earlier half, incrementally: cables of the later half stop missing what it brings.
    await ingestPostgres(pg, [files.earlier!], { workers: 0, batchSize: 7 });
    expect(await drift(pg)).toBe(0);
    const after = await joined(pg);
    expect(await searched(pg)).toEqual(after);
    const filled = before.missing.filter((id) => !after.missing.includes(id));
    expect(filled.length).toBeGreaterThan(0);
    expect(after.citedby.length).toBeGreaterThan(before.citedby.length);

    // A new version of a citing cable without its REF block: what only it cited is cited no more.
    const [citing] = await pg.sql<{ id: number; reference_id: string }[]>`
      SELECT c.id::int AS id, c.reference_id FROM cables c
       WHERE EXISTS (SELECT 1 FROM refs r JOIN cables t ON t.reference_id = r.target_id
                      WHERE r.cable_id = c.id
                        AND NOT EXISTS (SELECT 1 FROM refs o WHERE o.target_id = r.target_id
                                          AND o.cable_id <> c.id))
       ORDER BY c.id LIMIT 1`;
    expect(citing).toBeDefined();
    const source = readFileSync(files.later!, "utf8") + readFileSync(files.earlier!, "utf8");
    const row = source.split(/\n(?="\d+",")/).find((r) => r.includes(`"${citing!.reference_id}"`))!;
    const edited = join(dir, "edited.csv");
    writeFileSync(edited, `${row.replace(/^REFS?:[^\n]*/m, "").trimEnd()}\n`);
    const report = await ingestPostgres(pg, [edited], { workers: 0 });
    expect(report.newVersions).toBe(1);
    expect(await drift(pg)).toBe(0);
    const edit = await joined(pg);
    expect(await searched(pg)).toEqual(edit);
    expect(edit.citedby.length).toBeLessThan(after.citedby.length);

    // Facets read from the rows agree with the joins of tags and caveats.
    const [top] = await pg.sql<{ tag: string }[]>`
      SELECT tag FROM tags GROUP BY tag ORDER BY count(*) DESC, tag COLLATE "C" LIMIT 1`;
    const result = await searchPostgres(pg.sql, `tag:${top!.tag}`, { facets: true });
    expect({ tag: result.facets!.tag, caveat: result.facets!.caveat }).toEqual(
      await joinedFacets(pg, top!.tag),
    );
  });
});
