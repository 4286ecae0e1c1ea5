/**
 * Assembling the facts of a set of cables from what a back end fetched: its in-memory copy of the
 * facts table or the set's stored records, plus the records of cables derived now. The one code
 * both back ends read facts through (src/store/analytics-facts-read.ts on SQLite,
 * src/store/postgres/analytics-facts.ts), so they agree cable for cable; they only fetch rows.
 */
import type { DerivedFacts, FactSet } from "./analytics-facts.js";
import { pack } from "./analytics-facts.js";
import {
  type FactColumns,
  gatherFacts,
  recordOf,
  recordsAsFacts,
  skipRecord,
} from "./analytics-facts-columns.js";

/** Sets of at least this many cables read from the in-memory copy (loading it when needed). */
export const MEMORY_FROM = 2000;

/** Stored records' bytes as ints. */
export function int32(bytes: Uint8Array): Int32Array {
  // A copy: a Buffer's offset in its pool need not be a multiple of 4.
  const out = new Int32Array(bytes.length >> 2);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/** A back end's value dictionary: text by value id, value id by text. */
export interface ValueDictionary {
  texts: readonly (string | null)[];
  ids: ReadonlyMap<string, number>;
}

/**
 * One read of a set's facts. Cables derived now may carry texts the stored dictionary lacks: they
 * get negative ids local to this read, never written.
 */
export class FactsGather {
  private readonly records: Int32Array[] = [];
  private readonly missing: number[] = [];
  private readonly local: string[] = [];
  private readonly localIds = new Map<string, number>();

  /** `ids`: the set, ascending; `stale`: cables whose stored facts are out of date (null: all). */
  constructor(
    private readonly d: ValueDictionary,
    private readonly ids: Int32Array,
    private readonly stale: ReadonlySet<number> | null,
  ) {
    // Every cable: the derivation changed since the facts were stored.
    if (stale === null) for (const id of ids) this.missing.push(id);
  }

  readonly idOf = (text: string): number => {
    const v = this.d.ids.get(text);
    if (v !== undefined) return v;
    let l = this.localIds.get(text);
    if (l === undefined) {
      this.local.push(text);
      l = -this.local.length;
      this.localIds.set(text, l);
    }
    return l;
  };

  readonly text = (id: number): string | null =>
    id > 0 ? (this.d.texts[id] ?? null) : id < 0 ? (this.local[-id - 1] ?? null) : null;

  /**
   * Takes the set's fresh records from an in-memory copy (by cable id); the set's facts when
   * every cable is fresh there — the usual case — else null, the rest left to derive.
   */
  fromMemory(cols: FactColumns): FactSet | null {
    const { ids, stale } = this;
    if (stale === null) return null;
    const { has, n } = cols;
    let all = true;
    for (let i = 0; i < ids.length && all; i++) {
      const id = ids[i]!;
      all = id < n && has[id] === 1 && (stale.size === 0 || !stale.has(id));
    }
    if (all) return gatherFacts(cols, ids, this.text);
    const present: number[] = [];
    for (const id of ids) {
      if (id < n && has[id] === 1 && !stale.has(id)) present.push(id);
      else this.missing.push(id);
    }
    const f = gatherFacts(cols, Int32Array.from(present), this.text);
    for (let i = 0; i < f.n; i++) this.records.push(recordOf(f, i));
    return null;
  }

  /**
   * Takes stored records laid end to end in the set's order, read for the set's cables that are
   * not stale: a cable they skip has none, and is left to derive.
   */
  fromStored(data: Int32Array): void {
    const { ids } = this;
    let k = 0;
    for (let o = 0; o < data.length; ) {
      const next = skipRecord(data, o);
      while (k < ids.length && ids[k]! < data[o]!) this.missing.push(ids[k++]!);
      this.records.push(data.subarray(o, next));
      k++;
      o = next;
    }
    while (k < ids.length) this.missing.push(ids[k++]!);
  }

  /** The cables whose facts must be derived from their rows now (ascending). */
  toDerive(): readonly number[] {
    return this.missing;
  }

  /** The set's facts, with those derived for toDerive(). */
  facts(derived: readonly DerivedFacts[]): FactSet {
    for (const f of derived) this.records.push(pack(f, this.idOf));
    if (derived.length > 0) this.records.sort((x, y) => x[0]! - y[0]!);
    return recordsAsFacts(this.records, this.text);
  }
}
