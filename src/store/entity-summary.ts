/**
 * The finish step after entity resolution: the entity summaries of migration 012 brought up to
 * date from the resolved tables (it reads `mentions`, `entities` and `cables`, and writes only its
 * own tables). Incremental: the entities marked stale (entity_summary_dirty, filled by triggers
 * when resolution rewrites an entity or a resolved mention is deleted) get their page aggregates
 * rebuilt and their list of mentions diffed against the stored one; the cables whose placements
 * the diff shows changed get their packed list rewritten. A cable whose mentions are all new or
 * replaced shows in the diff of the entities they are placed in: a cable with no resolved
 * mention has no list, which counts as an empty one. A full build (the '*' mark: a new archive,
 * the migration) does every entity and cable.
 *
 * Memory is bounded by the largest entity (its mentions), never the archive: rows are read in
 * keyset chunks and writes committed in batches (entities-walk.ts), as resolution does.
 */
import type { Db } from "./db.js";
import type { EntityType } from "./entities-input.js";
import { Batches, chunks, WRITES_PER_TRANSACTION } from "./entities-walk.js";
import { mentionSource, statsInsert } from "./entity-summary-stats.js";

export interface SummaryReport {
  mode: "full" | "incremental" | "none";
  /** Entities whose summaries were rebuilt. */
  entities: number;
  /** Cables whose packed entity list was rewritten. */
  cables: number;
  ms: number;
}

/** The placed mentions a run reads, with their cables' facts, copied once (see mentionSource). */
const SOURCE = "temp.summary_source";

interface SourceRow {
  id: number;
  entity_id: string;
  cable_id: number;
  seq: number;
  type: EntityType;
  protected: number;
  created: string | null;
}

const TYPE_CODE: Record<EntityType, number> = { person: 0, org: 1, place: 2 };

function statements(db: Db) {
  return {
    dirty: db
      .prepare<[string, number], string>(
        "SELECT entity_id FROM entity_summary_dirty WHERE entity_id > ? ORDER BY entity_id LIMIT ?",
      )
      .pluck(),
    undirty: db.prepare("DELETE FROM entity_summary_dirty WHERE entity_id = ?"),
    stored: db.prepare<[string], { key: string; cable_id: number }>(
      `SELECT created || char(9) || cable_id || char(9) || seq || char(9) || protected AS key,
              cable_id FROM entity_cables WHERE entity_id = ?`,
    ),
    delCable: db.prepare(
      "DELETE FROM entity_cables WHERE entity_id = ? AND created = ? AND cable_id = ? AND seq = ?",
    ),
    insCable: db.prepare(
      "INSERT INTO entity_cables (entity_id, created, cable_id, seq, protected) VALUES (?, ?, ?, ?, ?)",
    ),
    delStats: db.prepare("DELETE FROM entity_stats WHERE entity_id = ?"),
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
  };
}
type Statements = ReturnType<typeof statements>;

export function refreshEntitySummaries(db: Db): SummaryReport {
  const started = performance.now();
  const s = statements(db);
  const full =
    db.prepare("SELECT 1 FROM entity_summary_dirty WHERE entity_id = '*'").get() !== undefined;
  if (!full && s.dirty.all("", 1).length === 0) {
    return { mode: "none", entities: 0, cables: 0, ms: performance.now() - started };
  }
  // A full build copies every placed mention and sorts them: on disk, not in the memory the
  // archive's connections keep temporary tables in (2 GB at 251,287 cables). Changing the setting
  // drops the connection's temporary tables, which every user of one creates afresh per run.
  if (full) db.pragma("temp_store = FILE");
  db.exec(`DROP TABLE IF EXISTS ${SOURCE};
    CREATE TEMP TABLE ${SOURCE} AS SELECT * FROM ${mentionSource("0")};`);
  const batches = new Batches(db);
  try {
    const report = full ? buildAll(db, s, batches) : buildDirty(db, s, batches);
    batches.commit();
    return { ...report, ms: performance.now() - started };
  } catch (err) {
    batches.rollback();
    throw err;
  } finally {
    db.exec(`DROP TABLE IF EXISTS ${SOURCE}`);
    if (full) db.pragma("temp_store = MEMORY");
  }
}

