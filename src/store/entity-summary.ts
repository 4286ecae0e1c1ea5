/**
 * The finish step after entity resolution: the entity summaries of migrations 012 and 014 brought
 * up to date from the resolved tables (it reads `mentions`, `entities` and `cables`, and writes
 * only its own tables). A full build (the '*' mark: a new archive, a migration) does every entity
 * and cable set-wise. Otherwise the cables the journal names (migration 014, filled by triggers as
 * mentions and cables change) are applied as deltas (entity-summary-delta.ts): the work follows
 * the cables changed, not the size of the entities they name. Either way the co-mention lists of
 * the large entities touched are then counted in one pass over the packed per-cable lists
 * (entity-summary-comentions.ts).
 *
 * Memory is bounded by the packed lists (4 bytes an entity named per cable), never the mentions:
 * rows are read in keyset chunks and writes committed in batches (entities-walk.ts).
 */
import { type Db, unmapped } from "./db.js";
import { THREAD_MAX_MENTIONS } from "./entities-full.js";
import type { EntityType } from "./entities-input.js";
import { Batches, BulkInsert, chunks, WRITES_PER_TRANSACTION } from "./entities-walk.js";
import { COMENTION_MIN_CABLES, storeComentions } from "./entity-summary-comentions.js";
import { applyDeltas } from "./entity-summary-delta.js";
import { type SummaryColumns, takeSummaryColumns } from "./entity-summary-handoff.js";
import { resumeSummaryJournal } from "./entity-summary-journal.js";
import { writeRows } from "./entity-summary-parallel.js";
import { STATS_COLUMNS } from "./entity-summary-rows.js";
import { orderPlacements, pack, writeListsFromColumns } from "./entity-summary-scan.js";
import { linkRuleSql, writeAllStats } from "./entity-summary-stats.js";

export interface SummaryReport {
  mode: "full" | "incremental" | "none";
  /** Entities whose summaries were rebuilt. */
  entities: number;
  /** Cables whose packed entity list was rewritten. */
  cables: number;
  /** Entities whose co-mention lists were stored. */
  comentions: number;
  /** Threads that wrote the rows: 2 when a full build gave a share to its worker. */
  threads: 1 | 2;
  ms: number;
}

export interface SummaryOptions {
  /** Entities with this many cables or more get stored co-mention lists. */
  comentionMin?: number;
  /**
   * A full build from resolution's columns writes part of its rows on a worker thread when the
   * archive is a file (entity-summary-parallel.ts); false: all in this thread (the same rows).
   */
  worker?: boolean;
  /**
   * Above this many mentions (default THREAD_MAX_MENTIONS, as resolution's second thread) the
   * worker is not used: its copy of the string columns and its own heap added about 100 MiB to
   * the peak of a 251,287-cable ingest, which that peak cannot spare (docs/architecture.md).
   */
  workerMaxMentions?: number;
}

/**
 * Journaled cables above which a full build is cheaper than deltas (a delta costs a few lookups
 * per placement; a full build sorts every placement once).
 */
const DELTA_SHARE = 0.05;
const DELTA_MIN = 10_000;

/**
 * The facts of every cable a full build reads (date, station, month), copied from two covering
 * indexes: a few MB, where joining `cables` itself read a page of that 3.4 GB table per cable.
 */
const FACTS = "temp.summary_cables";

interface SourceRow {
  seq: number;
  entity_id: string | null;
  cable_id: number;
  type: EntityType;
  protected: number;
}

const TYPE_CODE: Record<EntityType, number> = { person: 0, org: 1, place: 2 };

