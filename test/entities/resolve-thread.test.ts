import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMirrorCables, writeSyntheticCsv } from "../../scripts/bench/synthetic-csv.js";
import { ingest } from "../../src/ingest/index.js";
import { type Db, openArchive } from "../../src/store/db.js";
import type { ThreadMin } from "../../src/store/entities-full.js";
import { REKEY_WRITE } from "../../src/store/entities-mention-writes.js";
import { placeAll } from "../../src/store/entities-place.js";
import { resolveEntities } from "../../src/store/entities-resolve.js";
import { type Scan, scanMentions } from "../../src/store/entities-scan.js";
import { ResolveThread } from "../../src/store/entities-thread.js";
import { refreshEntitySummaries } from "../../src/store/entity-summary.js";

/**
 * A full resolution writes its placements on a second thread (entities-thread.ts) when the
 * archive is a file: the archive it leaves must be the one the single-thread path leaves, row for
 * row, summaries included; and a failure on that thread must reach the caller, not hang it.
 */

const ROOT = new URL("../../", import.meta.url).pathname;
let dir = "";
let ingested = "";

/** What resolution and the summaries decide, keyed by reference id (scripts/dump-entities.ts). */
const DUMP = [
  `SELECT c.reference_id, m.seq, m.type, m.entity_id, m.link, m.key, m.vkeys
     FROM mentions m JOIN cables c ON c.id = m.cable_id ORDER BY c.reference_id, m.seq`,
  "SELECT * FROM entities ORDER BY id",
  "SELECT * FROM entity_forms ORDER BY entity_id, form",
  "SELECT * FROM entity_words ORDER BY word, entity_id",
  "SELECT * FROM entity_owners ORDER BY type, vkey, key",
  `SELECT e.entity_id, e.created, c.reference_id, e.seq, e.protected, e.station, e.month, e.roles,
          e.rule FROM entity_cables e JOIN cables c ON c.id = e.cable_id
    ORDER BY e.entity_id, e.created, c.reference_id, e.seq`,
  "SELECT * FROM entity_stats ORDER BY entity_id, kind, key",
  "SELECT * FROM entity_codes ORDER BY code",
  `SELECT c.reference_id, hex(e.codes), hex(e.public_codes)
     FROM cable_entities e JOIN cables c ON c.id = e.cable_id ORDER BY c.reference_id`,
];

function dump(db: Db): unknown[][] {
  return DUMP.map((sql) => db.prepare(sql).raw().all());
}

/**
 * The archive as an ingest leaves it before resolution: nothing placed, nothing derived, the
 * summaries due for a full build; and a share of group keys stale, so that rows rewriting their
 * keys come between plain placements.
 */
