import type { Db } from "./db.js";
import { type Cables, type MentionRow, type ScanPart, ScanState } from "./entities-scan-state.js";
import { EMPTY, Pool, type Scan, sharedInts } from "./entities-scan-types.js";

export type { MentionRow } from "./entities-scan-state.js";
export {
  Pool,
  PROTECTED,
  REKEY,
  type Scan,
  SIGNED,
  sharedInts,
  TYPES,
  US_OFFICIAL,
} from "./entities-scan-types.js";

/**
 * The one read of a full resolution run (entities-full.ts): every mention of the archive in the
 * table's own order (one sequential pass, no seek), held as compact columns — typed arrays of
 * integers, each string kept once in a pool — with its group keys computed afresh and the
 * variant owners counted. A mention costs about 50 bytes here; a row object per mention did not
 * fit a 4 GB heap at 251,287 cables (6.5 million mentions). What depends on a mention's type,
 * name and variants only (its group keys, its forms) is kept once per distinct triple. Cable facts
 * are read once per cable, not joined per mention.
 */

export interface CableRow {
  id: number;
  station: string | null;
  year: number | null;
  created: string | null;
  signers: string | null;
}

/** Appends a cable's facts to `s` and `cables` (its index is the next one). */
function addCable(
  s: Scan,
  cables: { index: Map<number, number>; signers: (string | null)[] },
  c: CableRow,
): void {
  cables.index.set(c.id, s.cableId.length);
  s.cableId.push(c.id);
  s.station.push(c.station);
  s.year.push(c.year);
  s.created.push(c.created);
  cables.signers.push(c.signers);
}

/** Every cable's facts, by index; the index of each cable id; the cables' signers. */
function readCables(db: Db, s: Scan): Cables & { signers: (string | null)[] } {
  const cables = { index: new Map<number, number>(), signers: [] as (string | null)[] };
  // Covered by cables_entity_facts (migration 013): a few MB, not the 3.4 GB table.
  const rows = db.prepare<[], CableRow>(
    "SELECT id, station, year, created, signers FROM cables INDEXED BY cables_entity_facts",
  );
  for (const c of rows.iterate()) addCable(s, cables, c);
  return cables;
}

function emptyScan(n: number): Scan {
  const lists = new Pool();
  lists.id(EMPTY);
  return {
    n,
    cable: sharedInts(n),
    seq: sharedInts(n),
    flags: new Uint8Array(new SharedArrayBuffer(n)),
    roles: sharedInts(n),
    combo: sharedInts(n),
    entity: sharedInts(n),
    link: sharedInts(n),
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
    list: () => [],
    cableId: [],
    station: [],
    year: [],
    created: [],
    owners: new Map(),
  };
}

/**
 * A second thread that scans the cables from a given id on (entities-thread.ts): `start`
 * begins it, `wait` returns its part.
 */
export interface ScanHelper {
  startScan(from: number, cableId: readonly number[], signers: readonly (string | null)[]): void;
  waitScan(): ScanPart;
}

/** Fewer mentions than this are scanned on one thread: a split costs its hand-over. */
export const SPLIT_MIN_MENTIONS = 20_000;

/**
 * The scan, over one thread or two: with `helper`, the cables of the upper half of the ids are
 * read by the helper while this thread reads the lower half, and its part is absorbed after
 * (ScanState: the result is the one-thread scan's, id for id).
 */
export function scanMentions(
  db: Db,
  helper: ScanHelper | null = null,
  splitMin = SPLIT_MIN_MENTIONS,
): Scan {
  const n = db.prepare<[], number>("SELECT count(*) FROM mentions").pluck().get()!;
  const s = emptyScan(n);
  const cables = readCables(db, s);
  const state = new ScanState(s, cables);
  const ids = helper && n >= splitMin ? [...s.cableId].sort((a, b) => a - b) : [];
  if (ids.length < 2) {
    state.read(db, null, null);
    return state.finish(s);
  }
  const from = ids[ids.length >> 1]!;
  helper!.startScan(from, s.cableId, cables.signers);
  let part: ScanPart;
  try {
    state.read(db, null, from);
  } finally {
    // Waited for even when this half failed: the helper's thread is not left reading.
    part = helper!.waitScan();
  }
  state.absorb(part);
  return state.finish(s);
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

/**
 * The same scan fed row by row from another database (PostgreSQL's full run, src/store/postgres/
 * entities-full.ts): every cable in id order, then every mention in (cable_id, seq) order, as
 * MentionRow. `finish` gives the Scan `scanMentions` gives for the same rows.
 */
export class ScanFeed {
  private readonly s: Scan;
  private readonly cables = { index: new Map<number, number>(), signers: [] as (string | null)[] };
  private state: ScanState | null = null;

  /** `n`: the number of mentions that will be fed. */
  constructor(n: number) {
    this.s = emptyScan(n);
  }

  cable(c: CableRow): void {
    if (this.state) throw new Error("a cable fed after the mentions");
    addCable(this.s, this.cables, c);
  }

  mention(r: MentionRow): void {
    this.state ??= new ScanState(this.s, this.cables);
    this.state.add(r);
  }

  finish(): Scan {
    this.state ??= new ScanState(this.s, this.cables);
    return this.state.finish(this.s);
  }
}
