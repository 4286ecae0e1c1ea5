/**
 * Counting over the entity arrays of src/store/entity-summary-columns.ts: the entities a set of
 * cables names most, in the order both back ends give (count, then name). Pure, so SQLite's facets
 * and co-mentions (./entity-facets.ts) and PostgreSQL's (./postgres/entity-columns.ts) count alike.
 */
import { ENTITY_TYPES, type EntityType } from "../store/entities-input.js";
import type { Related } from "../store/entities-read.js";
import {
  type EntityColumns,
  indexOf,
  type TypeColumn,
  transposed,
} from "../store/entity-summary-columns.js";
import type { EntityFacetCount } from "./types.js";

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
export function topEntities(
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

/** The most named persons, organisations and places of the cables in `ids`. */
export function entityFacetsOf(
  cols: EntityColumns,
  ids: ArrayLike<number>,
  limit: number,
): Record<EntityType, EntityFacetCount[]> {
  return {
    person: topEntities(cols, cols.person, ids, limit),
    org: topEntities(cols, cols.org, ids, limit),
    place: topEntities(cols, cols.place, ids, limit),
  };
}

/**
 * An entity page's co-mentions: the entities named most often beside `entity` in its cables (the
 * arrays' own, transposed once, unless the caller has them), each with its number of those cables.
 */
export function coMentionsOf(
  cols: EntityColumns,
  entity: string,
  cables: Int32Array | null,
  limit: number,
): Record<EntityType, Related[]> {
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
    out[type] = topEntities(cols, cols[type], over, limit, type === own ? self : -1).map((f) => ({
      id: f.value,
      type,
      name: f.label,
      cables: f.count,
    }));
  }
  return out;
}
