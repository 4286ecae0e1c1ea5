import type { Db } from "./db.js";
import { mentionKeys } from "./entities-rule.js";
import {
  EMPTY,
  Ints,
  Pool,
  PROTECTED,
  REKEY,
  type Scan,
  SIGNED,
  TYPES,
  US_OFFICIAL,
} from "./entities-scan-types.js";
import { fold } from "./entity-names.js";

/**
 * The scan of entities-scan.ts as it runs: the mentions of a range of cables read in table order
 * into columns. A scan split over two threads reads the second half into a state of its own, and
 * the first `absorb`s its `part`: the part's strings and combos are taken in the order it met them,
 * so each gets the id one pass over the whole table would have given it, and the columns come out
 * the same as that pass's.
 */

/**
 * A row as read: cable id, seq, the type as its TYPES index (null: unknown), name, variants and
 * roles null when none ('[]', most mentions), the two flags already in one integer, then the
 * stored entity, link, key and vkeys. The database does this per row cheaper than the scan did: a
 * string made and looked up per row costs more than an integer.
 */
export type MentionRow = [
  number,
  number,
  number | null,
  string,
  string | null,
  string | null,
  number,
  string | null,
  string | null,
  string,
  string,
];

/** The cables, as the scan indexes them (entities-scan.ts reads them once, for both halves). */
export interface Cables {
  index: Map<number, number>;
  signers: readonly (string | null)[];
}

/**
 * What a scan of part of the table hands over: plain data, cloned or transferred to a thread. The
 * per-mention columns are the Scan's; the pools travel as arrays, and each combo is counted.
 */
export type ScanPart = Pick<
  Scan,
  | "n"
  | "cable"
  | "seq"
  | "flags"
  | "roles"
  | "combo"
  | "entity"
  | "link"
  | "comboName"
  | "comboVariants"
  | "comboGroup"
  | "groupKeys"
> & {
  names: string[];
  lists: string[];
  entities: string[];
  links: string[];
  comboType: Int32Array;
  comboCount: Int32Array;
  comboVkeys: string[][];
};

/** TYPES as a CASE (each type's index; an unknown type gives null). */
const TYPE_SQL = `CASE type ${TYPES.map((t, i) => `WHEN '${t}' THEN ${i}`).join(" ")} END`;

export const MENTION_ROW_SELECT = `SELECT cable_id, seq, ${TYPE_SQL}, name, NULLIF(variants, '${EMPTY}'),
                       NULLIF(roles, '${EMPTY}'),
                       (us_official = 1) * ${US_OFFICIAL} | (protected = 1) * ${PROTECTED},
                       entity_id, link, key, vkeys FROM mentions`;

export class ScanState {
  /** Mentions read so far: the next one goes at this index of the per-mention columns. */
  i = 0;
  readonly names = new Pool();
  readonly lists = new Pool();
  readonly entities = new Pool();
  readonly links = new Pool();
  // Group keys depend on type, name and variants only: computed once per distinct triple (a
  // combo). The combos of one name are chained from the name's first.
  private readonly firstOfName = new Ints();
  private readonly nextOfName = new Ints();
  readonly comboType = new Ints();
  readonly comboName = new Ints();
  readonly comboVariants = new Ints();
  readonly comboGroup = new Ints();
  readonly comboCount = new Ints();
  readonly comboVkeys: string[][] = [];
  /** Per combo, its folded variants joined by newlines, as `vkeys` stores them. */
  readonly comboVkeysJoined: string[] = [];
  private readonly groups = new Map<string, number>();
  readonly groupKeys: string[] = [];
  private readonly folded: (string[] | undefined)[] = [];
  private readonly parsed: (string[] | undefined)[] = [];

  constructor(
    /** Per-mention columns, as long as the mentions this state will hold. */
    readonly cols: Pick<
      ScanPart,
      "cable" | "seq" | "flags" | "roles" | "combo" | "entity" | "link"
    >,
    private readonly cables: Cables,
  ) {
    this.lists.id(EMPTY);
  }

  list(id: number): string[] {
    let l = this.parsed[id];
    if (!l) {
      l = JSON.parse(this.lists.strings[id]!) as string[];
      this.parsed[id] = l;
    }
    return l;
  }

