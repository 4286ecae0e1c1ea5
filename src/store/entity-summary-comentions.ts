/**
 * The entities named beside an entity (its page's co-mention lists), counted over the packed
 * per-cable lists of cable_entities (entity-summary.ts): for each other entity, the number of the
 * entity's cables naming it. Public: over the public lists, which leave out the persons a cable
 * protects, so a cable counts only where neither mention is protected.
 *
 * An entity with many cables has its lists stored (entity_comentions), built for all such entities
 * in one pass over the packed lists: counting them per request over 170,000 cables was most of the
 * largest pages' time at 251,287 cables. Any other entity's lists are counted when its page is
 * read: by a server over the facet arrays it keeps in memory (src/search/entity-facets.ts), else
 * over the entity's few cables' packed lists.
 */
import type { Db } from "./db.js";
import type { EntityType } from "./entities-input.js";

/** Co-mentioned entities kept (and shown) per type. */
export const COMENTIONS_KEPT = 20;

/**
 * Entities with at least this many cables get stored lists. Below it a page reads at most this
 * many packed lists (a millisecond), and the stored rows stay few (a few thousand at 251,287).
 */
export const COMENTION_MIN_CABLES = 100;

export interface Related {
  id: string;
  type: EntityType;
  name: string;
  /** Cables naming both. */
  cables: number;
}

const TYPES: readonly EntityType[] = ["person", "org", "place"];

/** A growable array of uint32 values. */
class Values {
  vals: Uint32Array;
  length = 0;

  constructor(capacity = 1 << 16) {
    this.vals = new Uint32Array(capacity);
  }

  push(v: number): void {
    if (this.length === this.vals.length) this.grow(1);
    this.vals[this.length++] = v;
  }

  pushAll(blob: Buffer): void {
    const n = blob.byteLength >>> 2;
    if (this.length + n > this.vals.length) this.grow(n);
    new Uint8Array(this.vals.buffer, this.length * 4, n * 4).set(blob.subarray(0, n * 4));
    this.length += n;
  }

  private grow(n: number): void {
    let size = this.vals.length * 2;
    while (size < this.length + n) size *= 2;
    const grown = new Uint32Array(size);
    grown.set(this.vals.subarray(0, this.length));
    this.vals = grown;
  }
}

/** A packed list as values (copied: a blob's offset need not be 4-byte aligned). */
function unpack(blob: Buffer): Uint32Array {
  const out = new Uint32Array(blob.byteLength >>> 2);
  new Uint8Array(out.buffer).set(blob.subarray(0, out.length * 4));
  return out;
}

/**
 * Counts co-mentions: `add` a cable's list (without `self`), then `top` gives, per type, the
 * `COMENTIONS_KEPT` values named in most cables, ties by value (codes follow names), as the
 * facets order them; it also clears the counts for the next entity.
 */
class Counter {
  private counts = new Int32Array(1024);
  private touched = new Values();

  add(vals: Uint32Array, from: number, to: number, self: number): void {
    for (let k = from; k < to; k++) {
      const v = vals[k]!;
      if (v === self) continue;
      if (v >= this.counts.length) {
        let size = this.counts.length * 2;
        while (size <= v) size *= 2;
        const grown = new Int32Array(size);
        grown.set(this.counts);
        this.counts = grown;
      }
      if (this.counts[v]!++ === 0) this.touched.push(v);
    }
  }

  /** Little-endian uint32 pairs `value, cables`, person first, then org, then place. */
  top(): Uint32Array {
    const tops: number[][] = [[], [], []];
    const { counts } = this;
    const { vals, length } = this.touched;
    for (let i = 0; i < length; i++) {
      const v = vals[i]!;
      const n = counts[v]!;
      counts[v] = 0;
      const list = tops[v & 3];
      if (!list) continue;
      // `list` holds value, count pairs, best first.
      const size = list.length >>> 1;
      if (size === COMENTIONS_KEPT) {
        const lastN = list[list.length - 1]!;
        const lastV = list[list.length - 2]!;
        if (n < lastN || (n === lastN && v > lastV)) continue;
      }
      let at = size;
      while (at > 0) {
        const pn = list[at * 2 - 1]!;
        const pv = list[at * 2 - 2]!;
        if (pn > n || (pn === n && pv < v)) break;
        at--;
      }
      list.splice(at * 2, 0, v, n);
      if (list.length > COMENTIONS_KEPT * 2) list.length = COMENTIONS_KEPT * 2;
    }
    this.touched.length = 0;
    return Uint32Array.from(tops.flat());
  }
}

