/**
 * The archive commands on PostgreSQL, run as a user runs them (bin/cablegram, a real throwaway
 * cluster): ingest is idempotent and versioned exactly like SQLite (the same input into both gives
 * the same figures, the same cables and the same export), a reader never sees half a batch, and
 * the password of the URL appears in no output, report or error.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPostgres } from "../../src/ingest/postgres.js";
import { parseQuery } from "../../src/search/parser.js";
import { searchParsedPostgres } from "../../src/search/postgres/search.js";
import { openPostgres } from "../../src/store/postgres/connect.js";
import { getVersions } from "../../src/store/postgres/read.js";
import { type PgCluster, postgresAvailable, startCluster } from "../support/pg-cluster.js";

const BIN = new URL("../../bin/cablegram", import.meta.url).pathname;
const SAMPLE_TEXT = new URL("../../data/sample/text/", import.meta.url).pathname;
const run = postgresAvailable("the PostgreSQL archive tests");

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, CABLEGRAM_DB: "", ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/**
 * The figures that must agree between back ends (not size, run times or the server; nor the
 * entity summaries and extractor version, which only SQLite archives keep, nor the resolution and
 * the indexes a bulk load set aside, which only PostgreSQL archives report).
 */
function figures(statsJson: string) {
  const {
    bytes: _b,
    lastIngest: _l,
    server: _s,
    entitySummaries: _e,
    extractor: _x,
    entityResolution: _r,
    unbuiltIndexes: _u,
    ...rest
  } = JSON.parse(statsJson);
  return rest;
}