  /** The combo of (type, name, variants), made (its group keys computed) if new. */
  private comboOf(t: number, ni: number, vi: number, variants: () => string[]): number {
    const { firstOfName, nextOfName, comboVariants, comboType } = this;
    if (ni === firstOfName.length) firstOfName.push(-1);
    let c = firstOfName.a[ni]!;
    while (c >= 0 && (comboVariants.a[c] !== vi || comboType.a[c] !== t)) c = nextOfName.a[c]!;
    if (c >= 0) return c;
    c = comboType.length;
    nextOfName.push(firstOfName.a[ni]!);
    firstOfName.a[ni] = c;
    const name = this.names.strings[ni]!;
    const k = mentionKeys({ type: TYPES[t]!, name, variants: variants() });
    this.addCombo(t, ni, vi, this.groupOf(t, k.key), k.vkeys);
    return c;
  }

  private groupOf(t: number, key: string): number {
    const gk = `${t}\u0000${key}`;
    let g = this.groups.get(gk);
    if (g === undefined) {
      g = this.groupKeys.length;
      this.groups.set(gk, g);
      this.groupKeys.push(key);
    }
    return g;
  }

  private addCombo(t: number, ni: number, vi: number, g: number, vkeys: string[]): void {
    this.comboType.push(t);
    this.comboName.push(ni);
    this.comboVariants.push(vi);
    this.comboGroup.push(g);
    this.comboCount.push(0);
    this.comboVkeys.push(vkeys);
    this.comboVkeysJoined.push(vkeys.join("\n"));
  }

  /** Reads the mentions of the cables with ids in [from, to) (null: unbounded), in table order. */
  read(db: Db, from: number | null, to: number | null): void {
    const where =
      from === null && to === null
        ? ""
        : from === null
          ? " WHERE cable_id < ?"
          : to === null
            ? " WHERE cable_id >= ?"
            : " WHERE cable_id >= ? AND cable_id < ?";
    const args = [from, to].filter((x) => x !== null);
    const rows = db
      .prepare<unknown[], MentionRow>(`${MENTION_ROW_SELECT}${where} ORDER BY cable_id, seq`)
      .raw();
    for (const r of rows.iterate(...args)) this.add(r);
  }

  // The cable of the mentions being added, and its signers folded as signedBy reads them.
  private lastCable = -1;
  private cableIdx = -1;
  private signers: Set<string> | null = null;

  /** One mention, after those of lower (cable_id, seq): what `read` does with each row. */
  add(r: MentionRow): void {
    const { cols, cables } = this;
    if (this.i === cols.seq.length) throw new Error("mentions changed while resolution read them");
    const [cableId, seq, t, name, variants, roles, stored, entity, link, key, vkeys] = r;
    if (cableId !== this.lastCable) {
      this.lastCable = cableId;
      this.cableIdx = cables.index.get(cableId) ?? -1;
      if (this.cableIdx < 0) throw new Error(`a mention of cable ${cableId}, not in the archive`);
      const raw = cables.signers[this.cableIdx];
      this.signers = raw ? new Set(raw.split("; ").map((x) => fold(x).trim())) : null;
    }
    if (t === null) throw new Error(`a mention of unknown type (cable ${cableId}, seq ${seq})`);
    const ni = this.names.id(name);
    const vi = variants === null ? 0 : this.lists.id(variants);
    const c = this.comboOf(t, ni, vi, () => this.list(vi));
    this.comboCount.a[c]!++;
    let flags = stored;
    if (key !== this.groupKeys[this.comboGroup.a[c]!] || vkeys !== this.comboVkeysJoined[c])
      flags |= REKEY;
    const signers = this.signers;
    if (t === 0 && signers) {
      let f = this.folded[c];
      if (!f) {
        f = [fold(name), ...this.list(vi).map(fold)];
        this.folded[c] = f;
      }
      if (f.some((x) => signers.has(x))) flags |= SIGNED;
    }
    const i = this.i++;
    cols.cable[i] = this.cableIdx;
    cols.seq[i] = seq;
    cols.flags[i] = flags;
    cols.roles[i] = roles === null ? 0 : this.lists.id(roles);
    cols.combo[i] = c;
    cols.entity[i] = entity === null ? -1 : this.entities.id(entity);
    cols.link[i] = link === null ? -1 : this.links.id(link);
  }

