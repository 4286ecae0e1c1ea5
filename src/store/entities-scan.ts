import type { Db } from "./db.js";
import type { EntityType } from "./entities-input.js";
import { mentionKeys } from "./entities-rule.js";
import { fold } from "./entity-names.js";

/**
 * The one read of a full resolution run (entities-full.ts): every mention of the archive in the
 * table's own order (one sequential pass, no seek), held as compact columns — typed arrays of
 * integers, each string kept once in a pool — with its group keys computed afresh and the
 * variant owners counted. A mention costs about 50 bytes here; a row object per mention did not
 * fit a 4 GB heap at 251,287 cables (6.5 million mentions). What depends on a mention's type,
 * name and variants only (its group keys, its forms) is kept once per distinct triple. Cable facts
 * are read once per cable, not joined per mention.
 */

export const TYPES: readonly EntityType[] = ["person", "org", "place"];
const TYPE_CODE: Record<string, number> = { person: 0, org: 1, place: 2 };

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

type Raw = [
  number,
  number,
  string,
  string,
  string,
  string,
  number,
  number,
  string | null,
  string | null,
  string | null,
  string,
];

interface CableRow {
  id: number;
  station: string | null;
  year: number | null;
  created: string | null;
  signers: string | null;
}

/** Every cable's facts, by index; the index of each cable id; the cables' signers. */
function readCables(db: Db, s: Scan): { index: Map<number, number>; signers: (string | null)[] } {
  const index = new Map<number, number>();
  const signers: (string | null)[] = [];
  // Covered by cables_entity_facts (migration 013): a few MB, not the 3.4 GB table.
  const rows = db.prepare<[], CableRow>(
    "SELECT id, station, year, created, signers FROM cables INDEXED BY cables_entity_facts",
  );
  for (const c of rows.iterate()) {
    index.set(c.id, s.cableId.length);
    s.cableId.push(c.id);
    s.station.push(c.station);
    s.year.push(c.year);
    s.created.push(c.created);
    signers.push(c.signers);
  }
  return { index, signers };
}

/**
 * A column on shared memory: a second thread (entities-write-thread.ts) reads it where it is,
 * rather than a copy per mention (6.5 million at 251,287 cables).
 */
export function sharedInts(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(n * Int32Array.BYTES_PER_ELEMENT));
}

/** Variants or roles when none are written: most mentions. Pool id 0. */
const EMPTY = "[]";

function emptyScan(n: number): Scan {
  const lists = new Pool();
  lists.id(EMPTY);
  const parsed: (string[] | undefined)[] = [];
  return {
    n,
    cable: sharedInts(n),
    seq: sharedInts(n),
    flags: new Uint8Array(n),
    roles: new Int32Array(n),
    combo: new Int32Array(n),
    entity: new Int32Array(n),
    link: new Int32Array(n),
    comboType: new Uint8Array(0),
    comboName: new Int32Array(0),
    comboVariants: new Int32Array(0),
    comboGroup: new Int32Array(0),
    comboVkeys: [],
    groupKeys: [],
    names: new Pool(),
    lists,
    entities: new Pool(),
    links: new Pool(),
    list: (id) => {
      let l = parsed[id];
      if (!l) {
        l = JSON.parse(lists.strings[id]!) as string[];
        parsed[id] = l;
      }
      return l;
    },
    cableId: [],
    station: [],
    year: [],
    created: [],
    owners: new Map(),
  };
}

