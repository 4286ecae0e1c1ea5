/**
 * The PostgreSQL half of `npm run bench -- --backend postgres`: the throwaway cluster and its
 * bulk-load settings, the bare baseline (the same text COPYed into one table with one GIN tsvector
 * index), where the archive's ingest spent its server time (pg_stat_statements), and the search
 * timings through the archive interface the server and the CLI use.
 */
import type { Writable } from "node:stream";
import postgres from "postgres";
import type { Archive } from "../../src/archive/archive.js";
import { readSource } from "../../src/formats/index.js";
import { copyText } from "../../src/store/postgres/copy.js";
import {
  type ClusterOptions,
  type PgCluster,
  startCluster,
} from "../../test/support/pg-cluster.js";

/**
 * docs/server-mode.md "Tuning" for a dedicated server, scaled to a benchmark that shares its
 * machine (shared_buffers and maintenance_work_mem fixed rather than a share of the RAM), plus
 * what a bulk load wants: a larger WAL between checkpoints (4 GB: at 251,287 cables the benchmark
 * must fit beside its SQLite archives on a shared disk), asynchronous commit (a crash loses at
 * most the last batches, which a rerun of the ingest writes again) and a large GIN pending list.
 * Durable otherwise: fsync and full page writes stay on.
 */
export const BULK_LOAD_SETTINGS: Record<string, string | number> = {
  fsync: "on",
  full_page_writes: "on",
  synchronous_commit: "off",
  shared_buffers: "2GB",
  effective_cache_size: "12GB",
  work_mem: "64MB",
  maintenance_work_mem: "1GB",
  max_wal_size: "4GB",
  checkpoint_timeout: "30min",
  wal_compression: "on",
  gin_pending_list_limit: "16MB",
  random_page_cost: 1.1,
  // Where the ingest's server time goes, per statement (COPY per table, lookups, ANALYZE).
  shared_preload_libraries: "pg_stat_statements",
  "pg_stat_statements.track_utility": "on",
};

export function settingsLine(): string {
  return Object.entries(BULK_LOAD_SETTINGS)
    .filter(([k]) => !k.startsWith("shared_preload") && !k.startsWith("pg_stat"))
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
}

export async function benchCluster(opts: ClusterOptions = {}): Promise<PgCluster> {
  const cluster = await startCluster({ ...opts, settings: BULK_LOAD_SETTINGS });
  const sql = postgres(cluster.url("postgres"), { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
  } finally {
    await sql.end();
  }
  return cluster;
}

const time = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
};

/**
 * The bare baseline: the CSV through the same reader, subject and text COPYed (one stream) into
 * one table whose stored tsvector is PostgreSQL's own `to_tsvector('simple', …)` of them (no accent
 * folding, no fields), then one GIN index built over it once the rows are in.
 */
export async function pgBaselineIngest(csv: string, url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`CREATE TABLE bare (
      id int PRIMARY KEY, subject text, body text,
      tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(subject, '') || ' ' || body)) STORED)`);
    const started = performance.now();
    const copySeconds = await time(async () => {
      const stream: Writable = await sql
        .unsafe("COPY bare (id, subject, body) FROM STDIN")
        .writable();
      let chunk = "";
      let id = 0;
      const write = (s: string) =>
        stream.write(s) ? Promise.resolve() : new Promise((r) => stream.once("drain", r));
      for await (const item of readSource(csv)) {
        if (item.kind !== "record") continue;
        chunk += copyText([++id, item.metadata.subject ?? "", `${item.header ?? ""}${item.body}`]);
        if (chunk.length > 1 << 20) {
          await write(chunk);
          chunk = "";
        }
      }
      await new Promise<void>((resolve, reject) => {
        stream.once("error", reject);
        stream.end(chunk, resolve);
      });
    });
    const indexSeconds = await time(() =>
      sql.unsafe("CREATE INDEX bare_tsv ON bare USING gin (tsv)"),
    );
    await sql.unsafe("ANALYZE bare");
    return { seconds: (performance.now() - started) / 1000, copySeconds, indexSeconds };
  } finally {
    await sql.end();
  }
}

/** The same text queries on the bare table: total count plus the first page by rank. */
export async function timePgBaseline(url: string, queries: readonly string[], rounds: number) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const run = async (q: string) => {
      await sql`SELECT count(*) FROM bare WHERE tsv @@ websearch_to_tsquery('simple', ${q})`;
      await sql`SELECT id FROM bare WHERE tsv @@ websearch_to_tsquery('simple', ${q})
                 ORDER BY ts_rank(tsv, websearch_to_tsquery('simple', ${q})) DESC LIMIT 20`;
    };
    for (const q of queries) await run(q);
    const out: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const q of queries) out.push((await time(() => run(q))) * 1000);
    }
    return out;
  } finally {
    await sql.end();
  }
}

