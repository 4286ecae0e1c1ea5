import type { Db } from "./db.js";
import { clearDerived } from "./entities-derived.js";
import type { EntityType } from "./entities-input.js";
import { placedEntities, rebuildEntities, resolveGroup, storedOwners } from "./entities-rows.js";
import { mentionKeys } from "./entities-rule.js";
import { buildIndex, MENTIONS_ENTITY_INDEX, PlacementStage } from "./entities-stage.js";
import { resolveTouched } from "./entities-touched.js";
import { Batches, chunks, distinctKeys } from "./entities-walk.js";

/**
 * Resolution at the end of each ingest: mentions placed in entities by the rule
 * (entities-rule.ts), and the tables derived from them (entities-derived.ts) brought up to date.
 * Incremental by default: only the groups (mentionKeys) that new mentions (entity_id NULL) and
 * removed ones (entity_dirty, filled by a trigger) touch are resolved again, and only the entities
 * whose mentions moved are rebuilt — the same result as a full run, which happens on a first
 * ingest, after the migration that introduced groups, or when asked (`full`).
 *
 * Memory is bounded by the largest group or entity, not by the archive: a placement depends only
 * on its group's mentions (and the archive-wide variant owners, kept in entity_owners), so groups
 * are read one at a time in key order, then each entity's derived rows are built from its
 * mentions one entity at a time (entities-walk.ts). At 251,287 cables the whole archive's
 * mentions (6.5 million) did not fit a 4 GB heap; its largest group is 170,000 mentions. A full
 * run stages its placements and writes them in the table's order (entities-stage.ts).
 *
 * Writes are committed every WRITES_PER_TRANSACTION rows, so the WAL stays small; a reader may
 * see the tables half-way through a run. A run stopped part-way leaves the `resolving` mark in
 * entity_dirty, so the next run is a full one and rebuilds every derived row.
 */

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
  /** Writes per committed transaction (default WRITES_PER_TRANSACTION). */
  writesPerTransaction?: number;
}

/** The mark a run leaves in entity_dirty until it ends (the migration's mark has no key). */
const RESOLVING = "resolving";

export function resolveEntities(db: Db, options: ResolveOptions = {}): ResolveReport {
  const started = performance.now();
  const batches = new Batches(db, options.writesPerTransaction);
  try {
    const marks = db
      .prepare<[], string | null>("SELECT key FROM entity_dirty WHERE type = '*'")
      .pluck()
      .all();
    const stopped = marks.includes(RESOLVING);
    const fullRun =
      options.full === true ||
      marks.length > 0 ||
      db.prepare("SELECT 1 FROM entities LIMIT 1").get() === undefined;
    // A full run builds mentions_entity where it is missing when it applies its placements
    // (entities-stage.ts): a first ingest leaves it out (startMentionLoad), not to build it twice.
    if (!fullRun) buildIndex(db, MENTIONS_ENTITY_INDEX);
    db.prepare("INSERT INTO entity_dirty (type, key) VALUES ('*', ?)").run(RESOLVING);
    const report = fullRun ? resolveAll(db, batches, stopped) : resolveTouched(db, batches);
    db.exec("DELETE FROM entity_dirty");
    batches.commit();
    return { ...report, ms: performance.now() - started };
  } catch (err) {
    batches.rollback();
    throw err;
  }
}

/**
 * Every mention, group by group; the derived tables rebuilt unless nothing moved (a rerun, a
 * re-ingest) — always after a run that stopped part-way, whose derived rows may be half-built.
 */
function resolveAll(db: Db, batches: Batches, rebuild: boolean): Omit<ResolveReport, "ms"> {
  rekey(db, batches);
  const ownersOf = storedOwners(db);
  const stage = new PlacementStage(db);
  let mentions = 0;
  let changed = 0;
  for (const [type, key] of groups(db)) {
    const r = resolveGroup(db, type, key, ownersOf, batches, { keysFresh: true, stage });
    mentions += r.mentions;
    changed += r.changed;
  }
  stage.apply(batches, mentions);
  const count = (sql: string) => db.prepare<[], number>(sql).pluck().get()!;
  const entities = count("SELECT count(DISTINCT entity_id) FROM mentions");
  if (rebuild || changed > 0 || entities !== count("SELECT count(*) FROM entities")) {
    clearDerived(db);
    rebuildEntities(db, placedEntities(db), batches, { fresh: true });
  }
  return { mode: "full", mentions, entities, changed };
}

interface KeyRow {
  cable_id: number;
  seq: number;
  type: EntityType;
  name: string;
  variants: string;
  key: string | null;
  vkeys: string;
}

/**
 * Every mention's group keys computed afresh (the mentions stored before migration 008 have none,
 * and a changed rule may move them), chunk by chunk in storage order, and the variant owners
 * counted from them into entity_owners.
 */
function rekey(db: Db, batches: Batches): void {
  const page = db.prepare<[number, number, number], KeyRow>(
    `SELECT cable_id, seq, type, name, variants, key, vkeys FROM mentions
      WHERE (cable_id, seq) > (?, ?) ORDER BY cable_id, seq LIMIT ?`,
  );
  const setKeys = db.prepare(
    "UPDATE mentions SET key = ?, vkeys = ? WHERE cable_id = ? AND seq = ?",
  );
  const own = db.prepare(
    `INSERT INTO entity_owners (type, vkey, key, mentions) VALUES (?, ?, ?, 1)
     ON CONFLICT (type, vkey, key) DO UPDATE SET mentions = mentions + 1`,
  );
  db.exec("DELETE FROM entity_owners");
  const walk = chunks<KeyRow, [number, number]>(
    (after, limit) => page.all(after?.[0] ?? -1, after?.[1] ?? -1, limit),
    (r) => [r.cable_id, r.seq],
  );
  for (const rows of walk) {
    for (const r of rows) {
      const variants = JSON.parse(r.variants) as string[];
      const { key, vkeys } = mentionKeys({ type: r.type, name: r.name, variants });
      const v = vkeys.join("\n");
      if (key !== r.key || v !== r.vkeys) {
        setKeys.run(key, v, r.cable_id, r.seq);
        batches.wrote();
      }
      if (r.type === "person") continue;
      for (const fv of vkeys) own.run(r.type, fv, key);
      batches.wrote(vkeys.length);
    }
  }
}

/** Every group of the archive, in key order, one at a time. */
function groups(db: Db): Generator<[EntityType, string]> {
  const first = db.prepare<[], [EntityType, string]>(
    "SELECT type, key FROM mentions WHERE key IS NOT NULL ORDER BY type, key LIMIT 1",
  );
  const next = db.prepare<[EntityType, string], [EntityType, string]>(
    "SELECT type, key FROM mentions WHERE (type, key) > (?, ?) ORDER BY type, key LIMIT 1",
  );
  first.raw();
  next.raw();
  return distinctKeys(
    () => first.get(),
    ([type, key]) => next.get(type, key),
  );
}
