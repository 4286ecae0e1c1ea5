/**
 * Entity pages of an archive on PostgreSQL (a script, not a test):
 *
 *   npx tsx scripts/bench-pg-entity-pages.ts --url postgres://… [--rounds 3] [--public] [--json]
 *
 * Reads, through the archive interface as the server does, the page of the 5 persons named in
 * most cables (the worst case: the most mentions and co-mentions) and of 20 persons named in two
 * cables or more (a fixed pseudo-random draw), `rounds` times each, and prints p50 / p95 / max,
 * with the time the first read of the entity arrays took (src/search/postgres/entity-columns.ts,
 * what a server reads once per archive state before it listens). `--public` reads them as
 * `serve --public` does. The archive is opened read-only. What the pages cost on SQLite:
 * `npm run bench:entity-pages`.
 */
import { parseArgs } from "node:util";
import { postgresArchive } from "../src/archive/archive.js";
import { openPostgres, redactUrl } from "../src/store/postgres/connect.js";
import { percentile } from "./bench/queries.js";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: process.env.CABLEGRAM_DB },
    rounds: { type: "string", default: "3" },
    public: { type: "boolean" },
    json: { type: "boolean" },
  },
});
if (!values.url) {
  process.stderr.write(
    "usage: npx tsx scripts/bench-pg-entity-pages.ts --url postgres://… [--rounds N] [--public] [--json]\n",
  );
  process.exit(2);
}
const pg = await openPostgres(values.url, { readonly: true, max: 2 });
try {
  const archive = postgresArchive(pg);
  if (values.public) archive.enterPublicMode();
  const top = await pg.sql<{ id: string }[]>`
    SELECT id FROM entities WHERE type = 'person' ORDER BY cables DESC, id LIMIT 5`;
  const some = await pg.sql<{ id: string }[]>`
    SELECT id FROM entities WHERE type = 'person' AND cables >= 2 ORDER BY md5(id) LIMIT 20`;
  const ids = [...top, ...some].map((r) => r.id);
  let t = performance.now();
  await archive.warmUp();
  const warmUpMs = performance.now() - t;
  const times: number[] = [];
  const largest: Record<string, number> = {};
  for (let round = 0; round < Math.max(1, Number(values.rounds)); round++) {
    for (const id of ids) {
      t = performance.now();
      await archive.entityDetail(id);
      const ms = performance.now() - t;
      times.push(ms);
      if (round === 0 && top.some((r) => r.id === id)) largest[id] = Math.round(ms * 10) / 10;
    }
  }
  const round1 = (x: number) => Math.round(x * 10) / 10;
  const result = {
    archive: redactUrl(values.url),
    mode: values.public ? "public" : "local",
    pages: times.length,
    warmUpMs: round1(warmUpMs),
    p50Ms: round1(percentile(times, 50)),
    p95Ms: round1(percentile(times, 95)),
    maxMs: round1(Math.max(...times)),
    largestFirstRoundMs: largest,
  };
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    process.stdout.write(
      `${result.archive} (${result.mode}): warm-up ${result.warmUpMs} ms; ${result.pages} entity pages: p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, max ${result.maxMs} ms\n`,
    );
    for (const [id, ms] of Object.entries(largest)) process.stdout.write(`  ${id}: ${ms} ms\n`);
  }
} finally {
  await pg.close();
}
