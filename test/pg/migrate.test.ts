/**
 * `cablegram migrate --from archive.db --to postgres://…`, run as a user runs it: the bundled
 * sample plus edited texts (so cables have several versions) and a killed ingest run, ingested into
 * SQLite, then copied. The copy must answer like its source: the same figures, the same `show` JSON
 * for every cable and every stored version of it, the same searches (totals, hit ids, facets,
 * histograms). A second migrate into the same database is refused and changes nothing; the
 * password appears in no output.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Archive, postgresArchive, sqliteArchive } from "../../src/archive/archive.js";
import { ingest } from "../../src/ingest/index.js";
import { type Db, openArchive } from "../../src/store/db.js";
import { openPostgres, type PgArchive } from "../../src/store/postgres/connect.js";
import { getVersions as pgVersions } from "../../src/store/postgres/read.js";
import { getVersions } from "../../src/store/read.js";
import { ensureBuilt } from "../faults/harness.js";
import { type PgCluster, postgresAvailable, startCluster } from "../support/pg-cluster.js";
import { generateQueries } from "./queries.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const BIN = join(ROOT, "bin/cablegram");
const run = postgresAvailable("the migrate tests");

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/**
 * The figures that must agree (not the size on disk, nor which server answered; nor the entity
 * summaries and extractor version, which only SQLite archives keep, nor the resolution and the
 * indexes a bulk load set aside, which only PostgreSQL archives report).
 */
function figures(statsJson: string) {
  const {
    bytes: _b,
    server: _s,
    entitySummaries: _e,
    extractor: _x,
    entityResolution: _r,
    unbuiltIndexes: _u,
    ...rest
  } = JSON.parse(statsJson);
  return rest;
}

async function showJson(a: Archive, id: string) {
  const cable = await a.getCable(id);
  return {
    ...cable,
    createdEstimate: await a.dateEstimate(id),
    cites: await a.cites(id),
    citedBy: await a.citedBy(id),
  };
}

