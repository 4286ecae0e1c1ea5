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
  indexOf,
  liveColumns,
  storedColumns,
  type TypeColumn,
  transposed,
} from "../store/entity-summary-columns.js";
import { summariesBuilt } from "../store/entity-summary-read.js";
import { stamp } from "./columns.js";
import type { EntityFacetCount } from "./types.js";

const cache = new WeakMap<Db, { stamp: string; pub: boolean; cols: EntityColumns }>();

/** The connection's entity arrays, built if missing or stale (src/search/index.ts warms them). */
export function entityFacetColumns(db: Db): EntityColumns {
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
  i: number;
  n: number;
}
const byCountThenIndex = (a: Top, b: Top) => b.n - a.n || a.i - b.i;

/**
 * The `limit` entities of one type the cables in `ids` name most, without `skip` (an index, or
 * -1). Ties go by index, which orders entities by name (codes are given in name order; an entity
 * first seen since the archive's last full summary build comes after those). A running top list
 * keeps this linear in the entities named: a broad result set names a hundred thousand of them at
 * Cablegate size, and sorting them all to show twenty cost more than counting.
 */
function count(
  cols: EntityColumns,
  col: TypeColumn,
  ids: ArrayLike<number>,
  limit: number,
  skip = -1,
): EntityFacetCount[] {
  const counts = new Int32Array(col.values.length);
  const { start, idx } = col;
  const last = start.length - 1;
  // The entities named, in the order first seen: a narrow result set names a few hundred of the
  // archive's 300,000, and scanning every count for them cost more than counting.
  const seen = new Int32Array(Math.max(16, col.values.length >>> 3));
  let named = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id < 0 || id >= last) continue;
    for (let k = start[id]!; k < start[id + 1]!; k++) {
      const x = idx[k]!;
      if (counts[x]!++ === 0) {
        if (named < seen.length) seen[named] = x;
        named++;
      }
    }
  }
  if (skip >= 0) counts[skip] = 0;
  // Ties are broken by index in the sort below, so the order entries are visited in is free.
  const sparse = named < seen.length;
  const visits = sparse ? named : counts.length;
  let top: Top[] = [];
  // The count an entry needs to enter the list once it is full.
  let floor = 1;
  for (let j = 0; j < visits; j++) {
    const i = sparse ? seen[j]! : j;
    const n = counts[i]!;
    if (n < floor) continue;
    top.push({ i, n });
    if (top.length >= limit * TOP_SLACK + 1) {
      top = top.sort(byCountThenIndex).slice(0, limit);
      floor = Math.max(1, top[top.length - 1]?.n ?? 1);
    }
  }
  const out: EntityFacetCount[] = [];
  // Entities gone since the lists were stored (a resolution not yet summarised) are skipped.
  for (const e of top.sort(byCountThenIndex)) {
    if (out.length === limit) break;
    const entity = cols.entity(col.values[e.i]!);
    if (entity) out.push({ value: entity.id, label: entity.name, count: e.n });
  }
  return out;
}

/** The most named persons, organisations and places of the hits (`ids`: cable rowids). */
export function entityFacets(
  db: Db,
  ids: Int32Array,
  limit: number,
): Record<EntityType, EntityFacetCount[]> {
  const cols = entityFacetColumns(db);
  return {
    person: count(cols, cols.person, ids, limit),
    org: count(cols, cols.org, ids, limit),
    place: count(cols, cols.place, ids, limit),
  };
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
  const cols = entityFacetColumns(db);
  const v = cols.valueOf(entity);
  const own = ENTITY_TYPES.find((t) => entity.startsWith(`${t}-`));
  const self = own && v !== undefined ? indexOf(cols[own], v) : -1;
  let over: ArrayLike<number> = cables ?? [];
  if (!cables && own && self >= 0) {
    const t = transposed(cols[own]);
    over = t.cables.subarray(t.start[self]!, t.start[self + 1]!);
  }
  const out = {} as Record<EntityType, Related[]>;
  for (const type of ENTITY_TYPES) {
    out[type] = count(cols, cols[type], over, limit, type === own ? self : -1).map((f) => ({
      id: f.value,
      type,
      name: f.label,
      cables: f.count,
    }));
  }
  return out;
}