/** A growable column of integers. */
class Ints {
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

export function scanMentions(db: Db): Scan {
  const n = db.prepare<[], number>("SELECT count(*) FROM mentions").pluck().get()!;
  const s = emptyScan(n);
  const cables = readCables(db, s);
  // Group keys depend on type, name and variants only: computed once per distinct triple (a
  // combo). The combos of one name are chained from the name's first.
  const firstOfName = new Ints();
  const nextOfName = new Ints();
  const comboType = new Ints();
  const comboName = new Ints();
  const comboVariants = new Ints();
  const comboGroup = new Ints();
  const comboCount = new Ints();
  const comboVkeys: string[][] = [];
  const groups = new Map<string, number>();
  const folded: (string[] | undefined)[] = [];
  let lastCable = -1;
  let cableIdx = -1;
  let signers: Set<string> | null = null;
  let i = 0;
  const rows = db
    .prepare<[], Raw>(
      `SELECT cable_id, seq, type, name, variants, roles, us_official, protected, entity_id, link,
              key, vkeys FROM mentions ORDER BY cable_id, seq`,
    )
    .raw();
  for (const r of rows.iterate()) {
    if (i === n) throw new Error("mentions changed while resolution read them");
    const [cableId, seq, type, name, variants, roles, usOfficial, prot, entity, link, key, vkeys] =
      r;
    if (cableId !== lastCable) {
      lastCable = cableId;
      cableIdx = cables.index.get(cableId) ?? -1;
      if (cableIdx < 0) throw new Error(`a mention of cable ${cableId}, not in the archive`);
      const raw = cables.signers[cableIdx];
      // As signedBy reads them.
      signers = raw ? new Set(raw.split("; ").map((x) => fold(x).trim())) : null;
    }
    const t = TYPE_CODE[type];
    if (t === undefined) throw new Error(`a mention of unknown type ${type} (cable ${cableId})`);
    const ni = s.names.id(name);
    const vi = variants === EMPTY ? 0 : s.lists.id(variants);
    if (ni === firstOfName.length) firstOfName.push(-1);
    let c = firstOfName.a[ni]!;
    while (c >= 0 && (comboVariants.a[c] !== vi || comboType.a[c] !== t)) c = nextOfName.a[c]!;
    if (c < 0) {
      c = comboType.length;
      nextOfName.push(firstOfName.a[ni]!);
      firstOfName.a[ni] = c;
      const k = mentionKeys({ type: TYPES[t]!, name, variants: s.list(vi) });
      const gk = `${t}\u0000${k.key}`;
      let g = groups.get(gk);
      if (g === undefined) {
        g = s.groupKeys.length;
        groups.set(gk, g);
        s.groupKeys.push(k.key);
      }
      comboType.push(t);
      comboName.push(ni);
      comboVariants.push(vi);
      comboGroup.push(g);
      comboCount.push(0);
      comboVkeys.push(k.vkeys);
      s.comboVkeys.push(k.vkeys.join("\n"));
    }
    comboCount.a[c]!++;
    let flags = (usOfficial === 1 ? US_OFFICIAL : 0) | (prot === 1 ? PROTECTED : 0);
    if (key !== s.groupKeys[comboGroup.a[c]!] || vkeys !== s.comboVkeys[c]) flags |= REKEY;
    if (t === 0 && signers) {
      let f = folded[c];
      if (!f) {
        f = [fold(name), ...s.list(vi).map(fold)];
        folded[c] = f;
      }
      if (f.some((x) => signers!.has(x))) flags |= SIGNED;
    }
    s.cable[i] = cableIdx;
    s.seq[i] = seq;
    s.flags[i] = flags;
    s.roles[i] = roles === EMPTY ? 0 : s.lists.id(roles);
    s.combo[i] = c;
    s.entity[i] = entity === null ? -1 : s.entities.id(entity);
    s.link[i] = link === null ? -1 : s.links.id(link);
    i++;
  }
  if (i !== n) throw new Error("mentions changed while resolution read them");
  s.comboType = Uint8Array.from(comboType.done());
  s.comboName = comboName.done();
  s.comboVariants = comboVariants.done();
  s.comboGroup = comboGroup.done();
  // Who owns each variant: the organisation and place mentions writing it, counted per combo.
  comboVkeys.forEach((vkeys, c) => {
    const own = s.groupKeys[s.comboGroup[c]!]!;
    for (const fv of vkeys) {
      const at = `${TYPES[s.comboType[c]!]}\u0000${fv}`;
      let m = s.owners.get(at);
      if (!m) {
        m = new Map();
        s.owners.set(at, m);
      }
      m.set(own, (m.get(own) ?? 0) + comboCount.a[c]!);
    }
  });
  return s;
}

/** Mentions, grouped: `order[start[g] .. start[g + 1]]` are group g's, in table order. */
export function groupOrder(
  n: number,
  groups: number,
  groupOf: (i: number) => number,
): { order: Int32Array; start: Int32Array } {
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < n; i++) start[groupOf(i) + 1]!++;
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const next = start.slice(0, groups);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[next[groupOf(i)]!++] = i;
  return { order, start };
}