describe.skipIf(!run)("cablegram migrate", () => {
  let cluster: PgCluster;
  let dir: string;
  let source: string;
  let url: string;
  let db: Db;
  let pg: PgArchive;

  beforeAll(async () => {
    await ensureBuilt();
    cluster = await startCluster();
    dir = mkdtempSync(join(tmpdir(), "cg-migrate-"));
    source = join(dir, "archive.db");
    const edited = join(dir, "edited");
    const texts = join(ROOT, "data/sample/text");
    for (const name of readdirSync(texts)) {
      const text = readFileSync(join(texts, name), "utf8");
      // A changed word: the same cable, another text, so a second version.
      cpSync(join(texts, name), join(edited, name));
      writeFileSync(join(edited, name), text.replace(/\b(the)\b/, "THE EDITED"));
    }
    const sqlite = openArchive(source);
    try {
      await ingest(sqlite, [join(ROOT, "data/sample")], { workers: 1, dbLabel: source });
      await ingest(sqlite, [edited], { workers: 0, dbLabel: source });
      // A run killed mid-way leaves a `running` row whose process is gone.
      sqlite
        .prepare(
          "INSERT INTO ingest_runs (started_at, inputs, status, pid, process_start) VALUES ('2026-01-01T00:00:00.000Z', '[]', 'running', 2147483646, NULL)",
        )
        .run();
    } finally {
      sqlite.close();
    }
    url = await cluster.createDatabase("migrated");
  }, 1_200_000);

  afterAll(async () => {
    await pg?.close();
    db?.close();
    cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("copies every table of the archive, all versions, with a progress line per table", () => {
    const r = cli(["migrate", "--from", source, "--to", url]);
    expect(r.err).toMatch(/migrate: cables \d[\d,]*\/\d[\d,]* rows \(100%\)/);
    expect(r.code, r.err).toBe(0);
    const summary = JSON.parse(r.out);
    const lite = new Database(source, { readonly: true });
    try {
      for (const t of ["cables", "versions", "paragraphs", "refs", "tags", "recipients"]) {
        const n = lite.prepare(`SELECT count(*) FROM ${t}`).pluck().get();
        expect(summary.copied[t], t).toBe(n);
      }
      expect(summary.copied.versions).toBeGreaterThan(summary.copied.cables);
      expect(summary.copied.ingest_runs).toBe(3);
      // The entity layer whole, and the vocabulary `word~` draws from, row for row.
      for (const t of ["mentions", "entities", "entity_forms", "entity_words", "entity_owners"]) {
        const n = lite.prepare(`SELECT count(*) FROM ${t}`).pluck().get();
        expect(summary.copied[t], t).toBe(n);
      }
      expect(summary.copied.mentions).toBeGreaterThan(1000);
      expect(summary.copied.entities).toBeGreaterThan(100);
      lite.exec("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, 'cables_fts', 'row')");
      const terms = lite
        .prepare("SELECT count(*) FROM temp.v WHERE length(term) >= 4 AND term NOT GLOB '*[0-9]*'")
        .pluck()
        .get();
      expect(summary.copied.terms).toBe(terms);
      expect(summary.notCopied.mentions).toBeUndefined();
    } finally {
      lite.close();
    }
    expect(summary.to).toContain("***@127.0.0.1");
  });

  it("gives the same stats, the killed run reported as interrupted", () => {
    const a = cli(["stats", "--json", "--db", source]);
    const b = cli(["stats", "--json", "--db", url]);
    expect(b.code, b.err).toBe(0);
    expect(figures(b.out)).toEqual(figures(a.out));
    expect(JSON.parse(b.out).unfinishedRuns).toEqual({ interrupted: 1, failed: 0 });
  });

  it("shows every cable and every stored version of it alike", async () => {
    db = openArchive(source, { readonly: true });
    pg = await openPostgres(url, { readonly: true });
    const lite = sqliteArchive(db, source);
    const post = postgresArchive(pg);
    const ids = db
      .prepare<[], string>("SELECT reference_id FROM cables ORDER BY reference_id")
      .pluck()
      .all();
    expect(ids.length).toBeGreaterThan(900);
    let versions = 0;
    for (const id of ids) {
      expect(await showJson(post, id), id).toEqual(await showJson(lite, id));
      const va = getVersions(db, id);
      const vb = await pgVersions(pg.sql, id);
      expect(vb, id).toEqual(va);
      versions += va.length;
    }
    expect(versions).toBeGreaterThan(ids.length);
  });

  it("answers searches alike", { timeout: 300_000 }, async () => {
    const lite = sqliteArchive(db, source);
    const post = postgresArchive(pg);
    // Every fifth generated query: each documented form, fields, facets, histograms.
    const queries = generateQueries(db).filter((_, i) => i % 5 === 0);
    let compared = 0;
    for (const { q, form } of queries) {
      const opts = { limit: 1000, facets: true, sort: "-created" as const };
      const a = await lite.search(q, opts).catch((e: Error) => e);
      const b = await post.search(q, opts).catch((e: Error) => e);
      if (b instanceof Error && /not available on archives on PostgreSQL/.test(b.message)) continue;
      const pick = (r: typeof a) =>
        r instanceof Error
          ? r.message
          : {
              total: r.total,
              ids: r.hits.map((h) => h.referenceId),
              tag: r.facets?.tag,
              origin: r.facets?.origin,
              classification: r.facets?.classification,
              histogram: r.histogram,
              // The entity tables came along: entity facets too.
              person: r.facets?.person,
              org: r.facets?.org,
              place: r.facets?.place,
            };
      expect(pick(b), `${form}: ${q}`).toEqual(pick(a));
      compared++;
    }
    expect(compared).toBeGreaterThan(40);
  });

  it("refuses a second migrate into the same database, changing nothing", () => {
    const before = cli(["stats", "--json", "--db", url]).out;
    const again = cli(["migrate", "--from", source, "--to", url]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/is not empty \(\d+ cables, \d+ versions, 3 ingest runs\)/);
    expect(again.err).toContain("***@127.0.0.1");
    expect(figures(cli(["stats", "--json", "--db", url]).out)).toEqual(figures(before));
    const wrong = cli(["migrate", "--from", source, "--to", cluster.url("migrated", "nope-77")]);
    expect(wrong.code).toBe(1);
    const missing = cli(["migrate", "--from", join(dir, "none.db"), "--to", url]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/no file/);
    const shown = [again, wrong, missing].flatMap((r) => [r.out, r.err]).join("\n");
    for (const secret of [cluster.password, "nope-77"]) expect(shown).not.toContain(secret);
  });
});
