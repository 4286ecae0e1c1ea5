/**
 * The entities each cable names as typed arrays, for the entity facets and co-mentions
 * (src/search/entity-facets.ts): for each cable rowid, values `code * 4 + type` (type: 0 person,
 * 1 org, 2 place). Read from the packed lists of cable_entities (entity-summary.ts) — one small
 * row per cable — or, on an archive never summarised, built from every mention. Public: without
 * the mentions a cable protects.
 */
import type { Db } from "./db.js";
import type { EntityType } from "./entities-input.js";

/** One type's entities: `start`/`vals` as below, with dense per-type indices. */
export interface TypeColumn {
  /** Cable rowid → idx[start[rowid] .. start[rowid + 1]). */
  start: Uint32Array;
  idx: Uint32Array;
  /** Index → value (`code * 4 + type`), ascending: ties by index are ties by value. */
  values: Uint32Array;
  /** Lazily: for each index, the cables naming it (see transposed). */
  byIndex?: { start: Uint32Array; cables: Int32Array };
}

export interface EntityColumns {
  person: TypeColumn;
  org: TypeColumn;
  place: TypeColumn;
  /** The entity of a value, or null when it is gone. */
  entity: (v: number) => { id: string; name: string } | null;
  /** The value of an entity id, or undefined when no cable names it. */
  valueOf: (id: string) => number | undefined;
}