describe.skipIf(!run)("archives on PostgreSQL", () => {
  let cluster: PgCluster;
  let url: string;
  let dir: string;
  let input: string;
  let sqlite: string;
  const names = readdirSync(SAMPLE_TEXT).sort().slice(0, 40);

  beforeAll(async () => {
    cluster = await startCluster();
    url = await cluster.createDatabase("archive");
    dir = mkdtempSync(join(tmpdir(), "cg-pg-archive-"));
    input = join(dir, "input");
    for (const n of names) cpSync(join(SAMPLE_TEXT, n), join(input, n));
    sqlite = join(dir, "archive.db");
  });

  afterAll(() => {
    cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("ingests, and a rerun changes nothing, on both back ends alike", () => {
    for (const db of [url, sqlite]) {
      const first = cli(["ingest", input, "--db", db, "--workers", "0", "--batch", "7"]);
      expect(first.err).toBe("");
      expect(JSON.parse(first.out)).toMatchObject({ new: names.length, unchanged: 0, rejected: 0 });
      const again = cli(["ingest", input, "--db", db, "--workers", "0"]);
      expect(JSON.parse(again.out)).toMatchObject({
        new: 0,
        newVersions: 0,
        unchanged: names.length,
      });
    }
    const pg = cli(["stats", "--json", "--db", url]);
    const lite = cli(["stats", "--json", "--db", sqlite]);
    expect(figures(pg.out)).toEqual(figures(lite.out));
    expect(figures(pg.out)).toMatchObject({ cables: names.length, versions: names.length });
  });

  it("stores an edited cable as a new version, as SQLite does", async () => {
    const file = join(input, names[3]!);
    const text = readFileSync(file, "utf8");
    // A word changed inside the body: the same cable, another text.
    writeFileSync(file, text.replace(/\b(the)\b/, "THE EDITED"));
    for (const db of [url, sqlite]) {
      const r = cli(["ingest", input, "--db", db, "--workers", "0"]);
      expect(JSON.parse(r.out)).toMatchObject({
        new: 0,
        newVersions: 1,
        unchanged: names.length - 1,
      });
    }
    expect(figures(cli(["stats", "--json", "--db", url]).out)).toEqual(
      figures(cli(["stats", "--json", "--db", sqlite]).out),
    );
    const id = names[3]!.replace(/\..*$/, "").split("__")[0]!;
    const pgShow = cli(["show", id, "--json", "--db", url]);
    const liteShow = cli(["show", id, "--json", "--db", sqlite]);
    expect(pgShow.code).toBe(0);
    expect(JSON.parse(pgShow.out)).toEqual(JSON.parse(liteShow.out));
    const pg = await openPostgres(url, { readonly: true });
    try {
      const versions = await getVersions(pg.sql, JSON.parse(pgShow.out).referenceId);
      expect(versions.map((v) => v.current)).toEqual([false, true]);
      expect(versions[0]!.cable.body).not.toEqual(versions[1]!.cable.body);
      // The subject vectors relevance ranks with (migration 008) follow the new version.
      const [stale] = await pg.sql<{ n: number }[]>`
        SELECT count(*)::int AS n FROM cables c
          LEFT JOIN cable_subjects s ON s.id = c.id AND s.version_id = c.version_id
         WHERE s.tsv IS DISTINCT FROM cg_text_tsv(c.subject, NULL)`;
      expect(stale!.n).toBe(0);
    } finally {
      await pg.close();
    }
  });

  it("exports the same JSONL and CSV from both back ends", () => {
    for (const format of ["jsonl", "csv"]) {
      const pg = cli(["export", "", "--format", format, "--db", url]);
      const lite = cli(["export", "", "--format", format, "--db", sqlite]);
      expect(pg.code).toBe(0);
      expect(pg.out.length).toBeGreaterThan(1000);
      expect(pg.out).toEqual(lite.out);
    }
  });

  it("searches and shows through CABLEGRAM_DB", () => {
    const pg = cli(["search", "the", "--json", "--facets"], { CABLEGRAM_DB: url });
    const lite = cli(["search", "the", "--json", "--facets"], { CABLEGRAM_DB: sqlite });
    expect(pg.code).toBe(0);
    const [a, b] = [JSON.parse(pg.out), JSON.parse(lite.out)];
    expect(a.total).toBe(b.total);
    expect(a.facets.tag).toEqual(b.facets.tag);
    const bad = cli(["search", "(iran OR iraq"], { CABLEGRAM_DB: url });
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/missing \) to close \(/);
  });

  it("lets readers see a batch whole or not at all", async () => {
    const fresh = await cluster.createDatabase("batches");
    const writer = await openPostgres(fresh);
    const reader = await openPostgres(fresh, { readonly: true });
    const seen = new Set<string>();
    let done = false;
    const watch = (async () => {
      while (!done) {
        const [r] = await reader.sql<{ c: number; p: number; v: number }[]>`
          SELECT (SELECT count(*)::int FROM cables) AS c, (SELECT count(*)::int FROM versions) AS v,
                 (SELECT count(DISTINCT cable_id)::int FROM paragraphs) AS p`;
        seen.add(`${r!.c}/${r!.v}`);
        expect(r!.c).toBe(r!.v);
        expect(r!.c % 5 === 0 || r!.c === names.length).toBe(true);
      }
    })();
    try {
      await ingestPostgres(writer, [input], { workers: 0, batchSize: 5 });
    } finally {
      done = true;
      await watch;
      await writer.close();
      await reader.close();
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it("finds by origin: an origin an ingest added after the server read the list", async () => {
    const fresh = await cluster.createDatabase("origins");
    const writer = await openPostgres(fresh);
    const reader = await openPostgres(fresh, { readonly: true });
    try {
      // The input without the cables of its rarest origin, then the whole input.
      await ingestPostgres(writer, [input], { workers: 0 });
      const [rare] = await writer.sql<{ origin: string; ids: string[] }[]>`
        SELECT origin, array_agg(reference_id) AS ids FROM cables WHERE origin IS NOT NULL
         GROUP BY origin ORDER BY count(*), origin LIMIT 1`;
      await writer.sql`TRUNCATE cables, versions CASCADE`;
      const half = join(dir, "without-rare");
      for (const n of names)
        if (!rare!.ids.some((id) => n.startsWith(`${id}.`) || n.startsWith(`${id}__`)))
          cpSync(join(input, n), join(half, n));
      await ingestPostgres(writer, [half], { workers: 0 });
      // The reader's list of origins is read here, for this state of the archive.
      const before = await searchParsedPostgres(
        reader.sql,
        parseQuery(`origin:"${rare!.origin}"`),
        {},
      );
      expect(before.total).toBe(0);
      await ingestPostgres(writer, [input], { workers: 0 });
      const after = await searchParsedPostgres(
        reader.sql,
        parseQuery(`origin:"${rare!.origin}"`),
        {},
      );
      expect(after.total).toBe(rare!.ids.length);
    } finally {
      await writer.close();
      await reader.close();
    }
  });

  it("checks the archive: pages through amcheck once installed, search vectors against their text", async () => {
    const before = cli(["check", "--db", url]);
    expect(before.err).toBe("");
    expect(before.code).toBe(0);
    expect(before.out).toMatch(/integrity check +not run/);
    expect(before.out).toMatch(/not checked +table and index pages: the amcheck extension/);
    const pg = await openPostgres(url);
    try {
      // The test cluster's user is a superuser, as amcheck asks.
      await pg.sql`CREATE EXTENSION IF NOT EXISTS amcheck`;
      const whole = cli(["check", "--json", "--db", url]);
      expect(whole.code).toBe(0);
      const report = JSON.parse(whole.out);
      expect(report).toMatchObject({ ok: true, integrity: [], damaged: [] });
      expect(report.fts.map((f: { table: string; ok: boolean }) => [f.table, f.ok])).toEqual([
        ["cables.tsv", true],
        ["cables.people_tsv", true],
        ["cable_facets", true],
      ]);
      // A facet row that no longer says what the tables say (migration 006): check names it,
      // and the sync it advises makes it right.
      await pg.sql`UPDATE cable_facets SET missing = NOT missing
                    WHERE id = (SELECT min(id) FROM cable_facets)`;
      const drifted = JSON.parse(cli(["check", "--json", "--db", url]).out);
      expect(drifted.fts[2]).toMatchObject({ table: "cable_facets", ok: false });
      expect(drifted.fts[2].detail).toMatch(/^1 cable\(s\) whose facet row differs/);
      const advice = drifted.advice.find((a: string) => a.includes("cg_sync_cable_facets"));
      await pg.sql.unsafe(advice.replace(/^sync the facet rows: /, ""));
      expect(cli(["check", "--db", url]).code).toBe(0);
      expect(report.unchecked.join(" ")).not.toMatch(/table and index pages/);
      // The text search rules change after the vectors were stored (an edited unaccent rule file
      // does this): search no longer agrees with the text, and check says so.
      const [saved] = await pg.sql<{ def: string }[]>`
        SELECT pg_get_functiondef('cg_text_tsv'::regproc) AS def`;
      await pg.sql.unsafe(
        `CREATE OR REPLACE FUNCTION cg_text_tsv(subject text, body text) RETURNS tsvector
           LANGUAGE sql IMMUTABLE RETURN to_tsvector('pg_catalog.simple', coalesce(body, ''))`,
      );
      const stale = cli(["check", "--json", "--db", url]);
      expect(stale.code).toBe(1);
      const bad = JSON.parse(stale.out);
      expect(bad.ok).toBe(false);
      expect(bad.fts[0]).toMatchObject({ table: "cables.tsv", ok: false });
      expect(bad.fts[0].detail).toMatch(/^\d+ cable\(s\) whose stored search vector differs/);
      expect(bad.advice.join(" ")).toMatch(/REINDEX TABLE cables/);
      await pg.sql.unsafe(saved!.def);
      expect(cli(["check", "--db", url]).code).toBe(0);
    } finally {
      await pg.sql`DROP EXTENSION IF EXISTS amcheck`;
      await pg.close();
    }
    const repair = cli(["check", "--repair", "--db", url]);
    expect(repair.code).toBe(2);
    expect(repair.err).toMatch(/--repair rebuilds SQLite files; on PostgreSQL/);
  });

  it("never shows the password", () => {
    const wrong = cluster.url("archive", "not-the-password-42");
    const report = join(dir, "report.json");
    const runs = [
      cli(["stats", "--db", wrong]),
      cli(["search", "x", "--db", wrong]),
      cli(["ingest", input, "--db", wrong, "--workers", "0", "--report", report]),
      cli(["show", "09TRIPOLI208", "--db", cluster.url("nowhere")]),
      cli(["stats", "--db", url]),
      cli(["ingest", input, "--db", url, "--workers", "0", "--report", report]),
      cli(["timeline", "x", "--db", url]),
      cli(["check", "--db", url]),
      cli(["search", "x", "--db", url.replace(String(cluster.port), "1")]),
      cli(["serve", "--db", url, "--public", "--port", "0"]),
      cli(["serve", "--db", wrong, "--port", "0", "--workers", "1"]),
    ];
    expect(runs[0]!.err).toMatch(/password authentication failed/);
    // The analytics commands and check answer on PostgreSQL: with the archive's label, no error.
    expect(runs[6]!.err).toBe("");
    expect(runs[6]!.code).toBe(0);
    expect(runs[7]!.code).toBe(0);
    expect(runs[7]!.out).toContain("***@127.0.0.1");
    // serve answers from PostgreSQL (test/pg/serve.test.ts); in public mode only through a role
    // that cannot write, and this one is the owner: refused, by name.
    expect(runs[9]!.err).toMatch(
      /role cablegram_test is a superuser; a public reader must connect/,
    );
    expect(runs[10]!.err).toMatch(/password authentication failed/);
    const shown = [...runs.flatMap((r) => [r.out, r.err]), readFileSync(report, "utf8")].join("\n");
    expect(shown).toContain("***@127.0.0.1");
    for (const secret of [cluster.password, "not-the-password-42"])
      expect(shown).not.toContain(secret);
  });
});
