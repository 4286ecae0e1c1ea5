/**
 * The bulk load into PostgreSQL (src/store/postgres/bulk-load.ts) on a real throwaway cluster: an
 * ingest into an empty archive drops the secondary indexes and foreign keys and ends with exactly
 * the schema a fresh migration makes; an ingest into a non-empty archive keeps every index; a load
 * cut between its drop and its rebuild leaves an archive that answers searches, says what is
 * missing, and the next ingest builds it; a second ingest meanwhile leaves the rebuild to the live
 * owner.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMirrorCables, writeSyntheticCsv } from "../../scripts/bench/synthetic-csv.js";
import { openPostgresArchive } from "../../src/archive/archive.js";
import { IngestError } from "../../src/ingest/index.js";
import { ingestPostgres } from "../../src/ingest/postgres.js";
import {
  finishBulkLoad,
  startBulkLoad,
  unbuiltAfterBulkLoad,
} from "../../src/store/postgres/bulk-load.js";
import { openPostgres, type PgArchive } from "../../src/store/postgres/connect.js";
import { claimRun } from "../../src/store/postgres/ingest-runs.js";
import { type PgCluster, postgresAvailable, startCluster } from "../support/pg-cluster.js";

const SAMPLE_TEXT = new URL("../../data/sample/text/", import.meta.url).pathname;
const MIRROR = new URL("../../data/sample/mirror/", import.meta.url).pathname;
const ROWS = 30;
const BIN = new URL("../../bin/cablegram", import.meta.url).pathname;
const run = postgresAvailable("the PostgreSQL bulk-load tests");

/** Every index and constraint of the public schema, as PostgreSQL would make them again. */
async function schema(pg: PgArchive): Promise<string[]> {
  const indexes = await pg.sql<{ d: string }[]>`
    SELECT pg_get_indexdef(i.indexrelid) AS d FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
     WHERE c.relnamespace = 'public'::regnamespace`;
  const keys = await pg.sql<{ d: string }[]>`
    SELECT t.relname || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) AS d
      FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
     WHERE t.relnamespace = 'public'::regnamespace`;
  return [...indexes, ...keys].map((r) => r.d).sort();
}