  /** This state as a part for another to absorb (its columns as long as what was read). */
  part(): ScanPart {
    const { cols, i } = this;
    const cut = <T extends Int32Array | Uint8Array>(a: T) =>
      a.length === i ? a : (a.slice(0, i) as T);
    return {
      n: i,
      cable: cut(cols.cable),
      seq: cut(cols.seq),
      flags: cut(cols.flags),
      roles: cut(cols.roles),
      combo: cut(cols.combo),
      entity: cut(cols.entity),
      link: cut(cols.link),
      names: this.names.strings,
      lists: this.lists.strings,
      entities: this.entities.strings,
      links: this.links.strings,
      comboType: this.comboType.done(),
      comboName: this.comboName.done(),
      comboVariants: this.comboVariants.done(),
      comboGroup: this.comboGroup.done(),
      comboCount: this.comboCount.done(),
      comboVkeys: this.comboVkeys,
      groupKeys: this.groupKeys,
    };
  }

  /**
   * Appends `p`, the scan of the cables after those read here, as if this state had read them:
   * its strings, combos and groups taken in the order the part met them.
   */
  absorb(p: ScanPart): void {
    const { cols } = this;
    if (this.i + p.n > cols.seq.length)
      throw new Error("mentions changed while resolution read them");
    const ids = (pool: Pool, strings: readonly string[]) =>
      Int32Array.from(strings, (s) => pool.id(s));
    const names = ids(this.names, p.names);
    const lists = ids(this.lists, p.lists);
    const entities = ids(this.entities, p.entities);
    const links = ids(this.links, p.links);
    const combos = new Int32Array(p.comboType.length);
    for (let c = 0; c < combos.length; c++) {
      const t = p.comboType[c]!;
      const ni = names[p.comboName[c]!]!;
      const vi = lists[p.comboVariants[c]!]!;
      const before = this.comboType.length;
      let k = this.comboOfKnown(t, ni, vi);
      if (k < 0) {
        k = before;
        this.chain(ni, k);
        this.addCombo(t, ni, vi, this.groupOf(t, p.groupKeys[p.comboGroup[c]!]!), p.comboVkeys[c]!);
      }
      this.comboCount.a[k]! += p.comboCount[c]!;
      combos[c] = k;
    }
    for (let j = 0; j < p.n; j++) {
      const i = this.i++;
      cols.cable[i] = p.cable[j]!;
      cols.seq[i] = p.seq[j]!;
      cols.flags[i] = p.flags[j]!;
      cols.roles[i] = lists[p.roles[j]!]!;
      cols.combo[i] = combos[p.combo[j]!]!;
      cols.entity[i] = p.entity[j]! < 0 ? -1 : entities[p.entity[j]!]!;
      cols.link[i] = p.link[j]! < 0 ? -1 : links[p.link[j]!]!;
    }
  }

  private comboOfKnown(t: number, ni: number, vi: number): number {
    const { firstOfName, nextOfName, comboVariants, comboType } = this;
    if (ni >= firstOfName.length) return -1;
    let c = firstOfName.a[ni]!;
    while (c >= 0 && (comboVariants.a[c] !== vi || comboType.a[c] !== t)) c = nextOfName.a[c]!;
    return c;
  }

  private chain(ni: number, c: number): void {
    const { firstOfName, nextOfName } = this;
    while (ni >= firstOfName.length) firstOfName.push(-1);
    nextOfName.push(firstOfName.a[ni]!);
    firstOfName.a[ni] = c;
  }

  /** The finished scan: its combos' columns and the variant owners counted over them. */
  finish(s: Scan): Scan {
    if (this.i !== s.n) throw new Error("mentions changed while resolution read them");
    s.names = this.names;
    s.lists = this.lists;
    s.entities = this.entities;
    s.links = this.links;
    s.list = (id) => this.list(id);
    s.comboType = Uint8Array.from(this.comboType.done());
    s.comboName = this.comboName.done();
    s.comboVariants = this.comboVariants.done();
    s.comboGroup = this.comboGroup.done();
    s.comboVkeys = this.comboVkeysJoined;
    s.groupKeys = this.groupKeys;
    // Who owns each variant: the organisation and place mentions writing it, counted per combo.
    this.comboVkeys.forEach((vkeys, c) => {
      const own = s.groupKeys[s.comboGroup[c]!]!;
      for (const fv of vkeys) {
        const at = `${TYPES[s.comboType[c]!]}\u0000${fv}`;
        let m = s.owners.get(at);
        if (!m) {
          m = new Map();
          s.owners.set(at, m);
        }
        m.set(own, (m.get(own) ?? 0) + this.comboCount.a[c]!);
      }
    });
    return s;
  }
}
