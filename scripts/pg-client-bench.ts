/**
 * Which PostgreSQL client the archive uses: `pg` + `pg-copy-streams` against `postgres`
 * (porsager), on the bulk load the ingest does — COPY of cable texts in batches of 1,000, one
 * transaction per batch — and on the small parameterised queries search runs.
 *
 *   npx tsx scripts/pg-client-bench.ts [--db postgres://…] [--dir FOLDER] [--runs N]
 *
 * Without --db it starts a throwaway cluster (test/support/pg-cluster.ts). The texts are the
 * files of --dir (default: the research corpus, /work/shared/corpus/cables, else data/sample/text).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import postgres from "postgres";
import { copyText } from "../src/store/postgres/copy.js";
import { startCluster } from "../test/support/pg-cluster.js";

const { values } = parseArgs({
  options: { db: { type: "string" }, dir: { type: "string" }, runs: { type: "string" } },
});
const dir =
  values.dir ??
  (existsSync("/work/shared/corpus/cables") ? "/work/shared/corpus/cables" : "data/sample/text");
const runs = Number(values.runs ?? 5);

function files(d: string): string[] {
  return readdirSync(d).flatMap((f) => {
    const p = join(d, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}
const texts = files(dir).map((f) => [f, readFileSync(f, "utf8")] as const);
const bytes = texts.reduce((n, [, t]) => n + Buffer.byteLength(t), 0);
const batches: string[] = [];
for (let i = 0; i < texts.length; i += 1000) {
  batches.push(
    texts
      .slice(i, i + 1000)
      .map(([name, body], j) => copyText([i + j + 1, name, body]))
      .join(""),
  );
}

const cluster = values.db ? null : await startCluster();
const url = values.db ?? (await cluster!.createDatabase("clientbench"));
const DDL = "CREATE TABLE IF NOT EXISTS bench_copy (id int PRIMARY KEY, name text, body text)";
const COPY = "COPY bench_copy (id, name, body) FROM STDIN";

async function withPg(): Promise<{ load: number; queries: number; close: () => Promise<void> }> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  await pool.query(DDL);
  await pool.query("TRUNCATE bench_copy");
  const t0 = performance.now();
  for (const chunk of batches) {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const stream = client.query(copyFrom(COPY));
      await pipeline(
        (async function* () {
          yield chunk;
        })(),
        stream,
      );
      await client.query("COMMIT");
    } finally {
      client.release();
    }
  }
  const load = performance.now() - t0;
  const t1 = performance.now();
  for (let i = 1; i <= 2000; i++) {
    await pool.query("SELECT id, name FROM bench_copy WHERE id = $1", [i]);
  }
  return { load, queries: performance.now() - t1, close: () => pool.end() };
}

async function withPostgres(): Promise<{
  load: number;
  queries: number;
  close: () => Promise<void>;
}> {
  const sql = postgres(url, { max: 4, onnotice: () => {} });
  await sql.unsafe(DDL);
  await sql.unsafe("TRUNCATE bench_copy");
  const t0 = performance.now();
  for (const chunk of batches) {
    await sql.begin(async (tx) => {
      const stream: Writable = await tx.unsafe(COPY).writable();
      await pipeline(
        (async function* () {
          yield chunk;
        })(),
        stream,
      );
    });
  }
  const load = performance.now() - t0;
  const t1 = performance.now();
  for (let i = 1; i <= 2000; i++) await sql`SELECT id, name FROM bench_copy WHERE id = ${i}`;
  return { load, queries: performance.now() - t1, close: () => sql.end() };
}

const results: Record<string, { load: number[]; queries: number[] }> = {
  "pg + pg-copy-streams": { load: [], queries: [] },
  "postgres (porsager)": { load: [], queries: [] },
};
for (let r = 0; r < runs; r++) {
  // Alternate which goes first, so neither always meets a warm or a cold cache.
  const order = r % 2 === 0 ? [withPg, withPostgres] : [withPostgres, withPg];
  for (const fn of order) {
    const name = fn === withPg ? "pg + pg-copy-streams" : "postgres (porsager)";
    const res = await fn();
    await res.close();
    results[name]!.load.push(res.load);
    results[name]!.queries.push(res.queries);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const min = (xs: number[]) => Math.min(...xs);
console.log(
  `${texts.length} texts, ${(bytes / 1e6).toFixed(1)} MB, ${batches.length} COPY batches; ${runs} runs each`,
);
for (const [name, r] of Object.entries(results)) {
  console.log(
    `${name.padEnd(22)} COPY load: median ${median(r.load).toFixed(0)} ms, min ${min(r.load).toFixed(0)} ms` +
      ` (${(bytes / 1e6 / (median(r.load) / 1000)).toFixed(1)} MB/s)` +
      `; 2,000 id lookups: median ${median(r.queries).toFixed(0)} ms`,
  );
}
cluster?.stop();