/** A type's index of a value, or -1. */
export function indexOf(col: TypeColumn, v: number): number {
  let lo = 0;
  let hi = col.values.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = col.values[mid]!;
    if (x === v) return mid;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

const TYPE_CODE: Record<string, number> = { person: 0, org: 1, place: 2 };

export function typeOfId(id: string): number | undefined {
  return TYPE_CODE[id.slice(0, id.indexOf("-"))];
}

/** Appends values cable by cable, in rowid order (also src/search/postgres/entity-columns.ts). */
export class CableValues {
  readonly start: Uint32Array;
  vals = new Uint32Array(1 << 16);
  length = 0;
  size = 0;
  private cable = -1;

  constructor(cables: number) {
    this.start = new Uint32Array(cables + 1);
  }

  /** Starts cable `id` (ids ascending), closing the ones skipped. */
  at(id: number): void {
    for (let r = this.cable + 1; r <= id; r++) this.start[r] = this.length;
    this.cable = id;
  }

  push(v: number): void {
    if (this.length === this.vals.length) {
      const grown = new Uint32Array(this.vals.length * 2);
      grown.set(this.vals);
      this.vals = grown;
    }
    this.vals[this.length++] = v;
    if (v >= this.size) this.size = v + 1;
  }

  /** A packed list: little-endian uint32 values (the machine's order on every platform Node runs on). */
  pushAll(blob: Buffer): void {
    const n = blob.byteLength >>> 2;
    while (this.length + n > this.vals.length) {
      const grown = new Uint32Array(this.vals.length * 2);
      grown.set(this.vals);
      this.vals = grown;
    }
    const bytes = new Uint8Array(this.vals.buffer, this.length * 4, n * 4);
    bytes.set(blob.subarray(0, n * 4));
    for (let i = this.length; i < this.length + n; i++) {
      if (this.vals[i]! >= this.size) this.size = this.vals[i]! + 1;
    }
    this.length += n;
  }

  done(): { start: Uint32Array; vals: Uint32Array; size: number } {
    for (let r = this.cable + 1; r < this.start.length; r++) this.start[r] = this.length;
    return { start: this.start, vals: this.vals.slice(0, this.length), size: this.size };
  }
}

/**
 * Splits one array of values into a column per type, each counted into an array as small as the
 * type's entities (665 places at Cablegate size: counting places touches one cache line, not a
 * stretch of an array sized by every entity of the archive).
 */
export function byType(all: { start: Uint32Array; vals: Uint32Array; size: number }) {
  const { start, vals, size } = all;
  const cables = start.length - 1;
  const dense = new Int32Array(size).fill(-1);
  for (let k = 0; k < vals.length; k++) dense[vals[k]!] = 0;
  const out = [] as TypeColumn[];
  for (let t = 0; t < 3; t++) {
    const values: number[] = [];
    for (let v = t; v < size; v += 4) {
      if (dense[v] === 0) {
        dense[v] = values.length;
        values.push(v);
      }
    }
    const col: TypeColumn = {
      start: new Uint32Array(cables + 1),
      idx: new Uint32Array(0),
      values: Uint32Array.from(values),
    };
    let n = 0;
    for (let k = 0; k < vals.length; k++) if ((vals[k]! & 3) === t) n++;
    col.idx = new Uint32Array(n);
    let w = 0;
    for (let id = 0; id < cables; id++) {
      col.start[id] = w;
      for (let k = start[id]!; k < start[id + 1]!; k++) {
        const v = vals[k]!;
        if ((v & 3) === t) col.idx[w++] = dense[v]!;
      }
    }
    col.start[cables] = w;
    out.push(col);
  }
  return { person: out[0]!, org: out[1]!, place: out[2]! };
}

function cableSlots(db: Db): number {
  return (db.prepare<[], number | null>("SELECT max(id) FROM cables").pluck().get() ?? 0) + 2;
}

/** From the stored packed lists: a quarter of a second at 251,287 cables, not 19 s. */
export function storedColumns(db: Db, pub: boolean): EntityColumns {
  const b = new CableValues(cableSlots(db));
  const rows = db
    .prepare<[], [number, Buffer]>(
      `SELECT cable_id, ${pub ? "coalesce(public_codes, codes)" : "codes"} FROM cable_entities
        ORDER BY cable_id`,
    )
    .raw()
    .iterate();
  for (const [id, blob] of rows) {
    if (id >= b.start.length - 1) continue;
    b.at(id);
    b.pushAll(blob);
  }
  const entityOf = db.prepare<[number], { id: string; name: string | null }>(
    `SELECT c.entity_id AS id, e.name FROM entity_codes c LEFT JOIN entities e ON e.id = c.entity_id
      WHERE c.code = ?`,
  );
  const codeOf = db
    .prepare<[string], number>("SELECT code FROM entity_codes WHERE entity_id = ?")
    .pluck();
  const seen = new Map<number, { id: string; name: string } | null>();
  return {
    ...byType(b.done()),
    entity(v) {
      let e = seen.get(v);
      if (e === undefined) {
        const r = entityOf.get(v >>> 2);
        e = r?.name ? { id: r.id, name: r.name } : null;
        seen.set(v, e);
      }
      return e;
    },
    valueOf(id) {
      const t = typeOfId(id);
      const code = codeOf.get(id);
      return t === undefined || code === undefined ? undefined : code * 4 + t;
    },
  };
}

/**
 * From every placed mention, streamed in rowid order (6.5 million at Cablegate size would not
 * fit a heap as JS rows). Codes are given in name order, as a full summary build gives them.
 */
export function liveColumns(db: Db, pub: boolean): EntityColumns {
  const entities = db
    .prepare<[], [string, string]>("SELECT id, name FROM entities ORDER BY name, id")
    .raw()
    .all();
  const code = new Map<string, number>();
  entities.forEach(([id], i) => {
    code.set(id, i * 4 + (typeOfId(id) ?? 3));
  });
  const b = new CableValues(cableSlots(db));
  const rows = db
    .prepare<[], [number, EntityType, string]>(
      `SELECT cable_id, type, entity_id FROM mentions
        WHERE entity_id IS NOT NULL ${pub ? "AND protected = 0" : ""} ORDER BY cable_id`,
    )
    .raw()
    .iterate();
  let cable = -1;
  const seen = new Set<number>();
  for (const [cableId, , entityId] of rows) {
    const v = code.get(entityId);
    if (v === undefined) continue;
    if (cableId !== cable) {
      b.at(cableId);
      cable = cableId;
      seen.clear();
    }
    if (seen.has(v)) continue;
    seen.add(v);
    b.push(v);
  }
  return {
    ...byType(b.done()),
    entity(v) {
      const e = entities[v >>> 2];
      return e ? { id: e[0], name: e[1] } : null;
    },
    valueOf: (id) => code.get(id),
  };
}

/** For each index of a type, the cables naming it, ascending (built once per column). */
export function transposed(col: TypeColumn): { start: Uint32Array; cables: Int32Array } {
  if (col.byIndex) return col.byIndex;
  const n = col.values.length;
  const start = new Uint32Array(n + 1);
  for (let k = 0; k < col.idx.length; k++) start[col.idx[k]! + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const cables = new Int32Array(col.idx.length);
  const last = col.start.length - 1;
  for (let id = 0; id < last; id++) {
    for (let k = col.start[id]!; k < col.start[id + 1]!; k++) cables[fill[col.idx[k]!]!++] = id;
  }
  col.byIndex = { start, cables };
  return col.byIndex;
}