async function count(pg: PgArchive, table: string): Promise<number> {
  const [r] = await pg.sql.unsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`);
  return r!.n;
}

describe.skipIf(!run)("bulk loads into PostgreSQL", () => {
  let cluster: PgCluster;
  let dir: string;
  let first: string;
  let second: string[];
  let fresh: string[];

  beforeAll(async () => {
    cluster = await startCluster();
    dir = mkdtempSync(join(tmpdir(), "cg-pg-bulk-"));
    first = join(dir, "first.csv");
    const sources = loadMirrorCables([MIRROR]);
    writeSyntheticCsv(first, sources, ROWS, 7);
    // The same rows with one word of one text changed (a new version), and six other cables.
    const edited = join(dir, "edited.csv");
    writeFileSync(edited, readFileSync(first, "utf8").replace(/\bthe\b/, "THE EDITED"));
    second = [edited, SAMPLE_TEXT];
    const pg = await openPostgres(await cluster.createDatabase("reference"));
    try {
      fresh = await schema(pg);
    } finally {
      await pg.close();
    }
  });

  afterAll(() => {
    cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("loads an empty archive without its indexes and ends with the schema of a fresh one", async () => {
    const pg = await openPostgres(await cluster.createDatabase("whole"));
    try {
      const runA = await claimRun(pg.sql, new Date().toISOString(), []);
      const bulk = await startBulkLoad(pg.sql, runA.id);
      expect(bulk.owned).toBe(true);
      // The GIN text indexes and the child tables' foreign keys are among what goes.
      const missing = await unbuiltAfterBulkLoad(pg.sql);
      expect(missing).toEqual(expect.arrayContaining(["cables_tsv", "paragraphs_cable_id_fkey"]));
      expect(missing.length).toBe(bulk.dropped);
      // In parts, as the ingest makes them: every table's but those of `mentions` (built
      // beside the entity resolution), the record kept for the rest; then only those of
      // `mentions` (the ingest starts them once its resolution has written them, beside the
      // first part); the record goes with a last call that finds everything built.
      const before = await finishBulkLoad(pg.sql, runA.id, { leave: ["mentions"] });
      const built = await schema(pg);
      const left = fresh.filter((d) => !built.includes(d));
      expect(left.length).toBeGreaterThan(0);
      for (const d of left) expect(d).toMatch(/^mentions | ON public\.mentions /);
      expect(before + left.length).toBe(bulk.dropped);
      // Listed as unbuilt: what is not built, though the record keeps every row till the end.
      expect(await unbuiltAfterBulkLoad(pg.sql)).toHaveLength(left.length);
      expect(await finishBulkLoad(pg.sql, runA.id, { only: ["mentions"], recount: false })).toBe(
        left.length,
      );
      expect(await unbuiltAfterBulkLoad(pg.sql)).toEqual([]);
      expect(await count(pg, "bulk_load_dropped")).toBe(bulk.dropped);
      expect(await finishBulkLoad(pg.sql, runA.id, { recount: false })).toBe(0);
      expect(await count(pg, "bulk_load_dropped")).toBe(0);
      await runA.release();
      expect(await schema(pg)).toEqual(fresh);

      // The real ingest, first into the empty archive, then new cables and a new version.
      const report = await ingestPostgres(pg, [first], { workers: 0, batchSize: 6 });
      expect(report).toMatchObject({ new: ROWS, rejected: 0, status: "finished" });
      expect(await schema(pg)).toEqual(fresh);
      expect(await unbuiltAfterBulkLoad(pg.sql)).toEqual([]);
      const again = await ingestPostgres(pg, second, { workers: 0, batchSize: 4 });
      const texts = readdirSync(SAMPLE_TEXT).length;
      expect(again).toMatchObject({ new: texts, newVersions: 1, unchanged: ROWS - 1, rejected: 0 });
      expect(await schema(pg)).toEqual(fresh);
      // The replaced version's child rows went with it (no foreign key needed for that).
      const [orphans] = await pg.sql<{ n: number }[]>`
        SELECT count(*)::int AS n FROM paragraphs p WHERE NOT EXISTS
          (SELECT 1 FROM cables c WHERE c.id = p.cable_id)`;
      expect(orphans!.n).toBe(0);
      // The vocabulary, counted batch by batch in the second ingest (a version replaced, new
      // cables), is what a recount from the text index gives.
      const [drift] = await pg.sql<{ n: number }[]>`
        SELECT count(*)::int AS n FROM (
          (SELECT term, docs FROM terms
           EXCEPT SELECT word, ndoc FROM ts_stat('SELECT tsv FROM cables')
                   WHERE length(word) >= 4 AND word !~ '[0-9]')
          UNION ALL
          (SELECT word, ndoc FROM ts_stat('SELECT tsv FROM cables')
            WHERE length(word) >= 4 AND word !~ '[0-9]'
           EXCEPT SELECT term, docs FROM terms)) d`;
      expect(drift!.n).toBe(0);
      expect(await count(pg, "terms")).toBeGreaterThan(100);
      expect(await count(pg, "cables")).toBe(ROWS + texts);
      expect(await count(pg, "versions")).toBe(ROWS + texts + 1);
    } finally {
      await pg.close();
    }
  });

  it("keeps every index when the archive already holds cables", async () => {
    const pg = await openPostgres(await cluster.createDatabase("incremental"));
    try {
      await ingestPostgres(pg, [first], { workers: 0 });
      const r = await claimRun(pg.sql, new Date().toISOString(), []);
      expect(await startBulkLoad(pg.sql, r.id)).toEqual({ owned: false, dropped: 0 });
      await r.release();
      expect(await schema(pg)).toEqual(fresh);
    } finally {
      await pg.close();
    }
  });

  it("leaves a searchable archive when cut before its rebuild, and the next ingest builds it", async () => {
    const url = await cluster.createDatabase("cut");
    const pg = await openPostgres(url);
    try {
      // Stopped (as Ctrl-C stops it) once its first batches are in: indexes dropped, not rebuilt.
      const stop = new AbortController();
      const cut = await ingestPostgres(pg, [first], {
        workers: 0,
        batchSize: 5,
        signal: stop.signal,
        onProgress: (p) => {
          if (p.new >= 5) stop.abort();
        },
      }).catch((e: unknown) => e);
      expect(cut).toBeInstanceOf(IngestError);
      expect((cut as IngestError).message).toMatch(/indexes .* not built yet/);
      const written = await count(pg, "cables");
      expect(written).toBeGreaterThanOrEqual(5);
      expect(written).toBeLessThan(ROWS);
      expect(await unbuiltAfterBulkLoad(pg.sql)).toContain("cables_tsv");
      // `cablegram stats` says so, and what to do.
      const stats = spawnSync(process.execPath, [BIN, "stats", "--db", url], { encoding: "utf8" });
      expect(stats.status, stats.stderr).toBe(0);
      expect(stats.stdout, stats.stdout).toMatch(
        /indexes +\d+ set aside by a bulk load, not built yet \(cables_\w+, .*\): .*next ingest/,
      );
      // Readers meanwhile: the same answers, by scans instead of indexes.
      const archive = await openPostgresArchive(url, { readonly: true });
      try {
        const hits = await archive.search("embassy", { facets: true });
        const [plain] = await pg.sql<{ n: number }[]>`
          SELECT count(*)::int AS n FROM cables WHERE tsv @@ 'embassy'::tsquery`;
        expect(hits.total).toBeGreaterThan(0);
        expect(hits.total).toBe(plain!.n);
      } finally {
        await archive.close();
      }
      const rerun = await ingestPostgres(pg, [first], { workers: 0 });
      expect(rerun).toMatchObject({ new: ROWS - written, unchanged: written, rejected: 0 });
      expect(await unbuiltAfterBulkLoad(pg.sql)).toEqual([]);
      const after = await openPostgresArchive(url, { readonly: true });
      try {
        expect((await after.stats()).unbuiltIndexes).toEqual([]);
      } finally {
        await after.close();
      }
      expect(await schema(pg)).toEqual(fresh);
    } finally {
      await pg.close();
    }
  });

  it("keeps the record when a rebuild fails partway, and the next one finishes it", async () => {
    const pg = await openPostgres(await cluster.createDatabase("halfbuilt"));
    try {
      await ingestPostgres(pg, [first], { workers: 0 });
      // A load's record again, as a run left it; a paragraph whose cable is gone makes one foreign
      // key fail while the other lane builds indexes and counts the vocabulary.
      await pg.sql`DELETE FROM terms`;
      const owner = await claimRun(pg.sql, new Date().toISOString(), []);
      await pg.sql.begin(async (tx) => {
        for (const r of await tx<{ name: string; def: string }[]>`
            SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def FROM pg_index x
              JOIN pg_class i ON i.oid = x.indexrelid
             WHERE i.relname IN ('cables_tsv', 'cables_created', 'paragraphs_marking')`) {
          await tx`INSERT INTO bulk_load_dropped (kind, name, tbl, def, run_id)
                   VALUES ('index', ${r.name}, 'x', ${r.def}, ${owner.id})`;
          await tx.unsafe(`DROP INDEX ${r.name}`);
        }
        await tx`INSERT INTO bulk_load_dropped (kind, name, tbl, def, run_id)
                 SELECT 'constraint', conname, 'paragraphs', pg_get_constraintdef(oid), ${owner.id}
                   FROM pg_constraint WHERE conname = 'paragraphs_cable_id_fkey'`;
        await tx`ALTER TABLE paragraphs DROP CONSTRAINT paragraphs_cable_id_fkey`;
      });
      await pg.sql`INSERT INTO paragraphs (cable_id, seq, number, text) VALUES (-1, 0, 1, 'orphan')`;
      await expect(finishBulkLoad(pg.sql, owner.id)).rejects.toThrow(/foreign key/);
      // The failed key is left; the indexes the other lane built meanwhile are not listed.
      expect(await pg.sql`SELECT name FROM bulk_load_dropped`).toHaveLength(4);
      expect(await unbuiltAfterBulkLoad(pg.sql)).toEqual(["paragraphs_cable_id_fkey"]);
      await pg.sql`DELETE FROM paragraphs WHERE cable_id = -1`;
      // What the failed rebuild made stays; the next one makes only the rest.
      expect(await finishBulkLoad(pg.sql, owner.id)).toBe(1);
      await owner.release();
      expect(await unbuiltAfterBulkLoad(pg.sql)).toEqual([]);
      expect(await schema(pg)).toEqual(fresh);
      expect(await count(pg, "terms")).toBeGreaterThan(100);
    } finally {
      await pg.close();
    }
  });

  it("leaves the rebuild to a live load's owner", async () => {
    const pg = await openPostgres(await cluster.createDatabase("two"));
    try {
      const owner = await claimRun(pg.sql, new Date().toISOString(), []);
      const bulk = await startBulkLoad(pg.sql, owner.id);
      expect(bulk.owned).toBe(true);
      const other = await claimRun(pg.sql, new Date().toISOString(), []);
      expect(await startBulkLoad(pg.sql, other.id)).toEqual({
        owned: false,
        dropped: bulk.dropped,
      });
      // The other run's end builds nothing: the record is not its own.
      expect(await finishBulkLoad(pg.sql, other.id)).toBe(0);
      await other.release();
      expect(await finishBulkLoad(pg.sql, owner.id)).toBe(bulk.dropped);
      await owner.release();
      expect(await schema(pg)).toEqual(fresh);
    } finally {
      await pg.close();
    }
  });
});
