/**
 * Same input, same analytics: the bundled sample (979 cables) ingested into a SQLite archive and
 * into a PostgreSQL archive, then every analytics view (timeline by day, month and year with
 * reported dates, query / TAG / origin bursts, spikes, secrecy, addressees, coverage, drill-downs,
 * threads), the reference graph around cited cables and the GEXF of citations asked of both
 * through the archive interface. Answers must be equal: every table (matrix sums, counts, burst
 * lists) and every analysis, cable ids and all.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGNALS } from "../../src/analytics/secrecy.js";
import {
  type Archive,
  openPostgresArchive,
  postgresArchive,
  sqliteArchive,
} from "../../src/archive/archive.js";
import { ingest } from "../../src/ingest/index.js";
import { ingestPostgres } from "../../src/ingest/postgres.js";
import { parseQuery } from "../../src/search/index.js";
import {
  addresseesData,
  burstsData,
  coverageData,
  drillData,
  secrecyData,
  spikesData,
  threadData,
  timelineData,
} from "../../src/server/data/analytics.js";
import {
  analyticsParams,
  burstsParams,
  drillParams,
  spikesParams,
  timelineParams,
} from "../../src/server/data/analytics-params.js";
import { graphData } from "../../src/server/data/graph.js";
import { openArchive } from "../../src/store/db.js";
import { openPostgres } from "../../src/store/postgres/connect.js";
import { type PgCluster, postgresAvailable, startCluster } from "../support/pg-cluster.js";

const SAMPLE = new URL("../../data/sample/", import.meta.url).pathname;
const run = postgresAvailable("the SQLite/PostgreSQL analytics equivalence test");

const QUERIES = ["", "libya", "tag:PGOV", "classification:SECRET", "iran OR nuclear", "zzyzx"];

/** The answers of two archives, as JSON. */
async function both<T>(
  archives: Archive[],
  ask: (a: Archive) => Promise<T>,
): Promise<{ sqlite: string; postgres: string }> {
  const [s, p] = await Promise.all(archives.map(async (a) => JSON.stringify(await ask(a))));
  return { sqlite: s!, postgres: p! };
}

describe.skipIf(!run)("SQLite and PostgreSQL give the same analytics", () => {
  let cluster: PgCluster;
  let dir: string;
  let archives: Archive[];

  beforeAll(async () => {
    cluster = await startCluster();
    dir = mkdtempSync(join(tmpdir(), "cg-analytics-"));
    const db = openArchive(join(dir, "sample.db"));
    const url = await cluster.createDatabase("analytics");
    const pg = await openPostgres(url);
    await Promise.all([
      ingest(db, [SAMPLE], { workers: 1 }),
      ingestPostgres(pg, [SAMPLE], { workers: 1 }),
    ]);
    // The server's way in: a reader that does not migrate.
    archives = [
      sqliteArchive(db, "sample.db"),
      postgresArchive(pg),
      await openPostgresArchive(url, { readonly: true }),
    ];
  }, 600_000);

  afterAll(async () => {
    for (const a of archives ?? []) await a.close();
    cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const same = async <T>(what: string, ask: (a: Archive) => Promise<T>) => {
    const [sqlite, ...pgs] = await Promise.all(
      archives.map(async (a) => JSON.stringify(await ask(a))),
    );
    for (const p of pgs) expect(p, what).toBe(sqlite);
    return JSON.parse(sqlite!) as T;
  };

  it.each(QUERIES)("every view of %j", { timeout: 120_000 }, async (q) => {
    const src = (a: Archive) => a.analytics;
    for (const by of ["day", "month", "year"]) {
      const p = timelineParams.parse({ q, by, reported: "1", vs: ["tripoli"] });
      await same(`timeline ${by}`, (a) => timelineData(src(a), p));
    }
    for (const kind of ["query", "tag", "origin"]) {
      await same(`bursts ${kind}`, (a) => burstsData(src(a), burstsParams.parse({ q, kind })));
    }
    await same("spikes", (a) => spikesData(src(a), spikesParams.parse({ q })));
    const secrecy = await same("secrecy", (a) => secrecyData(src(a), analyticsParams.parse({ q })));
    const addressees = await same("addressees", (a) =>
      addresseesData(src(a), analyticsParams.parse({ q })),
    );
    const coverage = await same("coverage", (a) =>
      coverageData(src(a), analyticsParams.parse({ q })),
    );
    expect(coverage.total).toBe(secrecy.total);
    if (q === "") expect(secrecy.total).toBe(979);
    for (const signal of SIGNALS) {
      await same(`drill ${signal}`, (a) => drillData(src(a), drillParams.parse({ q, signal })));
    }
    const flow = addressees.analysis.flow;
    if (flow.rows.length > 0) {
      const cell = { q, matrix: "flow", row: flow.rows[0], col: flow.cols[0] };
      await same("drill flow", (a) => drillData(src(a), drillParams.parse(cell)));
    }
    const reported = { q, reported_from: "2009-01-01", reported_to: "2009-12-31" };
    await same("drill reported", (a) => drillData(src(a), drillParams.parse(reported)));
  });

  it("threads, graphs and the GEXF of citations", { timeout: 300_000 }, async () => {
    const [sqlite] = archives;
    const cited = await sqlite!.analytics.match(parseQuery("tag:PGOV"));
    const listed = await sqlite!.analytics.firstCables(cited, 15);
    expect(listed.length).toBe(15);
    for (const c of listed) {
      await same(`thread ${c.referenceId}`, (a) => threadData(a.analytics, c.referenceId));
      await same(`graph ${c.referenceId}`, (a) => graphData(a, c.referenceId, { hops: 2 }));
    }
    const gexf = await both(archives.slice(0, 2), async (a) => {
      let text = "";
      for await (const chunk of a.exportChunks("libya", "gexf", {})) text += chunk;
      return text;
    });
    expect(gexf.postgres).toBe(gexf.sqlite);
    expect(gexf.sqlite).toContain("<edge ");
  });
});
