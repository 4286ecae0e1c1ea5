import type { Db } from "./db.js";
import type { EntityType } from "./entities-input.js";
import { rebuildEntities, resolveGroup, storedOwners } from "./entities-rows.js";
import { mentionKeys } from "./entities-rule.js";
import { type Batches, chunks, distinctKeys } from "./entities-walk.js";

/**
 * The incremental run of resolution (entities-resolve.ts): the groups that new mentions
 * (entity_id NULL) and removed ones (entity_dirty) touch, and the entities whose mentions moved.
 * Which groups and entities those are is kept in temporary tables, not in memory: an ingest that
 * adds or replaces many cables touches many of them.
 */

interface Removed {
  id: number;
  type: EntityType;
  key: string | null;
  vkeys: string | null;
  entity_id: string;
}

interface Fresh {
  cable_id: number;
  seq: number;
  type: EntityType;
  name: string;
  variants: string;
}

/** Prepared per call: a rolled-back transaction takes the temporary tables it created with it. */
function statements(db: Db) {
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS entity_touched (
      type TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (type, key)) WITHOUT ROWID;
    CREATE TEMP TABLE IF NOT EXISTS entity_affected (id TEXT PRIMARY KEY) WITHOUT ROWID;`);
  return {
    removed: db.prepare<[number, number], Removed>(
      `SELECT rowid AS id, type, key, vkeys, entity_id FROM entity_dirty
        WHERE rowid > ? AND type <> '*' ORDER BY rowid LIMIT ?`,
    ),
    // In mentions_entity order (NULL first, then the primary key).
    fresh: db.prepare<[number, number, number], Fresh>(
      `SELECT cable_id, seq, type, name, variants FROM mentions
        WHERE entity_id IS NULL AND (cable_id, seq) > (?, ?)
        ORDER BY entity_id, cable_id, seq LIMIT ?`,
    ),
    owners: db.prepare(
      `INSERT INTO entity_owners (type, vkey, key, mentions) VALUES (?, ?, ?, ?)
       ON CONFLICT (type, vkey, key) DO UPDATE SET mentions = mentions + excluded.mentions`,
    ),
    touch: db.prepare("INSERT OR IGNORE INTO temp.entity_touched (type, key) VALUES (?, ?)"),
    affect: db.prepare("INSERT OR IGNORE INTO temp.entity_affected (id) VALUES (?)"),
    firstTouched: db
      .prepare<[], [EntityType, string]>(
        "SELECT type, key FROM temp.entity_touched ORDER BY type, key LIMIT 1",
      )
      .raw(),
    nextTouched: db
      .prepare<[EntityType, string], [EntityType, string]>(
        "SELECT type, key FROM temp.entity_touched WHERE (type, key) > (?, ?) ORDER BY type, key LIMIT 1",
      )
      .raw(),
    firstAffected: db
      .prepare<[], string>("SELECT id FROM temp.entity_affected ORDER BY id LIMIT 1")
      .pluck(),
    nextAffected: db
      .prepare<[string], string>(
        "SELECT id FROM temp.entity_affected WHERE id > ? ORDER BY id LIMIT 1",
      )
      .pluck(),
    affected: db.prepare<[], number>("SELECT count(*) FROM temp.entity_affected").pluck(),
  };
}

/** What the first half of an incremental run did. */
export interface TouchedPlacements {
  /** Mentions of the touched groups, resolved again. */
  mentions: number;
  /** Of those, the ones whose entity or link changed. */
  changed: number;
}

/**
 * The first half of an incremental run: the variant owners moved by the new and removed
 * mentions, and every group they touch placed again. The entities whose mentions moved are left
 * in `temp.entity_affected` (affectedEntities) for rebuildAffected.
 */
export function placeTouched(db: Db, batches: Batches): TouchedPlacements {
  const s = statements(db);
  db.exec("DELETE FROM temp.entity_touched; DELETE FROM temp.entity_affected;");
  // Variant owners first: a touched organisation or place is placed by the owners as they now are.
  const touch = (type: EntityType, key: string, vkeys: readonly string[], delta: number) => {
    s.touch.run(type, key);
    for (const v of vkeys) {
      s.touch.run(type, v);
      s.owners.run(type, v, key, delta);
    }
    batches.wrote(1 + 2 * vkeys.length);
  };
  let inputs = 0;
  const removed = chunks<Removed, number>(
    (after, limit) => s.removed.all(after ?? 0, limit),
    (r) => r.id,
  );
  for (const rows of removed) {
    for (const d of rows) {
      s.affect.run(d.entity_id);
      touch(d.type, d.key ?? "", removedVkeys(d.vkeys), -1);
      inputs++;
    }
  }
  const fresh = chunks<Fresh, [number, number]>(
    (after, limit) => s.fresh.all(after?.[0] ?? -1, after?.[1] ?? -1, limit),
    (r) => [r.cable_id, r.seq],
  );
  for (const rows of fresh) {
    for (const r of rows) {
      const { key, vkeys } = freshKeys(r);
      touch(r.type, key, vkeys, 1);
      inputs++;
    }
  }
  if (inputs === 0) return { mentions: 0, changed: 0 };
  db.exec("DELETE FROM entity_owners WHERE mentions <= 0");

  const ownersOf = storedOwners(db);
  const moved = (before: string | null, after: string) => {
    if (before) s.affect.run(before);
    s.affect.run(after);
  };
  let mentions = 0;
  let changed = 0;
  const touched = distinctKeys<[EntityType, string]>(
    () => s.firstTouched.get(),
    ([type, key]) => s.nextTouched.get(type, key),
  );
  for (const [type, key] of touched) {
    const r = resolveGroup(db, type, key, ownersOf, batches, { moved });
    mentions += r.mentions;
    changed += r.changed;
  }
  return { mentions, changed };
}

/** The group keys a removed mention's journal row names (entity_dirty.vkeys). */
export function removedVkeys(vkeys: string | null): string[] {
  return vkeys ? vkeys.split("\n") : [];
}

/** The group keys of a mention no resolution has placed yet. */
export function freshKeys(r: Pick<Fresh, "type" | "name" | "variants">): {
  key: string;
  vkeys: string[];
} {
  const variants = JSON.parse(r.variants) as string[];
  return mentionKeys({ type: r.type, name: r.name, variants });
}

/** The entities placeTouched left to rebuild, in key order. */
export function affectedEntities(db: Db): Iterable<string> {
  const s = statements(db);
  return distinctKeys(
    () => s.firstAffected.get(),
    (after) => s.nextAffected.get(after),
  );
}

/**
 * The second half: the affected entities' derived rows, from all their mentions as now placed.
 * Returns how many entities were affected.
 */
export function rebuildAffected(db: Db, batches: Batches): number {
  rebuildEntities(db, affectedEntities(db), batches);
  return statements(db).affected.get()!;
}

export function resolveTouched(
  db: Db,
  batches: Batches,
): { mode: "incremental"; mentions: number; entities: number; changed: number } {
  const placed = placeTouched(db, batches);
  return { mode: "incremental", ...placed, entities: rebuildAffected(db, batches) };
}