export async function databaseBytes(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [r] = await sql<{ n: string }[]>`SELECT pg_database_size(current_database())::text AS n`;
    return Number(r!.n);
  } finally {
    await sql.end();
  }
}

export interface StatementTime {
  /** What the statement did, from its text: `COPY cables`, `SELECT (version lookups)`, … */
  step: string;
  calls: number;
  seconds: number;
  rows: number;
}

/** The largest relations of the archive, tables with their indexes and TOAST. */
export async function relationSizes(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return (
      await sql<{ name: string; table: string; indexes: string }[]>`
        SELECT c.relname AS name, pg_table_size(c.oid)::text AS table,
               pg_indexes_size(c.oid)::text AS indexes
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind = 'r'
         ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 6`
    ).map((r) => ({ name: r.name, tableBytes: Number(r.table), indexBytes: Number(r.indexes) }));
  } finally {
    await sql.end();
  }
}

function stepOf(query: string): string {
  const q = query.replace(/\s+/g, " ").trim();
  const copy = /^COPY (\w+)/i.exec(q);
  if (copy) return `COPY ${copy[1]}`;
  if (/^ANALYZE/i.test(q)) return "ANALYZE";
  if (/^(BEGIN|COMMIT|ROLLBACK|SET|SHOW|select pg_advisory|SELECT pg_advisory)/i.test(q))
    return "transactions and locks";
  const verb = /^(?:WITH .*?\) )?(\w+)(?: INTO (\w+)| (?:ONLY )?(\w+))?/i.exec(q);
  const kind = verb?.[1]?.toUpperCase() ?? "?";
  if (kind === "INSERT" || kind === "UPDATE" || kind === "DELETE")
    return `${kind} ${verb?.[2] ?? verb?.[3] ?? ""}`.trim();
  if (/created_est/i.test(q)) return "date estimates";
  if (kind === "SELECT") return `SELECT (${/ FROM (\w+)/i.exec(q)?.[1] ?? "other"})`;
  return q.slice(0, 28);
}

/** Server time of every statement run in one database since the counters were reset, by step. */
export async function statementTimes(cluster: PgCluster, database: string) {
  const sql = postgres(cluster.url("postgres"), { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ query: string; calls: string; ms: number; rows: string }[]>`
      SELECT s.query, s.calls::text AS calls, s.total_exec_time AS ms, s.rows::text AS rows
        FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
       WHERE d.datname = ${database}`;
    const by = new Map<string, StatementTime>();
    for (const r of rows) {
      const step = stepOf(r.query);
      const t = by.get(step) ?? { step, calls: 0, seconds: 0, rows: 0 };
      t.calls += Number(r.calls);
      t.seconds += r.ms / 1000;
      t.rows += Number(r.rows);
      by.set(step, t);
    }
    return [...by.values()].sort((a, b) => b.seconds - a.seconds);
  } finally {
    await sql.end();
  }
}

export async function resetStatementTimes(cluster: PgCluster) {
  const sql = postgres(cluster.url("postgres"), { max: 1, onnotice: () => {} });
  try {
    await sql`SELECT pg_stat_statements_reset()`;
  } finally {
    await sql.end();
  }
}

const ms = async (fn: () => Promise<unknown>) => (await time(fn)) * 1000;

/** timeSearches, timeIdLookups and the rest of ./queries.ts, on the async archive interface. */
export async function timeArchive(
  archive: Archive,
  queries: readonly string[],
  ids: string[],
  rounds: number,
) {
  const coldFirstQueryMs = await ms(() => archive.search("embassy", { facets: true }));
  for (const q of queries) await archive.search(q, { facets: true });
  const search: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) search.push(await ms(() => archive.search(q, { facets: true })));
  }
  let cursor: string | null = null;
  let deepPageMs = 0;
  for (let page = 0; page < 10; page++) {
    deepPageMs = await ms(async () => {
      cursor = (await archive.search("embassy", { sort: "-created", cursor })).next;
    });
    if (!cursor) break;
  }
  for (const id of ids.slice(0, 5)) await archive.search(id, {});
  const idLookups: number[] = [];
  for (const id of ids) idLookups.push(await ms(() => archive.search(id, {})));
  const getCable: number[] = [];
  for (const id of ids) getCable.push(await ms(() => archive.getCable(id)));
  return { search, idLookups, getCable, deepPageMs, coldFirstQueryMs };
}