const asBlob = (a: Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/**
 * Stores the co-mention lists of the entities with `min` cables or more — of those in `only`
 * when given (the others keep theirs), dropping the lists of `only`'s smaller or deleted ones —
 * in one pass over the packed lists: every cable's list is read into memory once (4 bytes an
 * entity named: 26 MB at 251,287 cables, twice with the public lists), with, for each entity to
 * store, the cables naming it. Returns the number of lists stored.
 */
export function storeComentions(
  db: Db,
  only: ReadonlySet<string> | null,
  min = COMENTION_MIN_CABLES,
  wrote: (n: number) => void = () => {},
): number {
  const del = db.prepare("DELETE FROM entity_comentions WHERE entity_id = ?");
  if (only) for (const id of only) del.run(id);
  else db.exec("DELETE FROM entity_comentions");
  wrote(only ? only.size : 1);
  const type = (t: EntityType) => TYPES.indexOf(t);
  const wanted = db
    .prepare<[number], [string, number, EntityType]>(
      `SELECT e.id, c.code, e.type FROM entities e JOIN entity_codes c ON c.entity_id = e.id
        WHERE e.cables >= ?`,
    )
    .raw()
    .all(min)
    .filter(([id]) => !only || only.has(id));
  if (wanted.length === 0) return 0;
  const slot = new Map<number, number>();
  wanted.forEach(([, code, t], i) => {
    slot.set(code * 4 + type(t), i);
  });
  const local = { lists: new Values(), starts: new Values(), of: wanted.map(() => new Values(16)) };
  const pub = { lists: new Values(), starts: new Values(), of: wanted.map(() => new Values(16)) };
  const rows = db
    .prepare<[], [Buffer, Buffer | null]>(
      "SELECT codes, public_codes FROM cable_entities ORDER BY cable_id",
    )
    .raw()
    .iterate();
  for (const [codes, publicCodes] of rows) {
    for (const [side, blob] of [
      [local, codes],
      [pub, publicCodes ?? codes],
    ] as const) {
      const at = side.starts.length;
      const from = side.lists.length;
      side.starts.push(from);
      side.lists.pushAll(blob);
      const { vals } = side.lists;
      for (let k = from; k < side.lists.length; k++) {
        const s = slot.get(vals[k]!);
        if (s !== undefined) side.of[s]!.push(at);
      }
    }
  }
  for (const side of [local, pub]) side.starts.push(side.lists.length);
  const counter = new Counter();
  const top = (side: typeof local, s: number, self: number) => {
    const { vals } = side.lists;
    const starts = side.starts.vals;
    const cables = side.of[s]!;
    for (let i = 0; i < cables.length; i++) {
      const c = cables.vals[i]!;
      counter.add(vals, starts[c]!, starts[c + 1]!, self);
    }
    // Free the entity's cables as soon as counted: the lists of every large entity together
    // would otherwise stay until the end.
    side.of[s] = new Values(1);
    return asBlob(counter.top());
  };
  const put = db.prepare(
    "INSERT INTO entity_comentions (entity_id, top, public_top) VALUES (?, ?, ?)",
  );
  wanted.forEach(([id, code, t], s) => {
    const self = code * 4 + type(t);
    put.run(id, top(local, s, self), top(pub, s, self));
    wrote(1);
  });
  return wanted.length;
}

const stmts = new WeakMap<Db, ReturnType<typeof prepare>>();
function prepare(db: Db) {
  return {
    stored: db.prepare<[string], { top: Buffer; public_top: Buffer }>(
      "SELECT top, public_top FROM entity_comentions WHERE entity_id = ?",
    ),
    code: db.prepare<[string], number>("SELECT code FROM entity_codes WHERE entity_id = ?").pluck(),
    // The entity's cables (distinct: a cable can place two mentions in one entity).
    lists: db.prepare<[string], { codes: Buffer; public_codes: Buffer | null }>(
      `SELECT codes, public_codes FROM cable_entities
        WHERE cable_id IN (SELECT cable_id FROM entity_cables WHERE entity_id = ?)`,
    ),
    entity: db.prepare<[number], { id: string; name: string | null }>(
      `SELECT c.entity_id AS id, e.name FROM entity_codes c LEFT JOIN entities e ON e.id = c.entity_id
        WHERE c.code = ?`,
    ),
  };
}

function named(db: Db, packed: Uint32Array): Record<EntityType, Related[]> {
  const s = prepared(db);
  const out: Record<EntityType, Related[]> = { person: [], org: [], place: [] };
  for (let k = 0; k + 1 < packed.length; k += 2) {
    const v = packed[k]!;
    const type = TYPES[v & 3];
    const e = s.entity.get(v >>> 2);
    // An entity gone since (a resolution not summarised yet) is left out, as the facets do.
    if (type && e?.name) out[type].push({ id: e.id, type, name: e.name, cables: packed[k + 1]! });
  }
  return out;
}

function prepared(db: Db): ReturnType<typeof prepare> {
  let s = stmts.get(db);
  if (!s) {
    s = prepare(db);
    stmts.set(db, s);
  }
  return s;
}

/** An entity's stored co-mention lists (call only when its summary is fresh), or null. */
export function storedComentions(
  db: Db,
  id: string,
  pub: boolean,
): Record<EntityType, Related[]> | null {
  const stored = prepared(db).stored.get(id);
  return stored ? named(db, unpack(pub ? stored.public_top : stored.top)) : null;
}

/**
 * An entity's co-mentions counted over its cables' packed lists (call only when its summary is
 * fresh; meant for an entity too small for stored lists), or null when the entity has no code
 * (no cable of the last build names it).
 */
export function countedComentions(
  db: Db,
  id: string,
  pub: boolean,
): Record<EntityType, Related[]> | null {
  const s = prepared(db);
  const code = s.code.get(id);
  const t = TYPES.indexOf(id.slice(0, id.indexOf("-")) as EntityType);
  if (code === undefined || t < 0) return null;
  const self = code * 4 + t;
  const counter = new Counter();
  for (const row of s.lists.all(id)) {
    const vals = unpack(pub ? (row.public_codes ?? row.codes) : row.codes);
    // Public: only the cables where the entity itself is not protected.
    if (pub && !vals.includes(self)) continue;
    counter.add(vals, 0, vals.length, self);
  }
  return named(db, counter.top());
}
