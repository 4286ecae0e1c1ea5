import type { Db } from "./db.js";
import { buildIndex, MENTIONS_ENTITY_INDEX } from "./entities-stage.js";
import type { Batches } from "./entities-walk.js";

/**
 * The placements a full run writes back to `mentions` (entities-full.ts), as plain columns that a
 * second thread can take (entities-thread.ts): the per-mention columns are the scan's own
 * typed arrays, on shared memory where the scan put them there, so handing them over copies
 * nothing per mention. Written in the table's order, so consecutive updates share pages.
 */
export interface MentionWrites {
  n: number;
  /** Per mention: 0 unchanged, PLACE its placement, REKEY its placement and group keys. */
  what: Uint8Array;
  /** Per mention: its cable (index into `cableId`), seq, placement (indexes into the pools). */
  cable: Int32Array;
  seq: Int32Array;
  entity: Int32Array;
  link: Int32Array;
  cableId: readonly number[];
  entityIds: readonly string[];
  links: readonly string[];
  /** The group keys of the REKEY mentions, in table order. */
  keys: readonly string[];
  vkeys: readonly string[];
  /** Mentions to write. */
  count: number;
  /** Drop `mentions_entity` for the writes and build it after (a large share moves). */
  rebuild: boolean;
}

export const PLACE = 1;
export const REKEY_WRITE = 2;

/** Placements per multi-row UPDATE: a statement per row cost a sixth more CPU (1.2 M rows). */
export const PLACEMENTS_PER_UPDATE = 200;

function placeSql(rows: number): string {
  const values = new Array(rows).fill("(?, ?, ?, ?)").join(", ");
  return `UPDATE mentions SET entity_id = v.column3, link = v.column4
            FROM (VALUES ${values}) AS v
           WHERE mentions.cable_id = v.column1 AND mentions.seq = v.column2`;
}

/**
 * Writes `w` through `batches` on `db`. When a large share moves (a first resolution places every
 * mention) `mentions_entity` is dropped for the writes and built again after them: kept, each
 * update moved one entry to a random page of that index.
 */
export function applyMentionWrites(db: Db, w: MentionWrites, batches: Batches): number {
  if (w.rebuild) {
    db.exec("DROP INDEX IF EXISTS mentions_entity");
    batches.wrote();
  }
  const many = db.prepare(placeSql(PLACEMENTS_PER_UPDATE));
  const place = db.prepare(
    "UPDATE mentions SET entity_id = ?, link = ? WHERE cable_id = ? AND seq = ?",
  );
  const rekey = db.prepare(
    "UPDATE mentions SET entity_id = ?, link = ?, key = ?, vkeys = ? WHERE cable_id = ? AND seq = ?",
  );
  const held: unknown[] = [];
  const flush = () => {
    for (let k = 0; k < held.length; k += 4)
      place.run(held[k + 2], held[k + 3], held[k], held[k + 1]);
    batches.wrote(held.length / 4);
    held.length = 0;
  };
  let written = 0;
  let rekeyed = 0;
  for (let i = 0; i < w.n; i++) {
    const what = w.what[i]!;
    if (what === 0) continue;
    const entity = w.entityIds[w.entity[i]!];
    const link = w.links[w.link[i]!];
    const cableId = w.cableId[w.cable[i]!];
    written++;
    if (what === REKEY_WRITE) {
      // A rekeyed row is written alone; the placements held before it go first, as they came.
      flush();
      rekey.run(entity, link, w.keys[rekeyed], w.vkeys[rekeyed], cableId, w.seq[i]);
      rekeyed++;
      batches.wrote();
      continue;
    }
    held.push(cableId, w.seq[i], entity, link);
    if (held.length === 4 * PLACEMENTS_PER_UPDATE) {
      many.run(held);
      // Counted only once the statement has run: a batch may commit here.
      batches.wrote(PLACEMENTS_PER_UPDATE);
      held.length = 0;
    }
  }
  flush();
  if (w.rebuild) batches.outside(() => buildIndex(db, MENTIONS_ENTITY_INDEX));
  return written;
}
