import type { Db } from "./db.js";
import { clearDerived, deleteDerived, type PlacedRow, writeDerived } from "./entities-derived.js";
import type { EntityType } from "./entities-input.js";
import { type MentionFacts, mentionKeys, type OwnersOf, resolve } from "./entities-rule.js";

/**
 * Resolution at the end of each ingest, in one transaction: mentions placed in entities by the
 * rule (entities-rule.ts), and the tables derived from them (entities-derived.ts) brought up to
 * date. Incremental by default: only the groups (mentionKeys) that new mentions (entity_id NULL)
 * and removed ones (entity_dirty, filled by a trigger) touch are resolved again, and only the
 * entities whose mentions moved are rebuilt — the same result as a full run, which happens on a
 * first ingest, after the migration that introduced groups, or when asked (`full`).
 */

interface Row {
  cable_id: number;
  seq: number;
  type: EntityType;
  name: string;
  variants: string;
  roles: string;
  protected: number;
  entity_id: string | null;
  link: string | null;
  station: string | null;
  year: number | null;
  created: string | null;
  key: string | null;
  vkeys: string;
}

export interface ResolveReport {
  /** `full` or `incremental`. */
  mode: "full" | "incremental";
  /** Mentions resolved (all of them in a full run, the touched groups' otherwise). */
  mentions: number;
  /** Entities written (all in a full run, the touched ones otherwise). */
  entities: number;
  /** Mentions whose placement changed. */
  changed: number;
  ms: number;
}

export interface ResolveOptions {
  /** Resolve every mention of the archive and rebuild every derived row. */
  full?: boolean;
}

const SELECT = `SELECT m.cable_id, m.seq, m.type, m.name, m.variants, m.roles, m.protected,
       m.entity_id, m.link, c.station, c.year, c.created, m.key, m.vkeys
  FROM mentions m JOIN cables c ON c.id = m.cable_id`;

const facts = (r: Row): MentionFacts => ({
  type: r.type,
  name: r.name,
  variants: JSON.parse(r.variants) as string[],
  roles: JSON.parse(r.roles) as string[],
  station: r.station,
  year: r.year,
});

const placed = (r: Row, f: MentionFacts, entityId: string): PlacedRow => ({
  entityId,
  type: r.type,
  cableId: r.cable_id,
  name: r.name,
  variants: f.variants,
  protected: r.protected === 1,
  created: r.created,
});

const byPosition = (a: Row, b: Row) => a.cable_id - b.cable_id || a.seq - b.seq;

export function resolveEntities(db: Db, options: ResolveOptions = {}): ResolveReport {
  const started = performance.now();
  return db.transaction((): ResolveReport => {
    const fullRun =
      options.full === true ||
      db.prepare("SELECT 1 FROM entity_dirty WHERE type = '*'").get() !== undefined ||
      db.prepare("SELECT 1 FROM entities LIMIT 1").get() === undefined;
    const report = fullRun ? resolveAll(db) : resolveTouched(db);
    db.exec("DELETE FROM entity_dirty");
    return { ...report, ms: performance.now() - started };
  })();
}

function updater(db: Db) {
  const update = db.prepare(
    "UPDATE mentions SET entity_id = ?, link = ?, key = ?, vkeys = ? WHERE cable_id = ? AND seq = ?",
  );
  return (r: Row, f: MentionFacts, entityId: string, link: string): boolean => {
    const { key, vkeys } = mentionKeys(f);
    const v = vkeys.join("\n");
    if (entityId === r.entity_id && link === r.link && key === r.key && v === r.vkeys) return false;
    update.run(entityId, link, key, v, r.cable_id, r.seq);
    return entityId !== r.entity_id || link !== r.link;
  };
}

/** Every mention; derived tables and variant owners rebuilt unless nothing moved. */
function resolveAll(db: Db): Omit<ResolveReport, "ms"> {
  const rows = db.prepare<[], Row>(`${SELECT} ORDER BY m.cable_id, m.seq`).all();
  const all = rows.map(facts);
  const { placements } = resolve(all);
  const update = updater(db);
  let changed = 0;
  const out: PlacedRow[] = rows.map((r, i) => {
    const p = placements[i]!;
    if (update(r, all[i]!, p.entityId, p.link)) changed++;
    return placed(r, all[i]!, p.entityId);
  });
  rebuildOwners(db, rows, all);
  const entities = new Set(out.map((r) => r.entityId)).size;
  const stored = db.prepare<[], number>("SELECT count(*) FROM entities").pluck().get()!;
  // Every placement as it was: the derived tables are what they were (a rerun, a re-ingest).
  if (changed > 0 || entities !== stored) {
    clearDerived(db);
    writeDerived(db, out);
  }
  return { mode: "full", mentions: rows.length, entities, changed };
}

