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
import { Batches, chunks } from "./entities-walk.js";
import { mentionRows, type SummaryRow, statRows } from "./entity-summary-stats.js";

export interface SummaryReport {
  mode: "full" | "incremental" | "none";
  /** Entities whose summaries were rebuilt. */
  entities: number;
  /** Cables whose packed entity list was rewritten. */
  cables: number;
  ms: number;
}

const SUMMARY_SELECT = `SELECT m.entity_id, m.cable_id, m.seq, m.roles, m.link, m.protected,
       c.created, c.station, c.month
  FROM mentions m JOIN cables c ON c.id = m.cable_id`;

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
    insStat: db.prepare(
      `INSERT INTO entity_stats (entity_id, kind, key, cables, public_cables, first, last,
                                 public_first, public_last) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
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
  const batches = new Batches(db);
  try {
    const report = full ? buildAll(db, s, batches) : buildDirty(db, s, batches);
    batches.commit();
    return { ...report, ms: performance.now() - started };
  } catch (err) {
    batches.rollback();
    throw err;
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

/** One entity's stats and mention list, written afresh (a full build: nothing stored before). */
function writeEntity(s: Statements, batches: Batches, id: string, rows: SummaryRow[]): void {
  for (const st of statRows(rows)) {
    s.insStat.run(id, ...st);
  }
  // In the table's key order: appends rather than page splits.
  const sorted = rows
    .map((r) => ({ r, created: r.created ?? "" }))
    .sort(
      (a, b) =>
        (a.created < b.created ? -1 : a.created > b.created ? 1 : 0) ||
        a.r.cable_id - b.r.cable_id ||
        a.r.seq - b.r.seq,
    );
  for (const { r, created } of sorted) s.insCable.run(id, created, r.cable_id, r.seq, r.protected);
  batches.wrote(rows.length + 1);
}

function buildAll(db: Db, s: Statements, batches: Batches): Omit<SummaryReport, "ms"> {
  for (const t of ["entity_stats", "entity_cables", "cable_entities"]) {
    db.exec(`DELETE FROM ${t}`);
  }
  // New codes in name order: facets break ties by code, so ties read alphabetically.
  db.exec(`INSERT INTO entity_codes (entity_id)
           SELECT id FROM entities WHERE id NOT IN (SELECT entity_id FROM entity_codes)
            ORDER BY name, id`);
  batches.wrote(1000);
  const codeOf = coder(s, batches);

  // Packed lists, cable by cable in storage order.
  const page = db.prepare<
    [number, number, number],
    { cable_id: number; seq: number; type: EntityType; entity_id: string; protected: number }
  >(
    `SELECT cable_id, seq, type, entity_id, protected FROM mentions
      WHERE (cable_id, seq) > (?, ?) AND entity_id IS NOT NULL ORDER BY cable_id, seq LIMIT ?`,
  );
  let cables = 0;
  let current = -1;
  let pending: { type: EntityType; entity_id: string; protected: number }[] = [];
  const flush = () => {
    if (current >= 0) writeCable(s, batches, codeOf, current, pending);
    if (current >= 0) cables++;
    pending = [];
  };
  for (const rows of chunks(
    (after: [number, number] | null, limit) => page.all(after?.[0] ?? -1, after?.[1] ?? -1, limit),
    (r) => [r.cable_id, r.seq] as [number, number],
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

  // Entity by entity, in mentions_entity order.
  let entities = 0;
  let id: string | null = null;
  let rows: SummaryRow[] = [];
  for (const chunk of mentionRows(db)) {
    for (const r of chunk) {
      if (r.entity_id !== id) {
        if (id !== null) writeEntity(s, batches, id, rows);
        if (id !== null) entities++;
        id = r.entity_id;
        rows = [];
      }
      rows.push(r);
    }
  }
  if (id !== null) {
    writeEntity(s, batches, id, rows);
    entities++;
  }
  db.exec("DELETE FROM entity_summary_dirty");
  return { mode: "full", entities, cables };
}

function buildDirty(db: Db, s: Statements, batches: Batches): Omit<SummaryReport, "ms"> {
  const codeOf = coder(s, batches);
  const changed = new Set<number>();
  const entityRows = db.prepare<[string], SummaryRow>(`${SUMMARY_SELECT} WHERE m.entity_id = ?`);
  let entities = 0;
  for (const ids of chunks(
    (after: string | null, limit) => s.dirty.all(after ?? "", limit),
    (id) => id,
  )) {
    for (const id of ids) {
      const rows = entityRows.all(id);
      const key = (r: SummaryRow) => `${r.created ?? ""}\t${r.cable_id}\t${r.seq}\t${r.protected}`;
      const stored = new Map(s.stored.all(id).map((r) => [r.key, r.cable_id]));
      const added = rows.filter((r) => !stored.delete(key(r)));
      // Removed first: a mention whose protection changed keeps its key but for that flag.
      for (const [k, cableId] of stored) {
        const [created, , seq] = k.split("\t");
        s.delCable.run(id, created, cableId, Number(seq));
        changed.add(cableId);
        batches.wrote();
      }
      for (const r of added) {
        s.insCable.run(id, r.created ?? "", r.cable_id, r.seq, r.protected);
        changed.add(r.cable_id);
        batches.wrote();
      }
      s.delStats.run(id);
      for (const st of statRows(rows)) s.insStat.run(id, ...st);
      s.undirty.run(id);
      batches.wrote(2);
      entities++;
    }
  }
  for (const cableId of changed) {
    writeCable(s, batches, codeOf, cableId, s.cableMentions.all(cableId));
  }
  return { mode: "incremental", entities, cables: changed.size };
}
