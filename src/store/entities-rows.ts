import { type Db, perConnection } from "./db.js";
import { deleteDerived, type PlacedRow, writeDerived } from "./entities-derived.js";
import { signedBy } from "./entities-facts.js";
import type { EntityType } from "./entities-input.js";
import {
  type MentionFacts,
  mentionKeys,
  type OwnersOf,
  type Placement,
  placements,
} from "./entities-rule.js";
import type { Batches } from "./entities-walk.js";

/**
 * What both kinds of resolution run (entities-resolve.ts) read and write: mentions with the facts
 * of their cable, one group or one entity at a time, and the statements that place them.
 */

export interface Row {
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
  signers: string | null;
  us_official: number;
  key: string | null;
  vkeys: string;
}

/** What rebuilding an entity's derived rows reads of each of its mentions. */
interface EntityRow {
  type: EntityType;
  cable_id: number;
  name: string;
  variants: string;
  protected: number;
  created: string | null;
}

// A cable's facts come from cables_entity_facts (migration 013), a few MB that stay in the page
// cache, rather than from rows spread over the whole `cables` table; the planner picks the table.
const CABLE = "JOIN cables c INDEXED BY cables_entity_facts ON c.id = m.cable_id";

const stmts = perConnection((db: Db) => ({
  // Both in index order (mentions_key, mentions_entity; a WITHOUT ROWID table's index ends with
  // the primary key), so neither sorts.
  group: db.prepare<[EntityType, string], Row>(
    `SELECT m.cable_id, m.seq, m.type, m.name, m.variants, m.roles, m.protected,
            m.entity_id, m.link, c.station, c.year, c.created, m.key, m.vkeys,
            c.signers, m.us_official
       FROM mentions m ${CABLE}
      WHERE m.type = ? AND m.key = ? ORDER BY m.type, m.key, m.cable_id, m.seq`,
  ),
  update: db.prepare(
    "UPDATE mentions SET entity_id = ?, link = ?, key = ?, vkeys = ? WHERE cable_id = ? AND seq = ?",
  ),
  owners: db
    .prepare<[string, string], string>("SELECT key FROM entity_owners WHERE type = ? AND vkey = ?")
    .pluck(),
}));

// Covered by mentions_entity (migration 013): read in index order, no seek into the table. Apart
// from the others: a first ingest leaves that index out (startMentionLoad) and a full run builds it
// when it writes its placements, so it may not exist yet when the other statements are prepared.
const entityStmt = perConnection((db: Db) =>
  db.prepare<[string], EntityRow>(
    `SELECT m.type, m.cable_id, m.name, m.variants, m.protected, c.created
       FROM mentions m INDEXED BY mentions_entity ${CABLE}
      WHERE m.entity_id = ? ORDER BY m.entity_id, m.cable_id, m.seq`,
  ),
);

export const facts = (r: Row): MentionFacts => {
  const variants = JSON.parse(r.variants) as string[];
  return {
    type: r.type,
    name: r.name,
    variants,
    roles: JSON.parse(r.roles) as string[],
    station: r.station,
    year: r.year,
    date: r.created,
    signed: r.type === "person" && signedBy(r.signers, { name: r.name, variants }),
    usOfficial: r.us_official === 1,
    protected: r.protected === 1,
  };
};

const placed = (r: EntityRow, entityId: string): PlacedRow => ({
  entityId,
  type: r.type,
  cableId: r.cable_id,
  name: r.name,
  variants: JSON.parse(r.variants) as string[],
  protected: r.protected === 1,
  created: r.created,
});

/** The mentions of one group (see mentionKeys), in stored order. */
export function groupRows(db: Db, type: EntityType, key: string): Row[] {
  return stmts(db).group.all(type, key);
}

/** Who owns a variant, archive-wide, as entity_owners holds it. */
export function storedOwners(db: Db): OwnersOf {
  const { owners } = stmts(db);
  return (type, variant) => {
    const keys = owners.all(type, variant);
    return keys.length > 0 ? new Set(keys) : undefined;
  };
}

/** Stores a mention's placement and its group keys (recomputed); true when the placement changed. */
export function place(db: Db, r: Row, f: MentionFacts, p: Placement, batches: Batches): boolean {
  const k = mentionKeys(f);
  const key = k.key;
  const v = k.vkeys.join("\n");
  if (p.entityId === r.entity_id && p.link === r.link && key === r.key && v === r.vkeys) {
    return false;
  }
  stmts(db).update.run(p.entityId, p.link, key, v, r.cable_id, r.seq);
  batches.wrote();
  return p.entityId !== r.entity_id || p.link !== r.link;
}

/**
 * Rebuilds the derived rows of each entity in `ids` from all the mentions now placed in it, one
 * entity in memory at a time (an entity with no mentions left just loses its rows). Returns how
 * many entities have rows now.
 */
export function rebuildEntities(db: Db, ids: Iterable<string>, batches: Batches): number {
  const entity = entityStmt(db);
  let n = 0;
  for (const id of ids) {
    deleteDerived(db, [id]);
    const rows = entity.all(id);
    if (rows.length === 0) continue;
    batches.wrote(
      writeDerived(
        db,
        rows.map((r) => placed(r, id)),
      ),
    );
    n++;
  }
  return n;
}

export interface GroupOptions {
  /** Hears of each mention's entity before and after (the incremental run rebuilds both). */
  moved?: (before: string | null, after: string) => void;
}

/** Resolves one group and stores its placements. */
export function resolveGroup(
  db: Db,
  type: EntityType,
  key: string,
  ownersOf: OwnersOf,
  batches: Batches,
  { moved }: GroupOptions = {},
): { mentions: number; changed: number } {
  const rows = groupRows(db, type, key);
  const all = rows.map(facts);
  const placed = placements(all, ownersOf);
  let changed = 0;
  rows.forEach((r, i) => {
    const p = placed[i]!;
    moved?.(r.entity_id, p.entityId);
    if (place(db, r, all[i]!, p, batches)) changed++;
  });
  return { mentions: rows.length, changed };
}