function statements(db: Db) {
  return {
    cableMentions: db.prepare<[number], { type: EntityType; entity_id: string; protected: number }>(
      "SELECT type, entity_id, protected FROM mentions WHERE cable_id = ? AND entity_id IS NOT NULL",
    ),
    code: db.prepare<[string], number>("SELECT code FROM entity_codes WHERE entity_id = ?").pluck(),
    newCode: db.prepare("INSERT INTO entity_codes (entity_id) VALUES (?)"),
    // Nothing for a cable deleted since (its mentions went with it).
    putCable: db.prepare<[{ id: number; codes: Buffer; pub: Buffer | null }]>(
      `INSERT OR REPLACE INTO cable_entities (cable_id, codes, public_codes)
       SELECT id, @codes, @pub FROM cables WHERE id = @id`,
    ),
    delCable: db.prepare("DELETE FROM cable_entities WHERE cable_id = ?"),
    journaled: db
      .prepare<[], number>("SELECT DISTINCT cable_id FROM entity_summary_journal ORDER BY cable_id")
      .pluck(),
    pending: db.prepare<[], number>("SELECT 1 FROM entity_summary_journal LIMIT 1").pluck(),
    listed: db.prepare<[], number>("SELECT count(*) FROM cable_entities").pluck(),
  };
}
type Statements = ReturnType<typeof statements>;

export function refreshEntitySummaries(db: Db, opts: SummaryOptions = {}): SummaryReport {
  const started = performance.now();
  const s = statements(db);
  // Taken whatever the mode: columns left for a later run would be stale.
  const columns = takeSummaryColumns(db);
  const min = opts.comentionMin ?? COMENTION_MIN_CABLES;
  let full =
    db.prepare("SELECT 1 FROM entity_summary_dirty WHERE entity_id = '*'").get() !== undefined;
  // No mark: the triggers must be there (a mark cleared by hand would leave them out).
  if (!full) resumeSummaryJournal(db);
  if (!full && s.pending.get() === undefined) {
    // Marks without journal entries (an entity row rewritten, nothing it shows changed).
    db.exec("DELETE FROM entity_summary_dirty");
    return {
      mode: "none",
      entities: 0,
      cables: 0,
      comentions: 0,
      threads: 1,
      ms: performance.now() - started,
    };
  }
  const journaled = full ? [] : s.journaled.all();
  if (!full && journaled.length > Math.max(DELTA_MIN, DELTA_SHARE * s.listed.get()!)) full = true;
  // A full build sorts every placed mention: on disk, not in the memory the
  // archive's connections keep temporary tables in (2 GB at 251,287 cables). Changing the setting
  // drops the connection's temporary tables, which every user of one creates afresh per run.
  const sorting = full && columns === null;
  if (sorting) {
    db.pragma("temp_store = FILE");
    db.exec(`DROP TABLE IF EXISTS ${FACTS};
      CREATE TEMP TABLE ${FACTS} (id INTEGER PRIMARY KEY, created TEXT, station TEXT, month TEXT);`);
  }
  // Deltas in one transaction: committed halfway, the placements written would read as applied
  // to a run resumed after a crash while their aggregates were not.
  const batches = new Batches(db, full ? undefined : Number.POSITIVE_INFINITY);
  try {
    const report = full
      ? buildAll(
          db,
          s,
          batches,
          min,
          columns,
          (opts.worker ?? true) &&
            (columns?.n ?? 0) <= (opts.workerMaxMentions ?? THREAD_MAX_MENTIONS),
        )
      : buildDeltas(db, s, batches, journaled, min);
    batches.commit();
    return { ...report, ms: performance.now() - started };
  } catch (err) {
    batches.rollback();
    throw err;
  } finally {
    if (sorting) {
      db.exec(`DROP TABLE IF EXISTS ${FACTS}`);
      db.pragma("temp_store = MEMORY");
    }
  }
}

/** Codes for entity ids, assigned on first sight (a full build assigns them in name order first). */
function coder(
  s: Statements,
  batches: Batches,
  known = new Map<string, number>(),
): (id: string) => number {
  return (id) => {
    let c = known.get(id) ?? s.code.get(id);
    if (c === undefined) {
      c = Number(s.newCode.run(id).lastInsertRowid);
      batches.wrote();
    }
    known.set(id, c);
    return c;
  };
}

