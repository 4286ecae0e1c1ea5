/**
 * The distinct searches of `npm run load -- --targets distinct`: as many as asked, no two alike,
 * every query form present, and every one a query the server answers (200, never a 4xx that would
 * measure the error path instead of a search); on PostgreSQL, the same URLs as from SQLite when
 * both are built from the same cables.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { distinctSearchPaths, distinctSearchPathsPostgres } from "../../scripts/load-queries.js";
import { createApp } from "../../src/server/app.js";
import { type Db, openArchive } from "../../src/store/db.js";
import { type PgCluster, postgresAvailable, startCluster } from "../support/pg-cluster.js";
import { buildFixtureArchive } from "./fixture-server.js";

let dir: string;
let db: Db;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cablegram-load-queries-"));
  const path = join(dir, "archive.db");
  await buildFixtureArchive(path);
  db = openArchive(path, { readonly: true });
}, 120_000);

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("distinct search URLs", () => {
  it("are all different, of every form, and the same on every run", () => {
    const paths = distinctSearchPaths(db, 3000);
    expect(paths).toHaveLength(3000);
    expect(new Set(paths).size).toBe(3000);
    const queries = paths.map((p) => new URLSearchParams(p.slice(p.indexOf("?") + 1)));
    const q = queries.map((u) => u.get("q") ?? "");
    for (const form of [
      /^subject:/,
      /^body:/,
      / OR /,
      / -\w/,
      /\*$/,
      /^NEAR\(/,
      / tag:/,
      / year:/,
    ]) {
      expect(
        q.some((x) => form.test(x)),
        String(form),
      ).toBe(true);
    }
    for (const facet of ["tag", "origin", "classification", "from", "sort"]) {
      expect(
        queries.some((u) => u.has(facet)),
        facet,
      ).toBe(true);
    }
    expect(distinctSearchPaths(db, 3000)).toEqual(paths);
  });

  it("are answered as searches", async () => {
    const app = createApp({ db, cache: false });
    const paths = distinctSearchPaths(db, 300);
    for (const path of paths) {
      const res = await app.app.fetch(new Request(`http://localhost${path}`));
      expect(res.status, path).toBe(200);
    }
  }, 120_000);
});

describe.runIf(postgresAvailable("the distinct search URLs on PostgreSQL"))(
  "distinct search URLs on PostgreSQL",
  () => {
    let cluster: PgCluster;
    let sql: postgres.Sql;
    beforeAll(async () => {
      cluster = await startCluster();
      const url = await cluster.createDatabase("loadqueries");
      await buildFixtureArchive(url);
      sql = postgres(url, { max: 1, onnotice: () => {} });
    }, 180_000);
    afterAll(async () => {
      await sql?.end();
      cluster?.stop();
    });

    it("are the URLs drawn from a SQLite archive of the same cables", async () => {
      const paths = await distinctSearchPathsPostgres(sql, 3000);
      expect(paths).toHaveLength(3000);
      expect(paths).toEqual(distinctSearchPaths(db, 3000));
    });
  },
);
