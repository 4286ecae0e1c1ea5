/**
 * The entities each cable names as typed arrays, for the entity facets and co-mentions
 * (src/search/entity-facets.ts): for each cable rowid, values `code * 4 + type` (type: 0 person,
 * 1 org, 2 place). Read from the packed lists of cable_entities (entity-summary.ts) — one small
 * row per cable — or, on an archive never summarised, built from every mention. Public: without
 * the mentions a cable protects.
 */
import type { Db } from "./db.js";
import type { EntityType } from "./entities-input.js";

export interface EntityColumns {
  /** Cable rowid → vals[start[rowid] .. start[rowid + 1]). */
  start: Uint32Array;
  vals: Uint32Array;
  /** Above the largest value. */
  size: number;
  /** The entity of a value, or null when it is gone. */
  entity: (v: number) => { id: string; name: string } | null;
  /** The value of an entity id, or undefined when no cable names it. */
  valueOf: (id: string) => number | undefined;
  /** Lazily: for each value, the cables naming it (see transposed). */
  byValue?: { start: Uint32Array; cables: Int32Array };
}

const TYPE_CODE: Record<string, number> = { person: 0, org: 1, place: 2 };

function typeOfId(id: string): number | undefined {
  return TYPE_CODE[id.slice(0, id.indexOf("-"))];
}

/** Appends values cable by cable, in rowid order. */
class Builder {
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

  done(): { start: Uint32Array; vals: Uint32Array; size: number } {
    for (let r = this.cable + 1; r < this.start.length; r++) this.start[r] = this.length;
    return { start: this.start, vals: this.vals.slice(0, this.length), size: this.size };
  }
}

function cableSlots(db: Db): number {
  return (db.prepare<[], number | null>("SELECT max(id) FROM cables").pluck().get() ?? 0) + 2;
}

/** From the stored packed lists: a quarter of a second at 251,287 cables, not 19 s. */
export function storedColumns(db: Db, pub: boolean): EntityColumns {
  const b = new Builder(cableSlots(db));
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
    const n = blob.byteLength >>> 2;
    for (let i = 0; i < n; i++) b.push(blob.readUInt32LE(i * 4));
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
    ...b.done(),
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
  const b = new Builder(cableSlots(db));
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
    ...b.done(),
    entity(v) {
      const e = entities[v >>> 2];
      return e ? { id: e[0], name: e[1] } : null;
    },
    valueOf: (id) => code.get(id),
  };
}

/** For each value, the cables naming it, ascending (built once per columns). */
export function transposed(cols: EntityColumns): { start: Uint32Array; cables: Int32Array } {
  if (cols.byValue) return cols.byValue;
  const start = new Uint32Array(cols.size + 1);
  for (let k = 0; k < cols.vals.length; k++) start[cols.vals[k]! + 1]!++;
  for (let v = 0; v < cols.size; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, cols.size);
  const cables = new Int32Array(cols.vals.length);
  const last = cols.start.length - 1;
  for (let id = 0; id < last; id++) {
    for (let k = cols.start[id]!; k < cols.start[id + 1]!; k++) cables[fill[cols.vals[k]!]!++] = id;
  }
  cols.byValue = { start, cables };
  return cols.byValue;
}