function writeCable(
  s: Statements,
  batches: Batches,
  codeOf: (id: string) => number,
  cableId: number,
  mentions: readonly { type: EntityType; entity_id: string; protected: number }[],
): void {
  const all = new Set<number>();
  const pub = new Set<number>();
  for (const m of mentions) {
    const v = codeOf(m.entity_id) * 4 + TYPE_CODE[m.type];
    all.add(v);
    if (m.protected === 0) pub.add(v);
  }
  batches.wrote();
  // As a full build: a cable naming no entity has no list.
  if (all.size === 0) {
    s.delCable.run(cableId);
    return;
  }
  s.putCable.run({ id: cableId, codes: pack(all), pub: pub.size === all.size ? null : pack(pub) });
}

/**
 * Every entity and cable from one sequential pass over the mentions (in the table's order, with
 * their cables, also in order), copied to a temporary table; entity_cables is sorted by SQLite
 * from that copy, and the aggregates counted in one pass over entity_cables in its key order
 * (writeAllStats). Reading entity by entity instead looked every mention up at random: 19
 * minutes at 251,287 cables; grouping the copy once per aspect in SQL sorted it five more times
 * (342 of 735 s at 251,287 cables). With the columns of the full resolution that has just run
 * (entity-summary-handoff.ts), the same rows come from memory instead (entity-summary-scan.ts):
 * no sort in SQLite, no read of `mentions`.
 */
function buildAll(
  db: Db,
  s: Statements,
  batches: Batches,
  min: number,
  columns: SummaryColumns | null,
  worker: boolean,
): Omit<SummaryReport, "ms"> {
  for (const t of ["entity_stats", "entity_cables", "cable_entities", "entity_summary_journal"]) {
    db.exec(`DELETE FROM ${t}`);
  }
  // New codes in name order: facets break ties by code, so ties read alphabetically.
  db.exec(`INSERT INTO entity_codes (entity_id)
           SELECT id FROM entities WHERE id NOT IN (SELECT entity_id FROM entity_codes)
            ORDER BY name, id`);
  const codes = db.prepare<[], [string, number]>("SELECT entity_id, code FROM entity_codes").raw();
  let entities: number;
  let cables: number;
  let comentions: number;
  let threads: 1 | 2 = 1;
  if (columns) {
    // Read, not mapped (peak RSS of the step at 50,000 cables: 566 MB mapped, 419 MB read).
    [entities, cables, comentions] = unmapped(db, () => {
      // entity_cables and entity_stats on both cores (entity-summary-parallel.ts): the worker's
      // share is copied in once this thread has written the packed lists and co-mentions.
      const written = writeRows(db, orderPlacements(db, columns), batches, worker);
      let listed: number;
      let pairs: number;
      try {
        listed = writeListsFromColumns(db, columns, new Map(codes.all()), batches);
        pairs = storeComentions(db, null, min, (n) => batches.wrote(n));
      } catch (err) {
        if ("dispose" in written) written.dispose();
        throw err;
      }
      if (!("finish" in written)) return [written.entities, listed, pairs];
      threads = 2;
      return [written.finish(batches), listed, pairs];
    });
  } else {
    entities = sortPlacements(db, batches);
    // Every code at once (all assigned above): one statement, not one per entity.
    cables = writeLists(db, s, batches, coder(s, batches, new Map(codes.all())));
    comentions = storeComentions(db, null, min, (n) => batches.wrote(n));
  }
  // With the mark, the journal's triggers go back: from here on every change is journaled.
  resumeSummaryJournal(db);
  db.exec("DELETE FROM entity_summary_dirty");
  return { mode: "full", entities, cables, comentions, threads };
}

function statsInsert(db: Db, batches: Batches): BulkInsert {
  return new BulkInsert(db, `entity_stats (${STATS_COLUMNS.join(", ")})`, 9, batches);
}

