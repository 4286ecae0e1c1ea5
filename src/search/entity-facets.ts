/**
 * Person, organisation and place facets over a whole result set: which entities the hits name,
 * with their number of hits. Per connection, the entities each cable names are kept as one compact
 * array (for each cable rowid, values `code * 4 + type`, like the columnar copy of
 * src/search/columns.ts); counting is then a pass over typed arrays whatever the size of the
 * result. The arrays are read from the packed per-cable lists the finish step stores
 * (src/store/entity-summary.ts, 251,287 small rows), not built from the archive's 6.5 million
 * mentions, which took 19 s per process at that size; an archive never summarised is still built
 * from its mentions. Over a public-mode connection the mentions a cable protects are not in the
 * arrays: a protected person is never counted for the cable protecting them.
 */
import type { Db } from "../store/db.js";
import { ENTITY_TYPES, type EntityType } from "../store/entities-input.js";
import { isPublicMode } from "../store/entities-public.js";
import type { Related } from "../store/entities-read.js";
import {
  type EntityColumns,
  liveColumns,
  storedColumns,
  transposed,
} from "../store/entity-summary-columns.js";
import { summariesBuilt } from "../store/entity-summary-read.js";
import { stamp } from "./columns.js";
import type { EntityFacetCount } from "./types.js";

const cache = new WeakMap<Db, { stamp: string; pub: boolean; cols: EntityColumns }>();

function columns(db: Db): EntityColumns {
  const now = stamp(db);
  const pub = isPublicMode(db);
  const hit = cache.get(db);
  if (hit && hit.stamp === now && hit.pub === pub) return hit.cols;
  const cols = summariesBuilt(db) ? storedColumns(db, pub) : liveColumns(db, pub);
  cache.set(db, { stamp: now, pub, cols });
  return cols;
}

/** Entries above which the running top list is cut back to `limit` (amortises the sorts). */
const TOP_SLACK = 4;

interface Top {
  v: number;
  n: number;
}
const byCountThenValue = (a: Top, b: Top) => b.n - a.n || a.v - b.v;

/**
 * Each type's `limit` values the cables in `ids` name most, without `skip` (a value, or -1). Ties
 * go by value, which orders entities by name (codes are given in name order; an entity first
 * seen since the archive's last full summary build comes after those). A running top list keeps
 * this linear in the entities named: a broad result set names a hundred thousand of them at
 * Cablegate size, and sorting them all to show twenty cost more than counting.
 */
function count(
  cols: EntityColumns,
  ids: ArrayLike<number>,
  limit: number,
  skip = -1,
): Record<EntityType, EntityFacetCount[]> {
  const counts = new Int32Array(cols.size);
  const { start, vals } = cols;
  const last = start.length - 1;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id < 0 || id >= last) continue;
    for (let k = start[id]!; k < start[id + 1]!; k++) counts[vals[k]!]!++;
  }
  if (skip >= 0 && skip < counts.length) counts[skip] = 0;
  const out = {} as Record<EntityType, EntityFacetCount[]>;
  ENTITY_TYPES.forEach((type, t) => {
    let top: Top[] = [];
    // The count an entry needs to enter the list once it is full.
    let floor = 1;
    for (let v = t; v < counts.length; v += 4) {
      const n = counts[v]!;
      if (n < floor) continue;
      top.push({ v, n });
      if (top.length >= limit * TOP_SLACK + 1) {
        top = top.sort(byCountThenValue).slice(0, limit);
        floor = Math.max(1, top[top.length - 1]?.n ?? 1);
      }
    }
    out[type] = [];
    // Entities gone since the lists were stored (a resolution not yet summarised) are skipped.
    for (const e of top.sort(byCountThenValue)) {
      if (out[type].length === limit) break;
      const entity = cols.entity(e.v);
      if (entity) out[type].push({ value: entity.id, label: entity.name, count: e.n });
    }
  });
  return out;
}

/** The most named persons, organisations and places of the hits (`ids`: cable rowids). */
export function entityFacets(
  db: Db,
  ids: Int32Array,
  limit: number,
): Record<EntityType, EntityFacetCount[]> {
  return count(columns(db), ids, limit);
}

/**
 * The entities named most often beside `entity` in its cables (in public mode, those not
 * protecting it), each with the number of those cables naming it: an entity page's co-mentions,
 * counted like a facet rather than by joining every mention of every one of its cables, which
 * took seconds for the most named entities at Cablegate size. `cables` are the entity's cables
 * when the caller has them; otherwise they come from the arrays themselves (transposed once).
 */
export function coMentions(
  db: Db,
  entity: string,
  cables: Int32Array | null,
  limit: number,
): Record<EntityType, Related[]> {
  const cols = columns(db);
  const self = cols.valueOf(entity);
  let over: ArrayLike<number> = cables ?? [];
  if (!cables && self !== undefined) {
    const t = transposed(cols);
    over = t.cables.subarray(t.start[self]!, t.start[self + 1]!);
  }
  const counted = count(cols, over, limit, self ?? -1);
  const out = {} as Record<EntityType, Related[]>;
  for (const type of ENTITY_TYPES) {
    out[type] = counted[type].map((f) => ({ id: f.value, type, name: f.label, cables: f.count }));
  }
  return out;
}
