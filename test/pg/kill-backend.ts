/** The kill-and-resume test's view of an archive on PostgreSQL (test/store/kill-backends.ts). */
import { expect } from "vitest";
import { ingestPostgres } from "../../src/ingest/postgres.js";
import { openPostgres } from "../../src/store/postgres/connect.js";
import { archiveStats as pgStats } from "../../src/store/postgres/read.js";
import { type KillBackend, reportLine, type Summary, TABLES } from "../store/kill-backends.js";
import { type PgCluster, startCluster } from "../support/pg-cluster.js";

let cluster: PgCluster | null = null;

/** Asks a PostgreSQL archive without migrating it: the test looks at what the kill left. */
async function withPg<T>(
  url: string,
  f: (pg: Awaited<ReturnType<typeof openPostgres>>) => Promise<T>,
) {
  const pg = await openPostgres(url, { readonly: true, max: 1 });
  try {
    return await f(pg);
  } finally {
    await pg.close();
  }
}

async function pgHasTable(url: string, table: string): Promise<boolean> {
  return withPg(url, async (pg) => {
    const [r] = await pg.sql<{ t: string | null }[]>`SELECT to_regclass(${table})::text AS t`;
    return r?.t != null;
  });
}

export const postgresBackend: KillBackend = {
  name: "PostgreSQL",
  rounds: 10,
  async setUp() {
    cluster = await startCluster();
  },
  async tearDown() {
    cluster?.stop();
  },
  fresh: (name) => cluster!.createDatabase(name.replace(/\W/g, "_")),
  // The database exists before the ingest (created by its owner); the schema is the ingest's.
  exists: () => true,
  migrated: (url) => pgHasTable(url, "ingest_runs"),
  counts: (url) =>
    withPg(url, async (pg) => {
      const out: Record<string, number> = {};
      for (const t of TABLES) {
        const [r] = await pg.sql.unsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${t}`);
        out[t] = r!.n;
      }
      return out;
    }),
  /**
   * What the writer promises: a batch whole or not at all. Every cable's current version is one
   * of its versions, no text is stored twice for an id, and a cable's child rows are those of its
   * JSON (the paragraph count).
   */
  async check(url, complete = true) {
    if (!(await pgHasTable(url, "cables"))) {
      expect(complete).toBe(false);
      return;
    }
    await withPg(url, async (pg) => {
      const [bad] = await pg.sql<{ orphans: number; twice: number; paras: number }[]>`
        SELECT
          (SELECT count(*)::int FROM cables c WHERE NOT EXISTS
             (SELECT 1 FROM versions v WHERE v.id = c.version_id AND v.reference_id = c.reference_id)) AS orphans,
          (SELECT count(*)::int FROM (SELECT 1 FROM versions GROUP BY reference_id, content_hash HAVING count(*) > 1) d) AS twice,
          (SELECT count(*)::int FROM cables c WHERE json_array_length(c.cable_json::json -> 'paragraphs')
             <> (SELECT count(*) FROM paragraphs p WHERE p.cable_id = c.id)) AS paras`;
      expect(bad).toEqual({ orphans: 0, twice: 0, paras: 0 });
      if (!complete) return;
      // A finished ingest built whatever a bulk load had set aside (src/store/postgres/bulk-load.ts),
      // also when the kill cut the load between its drop and its rebuild.
      const [built] = await pg.sql<{ unbuilt: number; gin: number; keys: number }[]>`
        SELECT (SELECT count(*)::int FROM bulk_load_dropped) AS unbuilt,
               (SELECT count(*)::int FROM pg_indexes
                 WHERE indexname IN ('cables_tsv', 'cables_people_tsv')) AS gin,
               (SELECT count(*)::int FROM pg_constraint WHERE contype = 'f'
                 AND conrelid = 'paragraphs'::regclass) AS keys`;
      expect(built).toEqual({ unbuilt: 0, gin: 2, keys: 1 });
    });
  },
  async runs(url) {
    if (!(await pgHasTable(url, "ingest_runs")))
      return { statuses: [], interrupted: 0, report: "" };
    return withPg(url, async (pg) => {
      const rows = await pg.sql<{ status: string; report_json: string | null }[]>`
        SELECT status, report_json FROM ingest_runs ORDER BY id`;
      return {
        statuses: rows.map((r) => r.status),
        interrupted: (await pgStats(pg.sql)).unfinishedRuns.interrupted,
        report: reportLine(rows.at(-1)?.report_json),
      };
    });
  },
  /**
   * A session ends when the server next reads from its socket and finds it closed; one busy in a
   * statement (an index build) notices when the statement ends. Until then its locks are held.
   */
  afterKill: (url) =>
    withPg(url, async (pg) => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const [r] = await pg.sql<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid()`;
        if (r!.n === 0) return;
        if (Date.now() > deadline) throw new Error(`${r!.n} sessions of the killed ingest remain`);
        await new Promise((done) => setTimeout(done, 50));
      }
    }),
  async claimed(url) {
    try {
      if (!(await pgHasTable(url, "ingest_runs"))) return false;
      return withPg(url, async (pg) => {
        const [r] = await pg.sql<{ n: number }[]>`
          SELECT count(*)::int AS n FROM ingest_runs WHERE status = 'running'`;
        return r!.n > 0;
      });
    } catch {
      return false;
    }
  },
  async ingestAgain(url, csv, batch) {
    const pg = await openPostgres(url);
    try {
      return (await ingestPostgres(pg, [csv], {
        workers: 0,
        batchSize: batch,
      })) as unknown as Summary;
    } finally {
      await pg.close();
    }
  },
};