/** entity_cables sorted by SQLite from the mentions, then entity_stats from it; returns entities. */
function sortPlacements(db: Db, batches: Batches): number {
  db.exec(`INSERT INTO ${FACTS} (id, created, station, month)
           SELECT a.id, a.created, b.station, a.month
             FROM cables a INDEXED BY cables_search_meta
             JOIN cables b INDEXED BY cables_entity_facts ON b.id = a.id`);
  // Sorted once, by SQLite, in the table's key order; the aggregates are then counted from it.
  db.exec(`INSERT INTO entity_cables
             (entity_id, created, cable_id, seq, protected, station, month, roles, rule)
           SELECT m.entity_id, coalesce(c.created, ''), m.cable_id, m.seq, m.protected,
                  coalesce(c.station, ''), coalesce(c.month, ''), m.roles, ${linkRuleSql("m.link")}
             FROM mentions m NOT INDEXED JOIN ${FACTS} c ON c.id = m.cable_id
            WHERE m.entity_id IS NOT NULL ORDER BY 1, 2, 3, 4`);
  batches.wrote(WRITES_PER_TRANSACTION);
  const stats = statsInsert(db, batches);
  const entities = writeAllStats(db, (row) => stats.add(row));
  stats.flush();
  return entities;
}

/** Packed lists of every cable, from a walk of the mentions; returns the cables listed. */
function writeLists(
  db: Db,
  s: Statements,
  batches: Batches,
  codeOf: (id: string) => number,
): number {
  // Packed lists, cable by cable, from the mentions in their table's order (placed or not: a
  // condition on entity_id could lead the planner to mentions_entity and a seek per row).
  const page = db.prepare<[number, number, number], SourceRow>(
    `SELECT cable_id, seq, entity_id, type, protected FROM mentions NOT INDEXED
      WHERE (cable_id, seq) > (?, ?) ORDER BY cable_id, seq LIMIT ?`,
  );
  let cables = 0;
  let current = -1;
  let pending: (SourceRow & { entity_id: string })[] = [];
  const flush = () => {
    if (current >= 0) {
      writeCable(s, batches, codeOf, current, pending);
      cables++;
    }
    pending = [];
  };
  for (const rows of chunks<SourceRow, [number, number]>(
    (after, limit) => page.all(after?.[0] ?? -1, after?.[1] ?? -1, limit),
    (r) => [r.cable_id, r.seq],
  )) {
    for (const r of rows) {
      if (r.entity_id === null) continue;
      if (r.cable_id !== current) {
        flush();
        current = r.cable_id;
      }
      pending.push({ ...r, entity_id: r.entity_id });
    }
  }
  flush();
  return cables;
}

function buildDeltas(
  db: Db,
  s: Statements,
  batches: Batches,
  journaled: readonly number[],
  min: number,
): Omit<SummaryReport, "ms"> {
  const wrote = (n: number) => batches.wrote(n);
  const delta = applyDeltas(db, journaled, wrote);
  const codeOf = coder(s, batches);
  // Every journaled cable: one whose mentions were replaced by equal ones changed nothing above
  // but lost its packed list to the trigger.
  for (const cableId of journaled) {
    writeCable(s, batches, codeOf, cableId, s.cableMentions.all(cableId));
  }
  const comentions = storeComentions(db, delta.touched, min, wrote);
  db.exec("DELETE FROM entity_summary_journal");
  db.exec("DELETE FROM entity_summary_dirty");
  return {
    mode: "incremental",
    entities: delta.entities,
    cables: journaled.length,
    comentions,
    threads: 1,
  };
}

/** Whether the summaries pages and facets read are up to date, for `stats` and the server. */
export interface SummaryState {
  /** Nothing pending: pages and facets read the summaries. */
  current: boolean;
  /** A full build is pending (the '*' mark: a new archive, a migration, a stopped run). */
  full: boolean;
  /** Entities marked stale, besides a full build's mark. */
  entities: number;
  /** Cables journaled since the last build. */
  cables: number;
}

export function summaryState(db: Db): SummaryState {
  const row = db
    .prepare<[], { full: number; entities: number; cables: number }>(
      `SELECT EXISTS (SELECT 1 FROM entity_summary_dirty WHERE entity_id = '*') AS full,
              (SELECT count(*) FROM entity_summary_dirty WHERE entity_id <> '*') AS entities,
              (SELECT count(DISTINCT cable_id) FROM entity_summary_journal) AS cables`,
    )
    .get()!;
  const full = row.full === 1;
  return {
    current: !full && row.entities === 0 && row.cables === 0,
    full,
    entities: row.entities,
    cables: row.cables,
  };
}
