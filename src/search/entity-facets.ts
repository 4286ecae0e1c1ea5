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

function build(db: Db, pub: boolean): EntityColumns {
  const size = (db.prepare<[], number | null>("SELECT max(id) FROM cables").pluck().get() ?? 0) + 2;
  const names = new Map(
    db.prepare<[], [string, string]>("SELECT id, name FROM entities").raw().all(),
  );
  const rows = db
    .prepare<[], [number, string, string]>(
      `SELECT cable_id, type, entity_id FROM mentions
        WHERE entity_id IS NOT NULL ${pub ? "AND protected = 0" : ""} ORDER BY cable_id`,
    )
    .raw()
    .all();
  const out = {} as EntityColumns;
  for (const type of ENTITY_TYPES) {
    const code = new Map<string, number>();
    const ids: string[] = [];
    const start = new Uint32Array(size);
    const codes: number[] = [];
    let cable = -1;
    let seen = new Set<number>();
    for (const [cableId, t, entityId] of rows) {
      if (t !== type) continue;
      if (cableId !== cable) {
        for (let r = cable + 1; r <= cableId; r++) start[r] = codes.length;
        cable = cableId;
        seen = new Set();
      }
      let c = code.get(entityId);
      if (c === undefined) {
        c = ids.length;
        code.set(entityId, c);
        ids.push(entityId);
      }
      if (!seen.has(c)) {
        seen.add(c);
        codes.push(c);
      }
    }
    for (let r = cable + 1; r < size; r++) start[r] = codes.length;
    out[type] = {
      ids,
      names: ids.map((id) => names.get(id) ?? id),
      start,
      codes: Uint32Array.from(codes),
    };
  }
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

function count(col: TypeColumn, ids: Int32Array, limit: number): EntityFacetCount[] {
  const counts = new Int32Array(col.ids.length);
  const last = col.start.length - 1;
  for (const id of ids) {
    if (id < 0 || id >= last) continue;
    for (let k = col.start[id]!; k < col.start[id + 1]!; k++) counts[col.codes[k]!]!++;
  }
  const out: EntityFacetCount[] = [];
  for (let c = 0; c < counts.length; c++) {
    if (counts[c]! > 0) out.push({ value: col.ids[c]!, label: col.names[c]!, count: counts[c]! });
  }
  out.sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return out.slice(0, limit);
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