function unresolved(path: string): Db {
  copyFileSync(ingested, path);
  const db = openArchive(path);
  db.exec(`UPDATE mentions SET entity_id = NULL, link = NULL;
           UPDATE mentions SET key = 'stale' WHERE seq % 7 = 3;
           DELETE FROM entities; DELETE FROM entity_forms; DELETE FROM entity_words;
           DELETE FROM entity_owners; DELETE FROM entity_cables; DELETE FROM entity_stats;
           DELETE FROM entity_codes; DELETE FROM cable_entities; DELETE FROM entity_summary_dirty;
           INSERT INTO entity_summary_dirty (entity_id) VALUES ('*');`);
  return db;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cg-writer-thread-"));
  const csv = join(dir, "cables.csv");
  writeSyntheticCsv(csv, loadMirrorCables([join(ROOT, "data/sample/mirror")]), 120, 3);
  ingested = join(dir, "ingested.db");
  const db = openArchive(ingested);
  await ingest(db, [csv], { workers: 0 });
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("placements written on a second thread", () => {
  it("leave the archive the single-thread path leaves, summaries included", () => {
    const reference = openArchive(ingested);
    const expected = dump(reference);
    reference.close();
    expect((expected[0] as unknown[]).length).toBeGreaterThan(200);

    const mentions = (expected[0] as unknown[]).length;
    const runs: { name: string; thread: false | ThreadMin; requests: number }[] = [
      // A scan, the placing and the writes.
      { name: "threaded", thread: { mentions: 1, writes: 1 }, requests: 3 },
      { name: "one-thread", thread: false, requests: 0 },
      // An archive above the cap (THREAD_MAX_MENTIONS, for memory) runs on one thread.
      {
        name: "capped",
        thread: { mentions: 1, writes: 1, maxMentions: mentions - 1 },
        requests: 0,
      },
      { name: "at-cap", thread: { mentions: 1, writes: 1, maxMentions: mentions }, requests: 3 },
    ];
    const results = runs.map((run) => {
      const db = unresolved(join(dir, `${run.name}.db`));
      const before = ResolveThread.started;
      const report = resolveEntities(db, {
        thread: run.thread,
        // Several transactions, each ending inside a multi-row statement's worth of rows.
        writesPerTransaction: 97,
      });
      expect(ResolveThread.started - before, run.name).toBe(run.requests);
      expect(report.changed).toBe(report.mentions);
      // The summaries' worker keeps the same cap (workerMaxMentions, for memory): same rows.
      const capped = run.name === "capped";
      const summaries = refreshEntitySummaries(
        db,
        capped ? { workerMaxMentions: mentions - 1 } : {},
      );
      expect(summaries.mode, run.name).toBe("full");
      expect(summaries.threads, run.name).toBe(capped || availableParallelism() < 2 ? 1 : 2);
      const out = dump(db);
      db.close();
      return out;
    });
    for (const out of results) expect(out).toEqual(expected);
  });

  it("splits the scan and the placing without changing one id of them, placed or not", () => {
    const plain = (s: Scan) => ({
      ...s,
      list: null,
      names: s.names.strings,
      lists: s.lists.strings,
      entities: s.entities.strings,
      links: s.links.strings,
    });
    const resolved = join(dir, "resolved.db");
    copyFileSync(ingested, resolved);
    for (const db of [openArchive(resolved), unresolved(join(dir, "scan.db"))]) {
      const one = scanMentions(db);
      const thread = ResolveThread.for(db)!;
      const before = ResolveThread.started;
      const two = scanMentions(db, thread, 1);
      thread.close();
      expect(ResolveThread.started - before).toBe(1);
      expect(plain(two)).toEqual(plain(one));
      expect(one.entities.strings.length > 0).toBe(db.name === resolved);
      const placer = ResolveThread.for(db)!;
      const apart = placeAll(two, placer, 1);
      placer.close();
      const together = placeAll(one);
      expect(apart).toEqual(together);
      expect(two.entities.strings).toEqual(one.entities.strings);
      expect(two.links.strings).toEqual(one.links.strings);
      // A rerun over placed mentions changes none; over unplaced ones, all.
      expect(together.changed).toBe(db.name === resolved ? 0 : one.n);
      db.close();
    }
  });

  it("hands a failure on the writing thread to the caller", () => {
    const bad = join(dir, "not-an-archive.db");
    writeFileSync(bad, "this is not a database file, only text standing in for one.".repeat(100));
    const thread = new ResolveThread(bad);
    thread.startWrites({
      n: 1,
      what: Uint8Array.of(REKEY_WRITE),
      cable: Int32Array.of(0),
      seq: Int32Array.of(0),
      entity: Int32Array.of(0),
      link: Int32Array.of(0),
      cableId: [1],
      entityIds: ["person-x"],
      links: ["name"],
      keys: ["x"],
      vkeys: [""],
      count: 1,
      rebuild: false,
    });
    expect(() => thread.waitWrites()).toThrow(/not-an-archive\.db/);
    // Later requests fail the same way, without waiting.
    expect(() => thread.waitScan()).toThrow(/not-an-archive\.db/);
    thread.close();
  });
});
