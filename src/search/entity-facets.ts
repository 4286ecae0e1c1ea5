/**
 * Person, organisation and place facets over a whole result set: which entities the hits name,
 * with their number of hits. Per connection, the mentions are kept as one compact array per type
 * (for each cable rowid, the codes of the entities it names, like the columnar copy of
 * src/search/columns.ts), rebuilt when the archive changes; counting is then a pass over typed
 * arrays whatever the size of the result. Over a public-mode connection the mentions a cable
 * protects are not in the arrays: a protected person is never counted for the cable protecting them.
 */
import type { Db } from "../store/db.js";
import { ENTITY_TYPES, type EntityType } from "../store/entities-input.js";
import { isPublicMode } from "../store/entities-public.js";
import type { Related } from "../store/entities-read.js";
import { stamp } from "./columns.js";
import type { EntityFacetCount } from "./types.js";

interface TypeColumn {
  ids: string[];
  names: string[];
  /** Cable rowid → codes[start[rowid] .. start[rowid + 1]). */
  start: Uint32Array;
  codes: Uint32Array;
}

type EntityColumns = Record<EntityType, TypeColumn>;

const cache = new WeakMap<Db, { stamp: string; pub: boolean; cols: EntityColumns }>();

/** One type's column as it is built, cable by cable in rowid order. */
class ColumnBuilder {
  readonly code = new Map<string, number>();
  readonly ids: string[] = [];
  readonly start: Uint32Array;
  codes = new Uint32Array(256);
  length = 0;
  private cable = -1;
  private seen = new Set<number>();

  constructor(size: number) {
    this.start = new Uint32Array(size);
  }

  add(cableId: number, entityId: string): void {
    if (cableId !== this.cable) {
      for (let r = this.cable + 1; r <= cableId; r++) this.start[r] = this.length;
      this.cable = cableId;
      this.seen.clear();
    }
    let c = this.code.get(entityId);
    if (c === undefined) {
      c = this.ids.length;
      this.code.set(entityId, c);
      this.ids.push(entityId);
    }
    if (this.seen.has(c)) return;
    this.seen.add(c);
    if (this.length === this.codes.length) {
      const grown = new Uint32Array(this.codes.length * 2);
      grown.set(this.codes);
      this.codes = grown;
    }
    this.codes[this.length++] = c;
  }

  done(names: ReadonlyMap<string, string>): TypeColumn {
    for (let r = this.cable + 1; r < this.start.length; r++) this.start[r] = this.length;
    return {
      ids: this.ids,
      names: this.ids.map((id) => names.get(id) ?? id),
      start: this.start,
      codes: this.codes.slice(0, this.length),
    };
  }
}

/**
 * One pass over the mentions in rowid order, streamed (the archive's mentions as JS rows would
 * not fit a heap at Cablegate size: 6.5 million of them), into typed arrays.
 */
function build(db: Db, pub: boolean): EntityColumns {
  const size = (db.prepare<[], number | null>("SELECT max(id) FROM cables").pluck().get() ?? 0) + 2;
  const names = new Map(
    db.prepare<[], [string, string]>("SELECT id, name FROM entities").raw().all(),
  );
  const builders = {
    person: new ColumnBuilder(size),
    org: new ColumnBuilder(size),
    place: new ColumnBuilder(size),
  } satisfies Record<EntityType, ColumnBuilder>;
  const rows = db
    .prepare<[], [number, EntityType, string]>(
      `SELECT cable_id, type, entity_id FROM mentions
        WHERE entity_id IS NOT NULL ${pub ? "AND protected = 0" : ""} ORDER BY cable_id`,
    )
    .raw()
    .iterate();
  for (const [cableId, type, entityId] of rows) builders[type]?.add(cableId, entityId);
  const out = {} as EntityColumns;
  for (const type of ENTITY_TYPES) out[type] = builders[type].done(names);
  return out;
}

function columns(db: Db): EntityColumns {
  const now = stamp(db);
  const pub = isPublicMode(db);
  const hit = cache.get(db);
  if (hit && hit.stamp === now && hit.pub === pub) return hit.cols;
  const cols = build(db, pub);
  cache.set(db, { stamp: now, pub, cols });
  return cols;
}

/** Entries above which the running top list is cut back to `limit` (amortises the sorts). */
const TOP_SLACK = 4;

const byCountThenLabel = (a: EntityFacetCount, b: EntityFacetCount) =>
  b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);

/**
 * The `limit` entities the hits name most (ties by label), without `skip` (a code, or -1). A
 * running top list keeps this linear in the entities named: a broad result set names a hundred
 * thousand of them at Cablegate size, and sorting them all to show twenty cost more than counting.
 */
function count(col: TypeColumn, ids: Int32Array, limit: number, skip = -1): EntityFacetCount[] {
  const counts = new Int32Array(col.ids.length);
  const last = col.start.length - 1;
  for (const id of ids) {
    if (id < 0 || id >= last) continue;
    for (let k = col.start[id]!; k < col.start[id + 1]!; k++) counts[col.codes[k]!]!++;
  }
  if (skip >= 0) counts[skip] = 0;
  let top: EntityFacetCount[] = [];
  // The count an entry needs to enter the list once it is full.
  let floor = 1;
  for (let c = 0; c < counts.length; c++) {
    const n = counts[c]!;
    if (n < floor) continue;
    top.push({ value: col.ids[c]!, label: col.names[c]!, count: n });
    if (top.length >= limit * TOP_SLACK + 1) {
      top = top.sort(byCountThenLabel).slice(0, limit);
      floor = Math.max(1, top[top.length - 1]?.count ?? 1);
    }
  }
  return top.sort(byCountThenLabel).slice(0, limit);
}

/** The most named persons, organisations and places of the hits (`ids`: cable rowids). */
export function entityFacets(
  db: Db,
  ids: Int32Array,
  limit: number,
): Record<EntityType, EntityFacetCount[]> {
  const cols = columns(db);
  return {
    person: count(cols.person, ids, limit),
    org: count(cols.org, ids, limit),
    place: count(cols.place, ids, limit),
  };
}

/**
 * The entities named most often beside `entity` in `cables` (its cables: in public mode, those
 * not protecting it), each with the number of those cables naming it: an entity page's
 * co-mentions, counted like a facet rather than by joining every mention of every one of its
 * cables, which took seconds for the most named entities at Cablegate size.
 */
export function coMentions(
  db: Db,
  entity: string,
  cables: Int32Array,
  limit: number,
): Record<EntityType, Related[]> {
  const cols = columns(db);
  const out = {} as Record<EntityType, Related[]>;
  for (const type of ENTITY_TYPES) {
    const col = cols[type];
    // An entity is in its own type's column only (its id starts with its type).
    const self = entity.startsWith(`${type}-`) ? col.ids.indexOf(entity) : -1;
    out[type] = count(col, cables, limit, self).map((f) => ({
      id: f.value,
      type,
      name: f.label,
      cables: f.count,
    }));
  }
  return out;
}