/** Codes for entity ids, assigned on first sight (a full build assigns them in name order first). */
function coder(s: Statements, batches: Batches): (id: string) => number {
  const known = new Map<string, number>();
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

/** A cable's packed list: sorted distinct `code * 4 + type`, little-endian uint32. */
function pack(values: Set<number>): Buffer {
  const a = Uint32Array.from([...values].sort((x, y) => x - y));
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
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
  s.putCable.run({ id: cableId, codes: pack(all), pub: pub.size === all.size ? null : pack(pub) });
  batches.wrote();
}

/**
 * Every entity and cable from one sequential pass over the mentions (in the table's order, with
 * their cables, also in order), copied to a temporary table; the aggregates and the sorted mention
 * lists are then grouped and sorted by SQLite from that copy. Reading entity by entity instead
 * looked every mention up at random: 19 minutes at 251,287 cables.
 */
function buildAll(db: Db, s: Statements, batches: Batches): Omit<SummaryReport, "ms"> {
  for (const t of ["entity_stats", "entity_cables", "cable_entities"]) {
    db.exec(`DELETE FROM ${t}`);
  }
  // New codes in name order: facets break ties by code, so ties read alphabetically.
  db.exec(`INSERT INTO entity_codes (entity_id)
           SELECT id FROM entities WHERE id NOT IN (SELECT entity_id FROM entity_codes)
            ORDER BY name, id`);
  db.exec(`INSERT INTO ${SOURCE} SELECT * FROM ${mentionSource("m.entity_id IS NOT NULL")}
            ORDER BY cable_id, seq`);
  db.exec(statsInsert(SOURCE));
  db.exec(`INSERT INTO entity_cables (entity_id, created, cable_id, seq, protected)
           SELECT entity_id, coalesce(created, ''), cable_id, seq, protected FROM ${SOURCE}
            ORDER BY 1, 2, 3, 4`);
  batches.wrote(WRITES_PER_TRANSACTION);
  const codeOf = coder(s, batches);

  // Packed lists, cable by cable (the copy is in cable order).
  const page = db.prepare<[number, number], SourceRow>(
    `SELECT rowid AS id, * FROM ${SOURCE} WHERE rowid > ? ORDER BY rowid LIMIT ?`,
  );
  let cables = 0;
  let current = -1;
  let pending: SourceRow[] = [];
  const flush = () => {
    if (current >= 0) {
      writeCable(s, batches, codeOf, current, pending);
      cables++;
    }
    pending = [];
  };
  for (const rows of chunks(
    (after: number | null, limit) => page.all(after ?? 0, limit),
    (r) => r.id,
  )) {
    for (const r of rows) {
      if (r.cable_id !== current) {
        flush();
        current = r.cable_id;
      }
      pending.push(r);
    }
  }
  flush();
  const entities = db
    .prepare<[], number>(`SELECT count(DISTINCT entity_id) FROM ${SOURCE}`)
    .pluck()
    .get()!;
  db.exec("DELETE FROM entity_summary_dirty");
  return { mode: "full", entities, cables };
}

function buildDirty(db: Db, s: Statements, batches: Batches): Omit<SummaryReport, "ms"> {
  const codeOf = coder(s, batches);
  const changed = new Set<number>();
  const copy = db.prepare(
    `INSERT INTO ${SOURCE} SELECT * FROM ${mentionSource("m.entity_id = ?")}`,
  );
  const copied = db.prepare<[], SourceRow>(`SELECT rowid AS id, * FROM ${SOURCE}`);
  const listed = db.prepare<[number], number>("SELECT 1 FROM cable_entities WHERE cable_id = ?");
  const stats = db.prepare(statsInsert(SOURCE));
  const key = (created: string, cableId: number, seq: number, prot: number) =>
    `${created}\t${cableId}\t${seq}\t${prot}`;
  let entities = 0;
  for (const ids of chunks(
    (after: string | null, limit) => s.dirty.all(after ?? "", limit),
    (id) => id,
  )) {
    for (const id of ids) {
      db.exec(`DELETE FROM ${SOURCE}`);
      copy.run(id);
      const rows = copied.all();
      // A cable whose mentions were replaced by equal ones (a new version naming the same
      // entities) lost its packed list to the trigger, yet shows no change below: list it again.
      for (const r of rows) {
        if (!changed.has(r.cable_id) && listed.get(r.cable_id) === undefined)
          changed.add(r.cable_id);
      }
      const stored = new Map(s.stored.all(id).map((r) => [r.key, r.cable_id]));
      const added = rows.filter(
        (r) => !stored.delete(key(r.created ?? "", r.cable_id, r.seq, r.protected)),
      );
      // Removed first: a mention whose protection changed keeps its key but for that flag.
      for (const [k, cableId] of stored) {
        const [created, , seq] = k.split("\t");
        s.delCable.run(id, created, cableId, Number(seq));
        changed.add(cableId);
      }
      for (const r of added) {
        s.insCable.run(id, r.created ?? "", r.cable_id, r.seq, r.protected);
        changed.add(r.cable_id);
      }
      s.delStats.run(id);
      stats.run();
      s.undirty.run(id);
      batches.wrote(stored.size + added.length + 3);
      entities++;
    }
  }
  for (const cableId of changed) {
    writeCable(s, batches, codeOf, cableId, s.cableMentions.all(cableId));
  }
  return { mode: "incremental", entities, cables: changed.size };
}