function rebuildOwners(db: Db, rows: readonly Row[], all: readonly MentionFacts[]): void {
  db.exec("DELETE FROM entity_owners");
  const counts = new Map<string, number>();
  rows.forEach((r, i) => {
    if (r.type === "person") return;
    const { key, vkeys } = mentionKeys(all[i]!);
    for (const v of vkeys) {
      const k = `${r.type}\u0000${v}\u0000${key}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  });
  const ins = db.prepare(
    "INSERT INTO entity_owners (type, vkey, key, mentions) VALUES (?, ?, ?, ?)",
  );
  for (const k of [...counts.keys()].sort()) {
    const [type, vkey, key] = k.split("\u0000") as [string, string, string];
    ins.run(type, vkey, key, counts.get(k)!);
  }
}

interface Removed {
  type: EntityType;
  key: string | null;
  vkeys: string | null;
  entity_id: string;
}

/** The groups new and removed mentions touch; their entities rebuilt. */
function resolveTouched(db: Db): Omit<ResolveReport, "ms"> {
  const removed = db
    .prepare<[], Removed>("SELECT type, key, vkeys, entity_id FROM entity_dirty")
    .all();
  const fresh = db.prepare<[], Row>(`${SELECT} WHERE m.entity_id IS NULL`).all();
  if (removed.length === 0 && fresh.length === 0)
    return { mode: "incremental", mentions: 0, entities: 0, changed: 0 };

  // Variant owners first: a touched organisation or place is placed by the owners as they now are.
  const owners = db.prepare(
    `INSERT INTO entity_owners (type, vkey, key, mentions) VALUES (?, ?, ?, ?)
     ON CONFLICT (type, vkey, key) DO UPDATE SET mentions = mentions + excluded.mentions`,
  );
  const touched: Record<EntityType, Set<string>> = {
    person: new Set(),
    org: new Set(),
    place: new Set(),
  };
  const touch = (type: EntityType, key: string, vkeys: readonly string[], delta: number) => {
    touched[type].add(key);
    for (const v of vkeys) {
      touched[type].add(v);
      owners.run(type, v, key, delta);
    }
  };
  const affected = new Set<string>();
  for (const d of removed) {
    affected.add(d.entity_id);
    touch(d.type, d.key ?? "", d.vkeys ? d.vkeys.split("\n") : [], -1);
  }
  for (const r of fresh) {
    const { key, vkeys } = mentionKeys(facts(r));
    touch(r.type, key, vkeys, 1);
  }
  db.exec("DELETE FROM entity_owners WHERE mentions <= 0");

  const inGroup = db.prepare<[EntityType, string], Row>(`${SELECT} WHERE m.type = ? AND m.key = ?`);
  const rows: Row[] = [];
  for (const type of ["person", "org", "place"] as const) {
    const group: Row[] = [];
    for (const key of touched[type]) group.push(...inGroup.all(type, key));
    rows.push(...group.sort(byPosition));
  }
  const ownerKeys = db
    .prepare<[string, string], string>("SELECT key FROM entity_owners WHERE type = ? AND vkey = ?")
    .pluck();
  const ownersOf: OwnersOf = (type, variant) => {
    const keys = ownerKeys.all(type, variant);
    return keys.length > 0 ? new Set(keys) : undefined;
  };
  const all = rows.map(facts);
  const { placements } = resolve(all, ownersOf);
  const update = updater(db);
  let changed = 0;
  rows.forEach((r, i) => {
    const p = placements[i]!;
    if (r.entity_id) affected.add(r.entity_id);
    affected.add(p.entityId);
    if (update(r, all[i]!, p.entityId, p.link)) changed++;
  });

  // The affected entities from all their mentions as now placed.
  deleteDerived(db, affected);
  const ofEntity = db.prepare<[string], Row>(`${SELECT} WHERE m.entity_id = ?`);
  const out: PlacedRow[] = [];
  for (const id of affected) {
    for (const r of ofEntity.all(id)) out.push(placed(r, facts(r), id));
  }
  writeDerived(db, out);
  return { mode: "incremental", mentions: rows.length, entities: affected.size, changed };
}
