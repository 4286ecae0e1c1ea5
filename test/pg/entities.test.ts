/**
 * Entities on PostgreSQL answer as on SQLite. The protected test archive (test/entities/
 * protected-archive.ts: real cables with annotated persons, organisations and places, some
 * protected, resolved by the SQLite resolution) is copied with `migrate`'s code, then both
 * archives are asked the same through the archive interface, in local and in public mode: entity
 * lookups, every entity's page, every cable's mentions, the CSV and GEXF exports, searches with
 * `person:`/`org:`/`place:`, `word~` and the entity facets. Then the same cables ingested
 * straight into PostgreSQL: mentions stored and resolved as SQLite stores and resolves them
 * (src/store/postgres/entities-resolve.ts), and the entity fields refused with the reason while
 * a mention is left unplaced, rather than answered from part of the archive.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Archive, postgresArchive, sqliteArchive } from "../../src/archive/archive.js";
import { ingestPostgres } from "../../src/ingest/postgres.js";
import { searchPostgres } from "../../src/search/postgres/search.js";
import type { SearchResult } from "../../src/search/types.js";
import { type Db, openArchive } from "../../src/store/db.js";
import { resolveEntities } from "../../src/store/entities-resolve.js";
import { refreshEntitySummaries } from "../../src/store/entity-summary.js";
import { openPostgres, type PgArchive } from "../../src/store/postgres/connect.js";
import { setPublicModePg } from "../../src/store/postgres/entities-public.js";
import { resolvePostgresEntities } from "../../src/store/postgres/entities-resolve.js";
import { copySqliteToPostgres } from "../../src/store/postgres/from-sqlite.js";
import { buildProtectedArchive, PROTECTED } from "../entities/protected-archive.js";
import { type PgCluster, postgresAvailable, startCluster } from "../support/pg-cluster.js";

const run = postgresAvailable("the entity tests on PostgreSQL");
const FIXTURES = new URL("../fixtures/server/", import.meta.url).pathname;
const BIN = new URL("../../bin/cablegram", import.meta.url).pathname;

const SEARCHES = [
  "person:stevens",
  "person:ste*",
  'person:"Chris Stevens"',
  "person:person-chris-stevens",
  "org:aecom OR place:benghazi",
  "place:libya -person:stevens",
  "place:lib* AND tripoli",
  "qadhafi~",
  "tripoli~ OR libya~",
  "libya",
  "benghazi",
  "",
];

function pick(r: SearchResult | Error) {
  if (r instanceof Error) return r.message;
  return {
    total: r.total,
    ids: r.hits.map((h) => h.referenceId).sort(),
    person: r.facets?.person,
    org: r.facets?.org,
    place: r.facets?.place,
  };
}

async function answers(a: Archive, db: Db) {
  const ids = db.prepare<[], string>("SELECT id FROM entities ORDER BY id").pluck().all();
  const cables = db
    .prepare<[], string>("SELECT reference_id FROM cables ORDER BY reference_id")
    .pluck()
    .all();
  const out: Record<string, unknown> = {};
  for (const q of ["", "stevens", "ste", "chris st", "lib", "person-chris-stevens", "windus"]) {
    for (const type of [null, "person", "org", "place"] as const) {
      out[`find ${q} ${type}`] = await a.findEntities(q, { type, limit: 50 });
    }
    out[`csv ${q}`] = await a.entitiesCsv(q, null);
  }
  for (const id of ids) out[`entity ${id}`] = await a.entityDetail(id);
  for (const id of cables) {
    out[`mentions ${id}`] = await a.mentions(id);
    out[`cable ${id}`] = (await a.getCable(id))?.persons;
    out[`older ${id}`] = (await a.olderVersions(id)).map((v) => v.cable.persons);
  }
  out.network = (await a.entityNetwork({})).replace(/lastmodifieddate="[^"]*"/, "");
  for (const q of SEARCHES) {
    out[`search ${q}`] = pick(
      await a.search(q, { limit: 100, facets: true, sort: "-created" }).catch((e: Error) => e),
    );
  }
  for (const p of PROTECTED) {
    for (const q of [
      p.forms[0]!,
      `"${p.forms[0]}"`,
      `person:"${p.forms[0]}"`,
      `libya OR "${p.forms[0]}"`,
    ]) {
      out[`search ${q}`] = pick(
        await a.search(q, { limit: 100, facets: true, sort: "-created" }).catch((e: Error) => e),
      );
    }
  }
  return { out, ids, cables };
}

const PLACEMENTS = `SELECT c.reference_id AS r, m.seq, m.entity_id, m.link, m.key, m.vkeys
                      FROM mentions m JOIN cables c ON c.id = m.cable_id`;

/** Sorted by code unit, not by either database's collation. */
const sorted = (rows: unknown[]) =>
  rows.map((r) => JSON.stringify(r)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

async function placements(pg: PgArchive) {
  return sorted((await pg.sql.unsafe(PLACEMENTS)).map((r) => ({ ...r })));
}
function placementsLite(db: Db) {
  return sorted(db.prepare(PLACEMENTS).all());
}

/** The derived tables with their columns, booleans as integers on both. */
const DERIVED: Record<string, string> = {
  entities: "id, type, name, cables, public_cables, first_created, last_created",
  entity_forms: "entity_id, form, cables, public_cables",
  entity_words: "word, entity_id, CAST(public AS integer) AS public",
  entity_owners: "type, vkey, key, mentions",
};
async function derivedRows(pg: PgArchive, table: string) {
  return sorted(
    (await pg.sql.unsafe(`SELECT ${DERIVED[table]} FROM ${table}`)).map((r) => ({ ...r })),
  );
}
function derivedRowsLite(db: Db, table: string) {
  return sorted(db.prepare(`SELECT ${DERIVED[table]} FROM ${table}`).all());
}

/**
 * A resolution after a cable's mentions are removed (as a new version without them removes them)
 * and another mention is left unplaced, done the same to both archives: PostgreSQL journals the
 * removed ones (migration 016) and resolves only the groups they touch, as SQLite does, with the
 * same placements and derived rows; a full run after it moves nothing and rebuilds the same rows.
 */
async function resolvesIncrementally(pg: PgArchive, lite: Db): Promise<void> {
  // The cable naming the most persons, none of them Stevens (the searches after need his cables).
  const [cable] = await pg.sql<{ id: string; r: string; n: number }[]>`
    SELECT m.cable_id AS id, c.reference_id AS r, count(*)::int AS n
      FROM mentions m JOIN cables c ON c.id = m.cable_id
     WHERE NOT EXISTS (SELECT 1 FROM mentions s
                        WHERE s.cable_id = m.cable_id AND s.entity_id LIKE '%stevens%')
     GROUP BY 1, 2 ORDER BY sum((m.type = 'person')::int) DESC, 2 LIMIT 1`;
  const [last] = await pg.sql<{ r: string; seq: number }[]>`
    SELECT c.reference_id AS r, m.seq FROM mentions m JOIN cables c ON c.id = m.cable_id
     WHERE m.cable_id <> ${cable!.id} ORDER BY m.cable_id DESC, m.seq DESC LIMIT 1`;
  const [all] = await pg.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM mentions`;
  await pg.sql`DELETE FROM mentions WHERE cable_id = ${cable!.id}`;
  const [journaled] = await pg.sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM entity_dirty WHERE type <> '*'`;
  expect(journaled!.n).toBe(cable!.n);
  const unplace = `UPDATE mentions SET entity_id = NULL
    WHERE cable_id = (SELECT id FROM cables WHERE reference_id = $1) AND seq = $2`;
  await pg.sql.unsafe(unplace, [last!.r, last!.seq]);
  lite
    .prepare("DELETE FROM mentions WHERE cable_id = (SELECT id FROM cables WHERE reference_id = ?)")
    .run(cable!.r);
  lite.prepare(unplace.replaceAll(/\$\d/g, "?")).run(last!.r, last!.seq);
  // The cables of the touched groups read by id (an ingest's run reads them all, in this archive).
  const run = await resolvePostgresEntities(pg.sql, { byIdShare: 1 });
  const liteRun = resolveEntities(lite);
  // As SQLite's ingest ends: its entity pages read the summaries.
  refreshEntitySummaries(lite);
  expect(liteRun.mode).toBe("incremental");
  expect(run?.mode).toBe("incremental");
  expect(run!.mentions).toBe(liteRun.mentions);
  expect(run!.mentions).toBeGreaterThan(0);
  expect(run!.mentions).toBeLessThan(all!.n - cable!.n);
  expect(run!.entities).toBe(liteRun.entities);
  expect(run!.written).toBeGreaterThanOrEqual(1);
  expect(await placements(pg)).toEqual(placementsLite(lite));
  const rows: Record<string, string[]> = {};
  for (const table of Object.keys(DERIVED)) {
    rows[table] = await derivedRows(pg, table);
    expect(rows[table], table).toEqual(derivedRowsLite(lite, table));
  }
  const [left] = await pg.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM entity_dirty`;
  expect(left!.n).toBe(0);
  expect((await resolvePostgresEntities(pg.sql, { full: true })).written).toBe(0);
  for (const table of Object.keys(DERIVED))
    expect(await derivedRows(pg, table), table).toEqual(rows[table]);
}

describe.skipIf(!run)("entities on PostgreSQL", () => {
  let cluster: PgCluster;
  let dir: string;
  let path: string;
  let url: string;
  const open: { close(): unknown }[] = [];

  beforeAll(async () => {
    cluster = await startCluster();
    dir = mkdtempSync(join(tmpdir(), "cg-pg-entities-"));
    path = join(dir, "archive.db");
    await buildProtectedArchive(path);
    url = await cluster.createDatabase("entities");
    const db = openArchive(path, { readonly: true });
    const pg = await openPostgres(url);
    try {
      await copySqliteToPostgres(db, pg, path);
    } finally {
      db.close();
      await pg.close();
    }
  }, 300_000);

  afterAll(async () => {
    for (const o of open) await o.close();
    cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function pair(pub: boolean): Promise<{ lite: Archive; post: Archive; db: Db }> {
    const db = openArchive(path, { readonly: true });
    const pg: PgArchive = await openPostgres(url, { readonly: true });
    const lite = sqliteArchive(db, path);
    const post = postgresArchive(pg);
    open.push(lite, post);
    if (pub) {
      lite.enterPublicMode();
      post.enterPublicMode();
    }
    return { lite, post, db };
  }

  it("answers every entity read and search alike in local mode", async () => {
    const { lite, post, db } = await pair(false);
    const a = await answers(lite, db);
    const b = await answers(post, db);
    expect(a.ids.length).toBeGreaterThan(20);
    expect(Object.keys(b.out)).toEqual(Object.keys(a.out));
    for (const k of Object.keys(a.out)) expect(b.out[k], k).toEqual(a.out[k]);
    // Not vacuous: the entity fields, variants and facets found something.
    const stevens = a.out["search person:stevens"] as { total: number; person: unknown[] };
    expect(stevens.total).toBeGreaterThan(1);
    expect(stevens.person.length).toBeGreaterThan(1);
    expect((a.out["search qadhafi~"] as { total: number }).total).toBeGreaterThan(0);
    expect(db.prepare("SELECT count(*) FROM mentions WHERE entity_id IS NULL").pluck().get()).toBe(
      0,
    );
  }, 300_000);

  it("answers alike in public mode, and never with a protecting cable by a protected name", async () => {
    const { lite, post, db } = await pair(true);
    const a = await answers(lite, db);
    const b = await answers(post, db);
    for (const k of Object.keys(a.out)) expect(b.out[k], k).toEqual(a.out[k]);
    for (const p of PROTECTED) {
      const r = b.out[`search "${p.forms[0]}"`] as { ids: string[] };
      expect(r.ids, p.forms[0]).not.toContain(p.cable);
      expect(JSON.stringify(b.out[`mentions ${p.cable}`])).not.toContain(p.forms[0]);
      expect(JSON.stringify(b.out[`cable ${p.cable}`])).not.toContain(p.forms[0]);
    }
    // Snippets (which may show another paragraph than SQLite's) never mark a protected name
    // in the cable protecting it.
    for (const p of PROTECTED) {
      const r = await post.search(`libya OR "${p.forms[0]}" OR ${p.forms.join(" OR ")}`, {
        limit: 100,
      });
      for (const h of r.hits.filter((x) => x.referenceId === p.cable)) {
        const marks = [...(h.snippet ?? "").matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => m[1]);
        for (const f of p.forms) expect(marks, f).not.toContain(f);
      }
    }
    const idx = await post.protectedIndex();
    expect(idx.byReference.size).toBe(new Set(PROTECTED.map((p) => p.cable)).size);
  }, 300_000);

  it("counts the entity facets in the web process as SQL counts them, local and public", async () => {
    // The entity arrays (src/search/postgres/entity-columns.ts) against the SQL of the path
    // without the columnar copy (statement.ts, entityTop): same entities, counts and order.
    for (const pub of [false, true]) {
      const pg: PgArchive = await openPostgres(url, { readonly: true });
      open.push(pg);
      if (pub) setPublicModePg(pg.sql);
      const queries = [...SEARCHES, ...PROTECTED.flatMap((p) => [p.forms[0]!, `"${p.forms[0]}"`])];
      let named = 0;
      for (const q of queries) {
        const ask = (columns: boolean) =>
          searchPostgres(pg.sql, q, { facets: true, facetLimit: 5, columns }).catch(
            (e: Error) => e.message,
          );
        const [node, sql] = [await ask(true), await ask(false)];
        const facets = (r: SearchResult | string) =>
          typeof r === "string" ? r : [r.facets?.person, r.facets?.org, r.facets?.place];
        expect(facets(node), `${pub ? "public" : "local"}: ${q}`).toEqual(facets(sql));
        if (typeof node !== "string" && node.facets?.person?.length) named++;
      }
      expect(named).toBeGreaterThan(queries.length / 2);
    }
    // Public counts leave out what a cable withholds: a protected person's count is short of
    // at least the cable protecting them.
    const [loc, pubPool] = [
      await openPostgres(url, { readonly: true }),
      await openPostgres(url, { readonly: true }),
    ];
    open.push(loc, pubPool);
    setPublicModePg(pubPool.sql);
    const everything = { facets: true, facetLimit: 10_000 };
    const local = (await searchPostgres(loc.sql, "", everything)).facets?.person ?? [];
    const shown = (await searchPostgres(pubPool.sql, "", everything)).facets?.person ?? [];
    let checked = 0;
    for (const p of PROTECTED) {
      const l = local.find((f) => p.forms.includes(f.label));
      if (!l) continue;
      const s = shown.find((f) => f.value === l.value);
      expect(s?.count ?? 0, p.forms[0]).toBeLessThan(l.count);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  }, 300_000);

  it("reads what it looks up by index: an entity's mentions, an id prefix", async () => {
    // Indexes in COLLATE "C" (mentions_entity; cables_reference_id_c, migration 015) serve only
    // conditions in "C": compared in the database's default collation, entity_id and id
    // prefixes read every mention or every id (at 251,287 cables, 0.4 s per entity page and per
    // `person:ID` search, 56 ms per id suggestion). With sequential scans off and every plan
    // logged with its row counts (auto_explain, loaded for these connections only), a scan that
    // filters out most of its table's rows is such a read.
    const logged = readFileSync(join(cluster.dir, "log"), "utf8").length;
    const traced = `${url}?enable_seqscan=off&session_preload_libraries=auto_explain&auto_explain.log_min_duration=0&auto_explain.log_analyze=on`;
    const lite = openArchive(path, { readonly: true });
    const ids = lite
      .prepare<[], string>("SELECT id FROM entities ORDER BY cables DESC, id LIMIT 6")
      .pluck()
      .all();
    const rows: Record<string, number> = {};
    for (const t of ["mentions", "cables"])
      rows[t] = lite.prepare<[], number>(`SELECT count(*) FROM ${t}`).pluck().get()!;
    const prefixes = lite
      .prepare<[], string>("SELECT DISTINCT substr(reference_id, 1, 5) FROM cables LIMIT 3")
      .pluck()
      .all();
    lite.close();
    let suggested = 0;
    for (const pub of [false, true]) {
      const pg = await openPostgres(traced, { readonly: true, max: 1 });
      open.push(pg);
      const a = postgresArchive(pg);
      if (pub) a.enterPublicMode();
      for (const id of ids) {
        expect(await a.entityDetail(id)).not.toBeNull();
        await a.search(`person:${id} OR org:${id} OR place:${id}`, { facets: true });
      }
      await a.search("person:stevens OR place:libya", { facets: true });
      await a.entityNetwork({});
      for (const p of prefixes) {
        suggested += (await a.suggestIds(p)).length;
        await a.search(p, {});
      }
    }
    const plans = readFileSync(join(cluster.dir, "log"), "utf8").slice(logged).split("Query Text:");
    const whole: string[] = [];
    for (const plan of plans.slice(1)) {
      const lines = plan.split("\n");
      lines.forEach((line, i) => {
        const table = /Scan.* on (mentions|cables)\b/.exec(line)?.[1];
        // `cables` is read whole by design for some searches (an OR of entity fields: a scan
        // with hashed subplans); only the id lookups must seek.
        if (!table || (table === "cables" && !plan.includes("reference_id COLLATE"))) return;
        const depth = line.search(/\S/);
        for (const next of lines.slice(i + 1)) {
          if (next.search(/\S/) <= depth) break;
          const removed = /Rows Removed by Filter: (\d+)/.exec(next);
          if (removed && Number(removed[1]) > rows[table]! / 4)
            whole.push(plan.trim().slice(0, 200));
        }
      });
    }
    expect(plans.length).toBeGreaterThan(20);
    expect(rows.mentions).toBeGreaterThan(30);
    expect(rows.cables).toBeGreaterThan(8);
    expect(suggested).toBeGreaterThan(0);
    expect(whole).toEqual([]);
  }, 120_000);

  it("lists and prints entities with `cablegram entities` alike", () => {
    const cli = (args: string[]) =>
      spawnSync(process.execPath, [BIN, "entities", ...args], {
        encoding: "utf8",
        env: { ...process.env, CABLEGRAM_DB: "", CABLEGRAM_DB_READ: "" },
      });
    for (const args of [["ste", "--json"], ["person-chris-stevens", "--json"], ["lib"]]) {
      const a = cli([...args, "--db", path]);
      const b = cli([...args, "--db", url]);
      expect(b.status, b.stderr).toBe(0);
      expect(b.stdout, args.join(" ")).toEqual(a.stdout);
      expect(a.stdout.length).toBeGreaterThan(20);
    }
  }, 120_000);

  it("resolves incrementally once the archive has entities, as SQLite does", async () => {
    const pg = await openPostgres(await cluster.createDatabase("incremental"));
    const lite = openArchive(join(dir, "incremental.db"));
    // Two spellings of one body, in two groups (their folded names differ) and one entity (their
    // ids do not): the second cable's run touches only its group, and rebuilds the entity from
    // the first one's mention too, which PostgreSQL's run must read though no group it touches
    // holds it.
    const munich = readFileSync(join(FIXTURES, "cables", "10MUNICH29.txt"), "utf8");
    const inputs = ["Al Aqsa Foundation", "Al-Aqsa Foundation"].map((body, i) => {
      const id = `10MUNICH900${i + 1}`;
      const input = mkdtempSync(join(dir, "spelling-"));
      const text = munich
        .replace("10MUNICH29", id)
        .replace(
          "rather than substantive statements. \n",
          `rather than substantive statements. \n \n¶9. (U) Seehofer also met the ${body} there. \n`,
        );
      writeFileSync(join(input, `${id}.txt`), text);
      return input;
    });
    try {
      const { ingest } = await import("../../src/ingest/index.js");
      for (const input of [[join(FIXTURES, "cables"), inputs[0]!], [inputs[1]!]]) {
        await ingestPostgres(pg, input, { workers: 0 });
        await ingest(lite, input, { workers: 0 });
        expect(await placements(pg)).toEqual(placementsLite(lite));
        for (const table of Object.keys(DERIVED))
          expect(await derivedRows(pg, table), table).toEqual(derivedRowsLite(lite, table));
      }
      const [foundation] = await pg.sql<{ cables: number; keys: number }[]>`
        SELECT e.cables, (SELECT count(DISTINCT key)::int FROM mentions WHERE entity_id = e.id) AS keys
          FROM entities e WHERE id = 'org-al-aqsa-foundation'`;
      expect(foundation).toEqual({ cables: 2, keys: 2 });
      await resolvesIncrementally(pg, lite);
    } finally {
      lite.close();
      await pg.close();
    }
  }, 120_000);

  it("stores and resolves the mentions of a PostgreSQL ingest as SQLite does", async () => {
    const direct = await cluster.createDatabase("direct");
    const pg = await openPostgres(direct);
    const litePath = join(dir, "plain.db");
    const lite = openArchive(litePath);
    try {
      const { ingest } = await import("../../src/ingest/index.js");
      for (const input of ["cables", "updates"]) {
        await ingestPostgres(pg, [join(FIXTURES, input)], { workers: 0 });
        await ingest(lite, [join(FIXTURES, input)], { workers: 0 });
        // After each ingest (a first load, then new versions and new cables): the same
        // placements, evidence, group keys and derived tables, row for row.
        const placed = await placements(pg);
        expect(placed.length).toBeGreaterThan(10);
        expect(placed, input).toEqual(placementsLite(lite));
        for (const table of Object.keys(DERIVED)) {
          const rows = await derivedRows(pg, table);
          expect(rows.length, table).toBeGreaterThan(0);
          expect(rows, `${input} ${table}`).toEqual(derivedRowsLite(lite, table));
        }
        const [marks] = await pg.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM entity_dirty`;
        expect(marks!.n).toBe(0);
      }
      // Every entity read and search answers as on SQLite, entity fields and facets included.
      const archive = postgresArchive(pg);
      const a = await answers(sqliteArchive(lite, litePath), lite);
      const b = await answers(archive, lite);
      for (const k of Object.keys(a.out)) expect(b.out[k], k).toEqual(a.out[k]);
      expect((a.out["search person:stevens"] as { total: number }).total).toBeGreaterThan(1);
      // A mention left unplaced (an ingest stopped before its end): the entity fields are
      // refused with the reason rather than answered from part of the archive, until the next
      // resolution places it.
      await pg.sql`UPDATE mentions SET entity_id = NULL
                    WHERE (cable_id, seq) = (SELECT cable_id, seq FROM mentions ORDER BY cable_id, seq LIMIT 1)`;
      await expect(archive.search("person:stevens", {})).rejects.toThrow(
        /person: is not available while the entities of this PostgreSQL archive are not resolved/,
      );
      expect((await archive.stats()).entityResolution).toEqual({ unplaced: 1, pending: true });
      const state = await archive.dataVersion();
      const cli = spawnSync(process.execPath, [BIN, "entities", "--rebuild", "--db", direct], {
        encoding: "utf8",
        env: { ...process.env, CABLEGRAM_DB: "", CABLEGRAM_DB_READ: "" },
      });
      expect(cli.status, cli.stderr).toBe(0);
      expect(JSON.parse(cli.stdout).resolution.written).toBe(1);
      // Servers' caches see it: the archive's state moved though no ingest ran.
      expect(await archive.dataVersion()).not.toBe(state);
      expect(cli.stderr).not.toContain(direct.split("@")[0]!.split(":")[2]!);
      // Nothing pending, nothing done; asked for, a full run that moves nothing.
      expect(await resolvePostgresEntities(pg.sql)).toBeNull();
      // The scratch archive goes when the run ends; one a killed run left (its process gone) is
      // swept by the next, one of a live process is left alone.
      const scratch = mkdtempSync(join(dir, "scratch-"));
      mkdirSync(join(scratch, "cablegram-resolve-999999999-dead"));
      mkdirSync(join(scratch, `cablegram-resolve-${process.ppid}-live`));
      expect(
        (await resolvePostgresEntities(pg.sql, { full: true, scratchDir: scratch }))?.written,
      ).toBe(0);
      expect(readdirSync(scratch)).toEqual([`cablegram-resolve-${process.ppid}-live`]);
      expect(await placements(pg)).toEqual(placementsLite(lite));
      expect((await archive.stats()).entityResolution).toEqual({ unplaced: 0, pending: false });
      expect((await archive.search("person:stevens", {})).total).toBe(
        (a.out["search person:stevens"] as { total: number }).total,
      );
      // The vocabulary was recounted from the index: `word~` answers.
      const [terms] = await pg.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM terms`;
      expect(terms!.n).toBeGreaterThan(100);
      expect((await archive.search("tripoli~", {})).total).toBeGreaterThan(0);
      // An archive ingested before migration 003 gets the same mentions from its cables' JSON.
      const listed = `SELECT cable_id, seq, type, name, variants::jsonb AS v, roles::jsonb AS r,
                             paragraphs::jsonb AS p, kind, us_official, protected
                        FROM mentions ORDER BY cable_id, seq`;
      const before = [...(await pg.sql.unsafe(listed))];
      await pg.sql.unsafe(`DROP TABLE mentions, entities, entity_forms, entity_words,
                             entity_owners, entity_dirty, terms;
                           DELETE FROM schema_migrations WHERE name = '003-entities.sql'`);
      const again = await openPostgres(direct);
      try {
        expect([...(await again.sql.unsafe(listed))]).toEqual(before);
        const [n] = await again.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM terms`;
        expect(n!.n).toBe(terms!.n);
        // Such an archive is resolved by the next ingest's end, as SQLite resolves it.
        await ingestPostgres(again, [join(FIXTURES, "updates")], { workers: 0 });
        expect(await placements(again)).toEqual(placementsLite(lite));
        for (const table of Object.keys(DERIVED))
          expect(await derivedRows(again, table), table).toEqual(derivedRowsLite(lite, table));
      } finally {
        await again.close();
      }
    } finally {
      lite.close();
      await pg.close();
    }
  }, 300_000);
});
