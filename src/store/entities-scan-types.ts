import type { EntityType } from "./entities-input.js";

/**
 * The columns of a full resolution run's scan (entities-scan.ts) and what builds them: each
 * distinct string once in a pool, per-mention integers in typed arrays.
 */

export const TYPES: readonly EntityType[] = ["person", "org", "place"];
export const TYPE_CODE: Record<string, number> = { person: 0, org: 1, place: 2 };

/** Each distinct string once, by a small integer. */
export class Pool {
  private readonly ids = new Map<string, number>();
  readonly strings: string[] = [];

  id(s: string): number {
    let i = this.ids.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.ids.set(s, i);
      this.strings.push(s);
    }
    return i;
  }
}

/** Mention flags. */
export const US_OFFICIAL = 1;
export const PROTECTED = 2;
/** The mention is its cable's signature (signedBy). */
export const SIGNED = 4;
/** The stored group keys are not the rule's: they are written again. */
export const REKEY = 8;

export interface Scan {
  n: number;
  /** Per mention, in (cable_id, seq) order: its cable (an index into the cable columns). */
  cable: Int32Array;
  seq: Int32Array;
  flags: Uint8Array;
  /** Roles as stored (JSON), in pool `lists`; parsed once each by `list`. */
  roles: Int32Array;
  /** Its type, name and variants: what its group keys depend on (an index into the combo columns). */
  combo: Int32Array;
  /** Stored placement, -1 for none: pools `entities` and `links`. */
  entity: Int32Array;
  link: Int32Array;
  /** Per combo: type (index into TYPES), name (pool `names`), variants (pool `lists`), its group
   * (type and key, see mentionKeys) and the folded variants it writes (joined by newlines). */
  comboType: Uint8Array;
  comboName: Int32Array;
  comboVariants: Int32Array;
  comboGroup: Int32Array;
  comboVkeys: string[];
  /** Per group: its key. */
  groupKeys: string[];
  names: Pool;
  lists: Pool;
  entities: Pool;
  links: Pool;
  list: (id: number) => string[];
  /** Per cable. */
  cableId: number[];
  station: (string | null)[];
  year: (number | null)[];
  created: (string | null)[];
  /** `type \0 vkey` → key → organisation or place mentions named key that write vkey. */
  owners: Map<string, Map<string, number>>;
}

/**
 * A column on shared memory: a second thread (entities-thread.ts) reads it where it is,
 * rather than a copy per mention (6.5 million at 251,287 cables).
 */
export function sharedInts(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(n * Int32Array.BYTES_PER_ELEMENT));
}

/** Variants or roles when none are written: most mentions. Pool id 0. */
export const EMPTY = "[]";

/** A growable column of integers. */
export class Ints {
  a = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.a.length) {
      const grown = new Int32Array(this.a.length * 2);
      grown.set(this.a);
      this.a = grown;
    }
    this.a[this.length++] = v;
  }
  done(): Int32Array {
    return this.a.slice(0, this.length);
  }
}
