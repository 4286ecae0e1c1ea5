import type { Db } from "./db.js";
import { clearDerived } from "./entities-derived.js";
import { deriveAll, writeAllDerived } from "./entities-derived-all.js";
import {
  applyMentionWrites,
  type MentionWrites,
  PLACE,
  REKEY_WRITE,
} from "./entities-mention-writes.js";
import { type Placed, placeAll } from "./entities-place.js";
import { REKEY, type Scan, scanMentions } from "./entities-scan.js";
import type { ResolveThread } from "./entities-thread.js";
import { type Batches, BulkInsert, HeldRows } from "./entities-walk.js";
import { offerSummaryColumns, type SummaryColumns } from "./entity-summary-handoff.js";

/**
 * The full run of resolution (entities-resolve.ts): every mention read once, in the table's
 * order, into compact columns (entities-scan.ts); grouped in memory by integer group ids; each
 * group resolved by the rule as before; then what moved written back in the table's order, and
 * the derived tables rebuilt from the same columns, written in their key order with multi-row
 * inserts. Nothing is looked up per group or per entity: at 251,287 cables the run it replaces
 * made two statements per group, two per entity and one per written row, and read every mention
 * twice through an index, at random.
 *
 * On an archive file, a second thread (entities-thread.ts) takes half of each step it can: half
 * the scan, half the groups, and the placements' writes while this thread derives the tables.
 * Per-thread CPU at 50,000 cables (1.2 M mentions): this thread 13–14 s alone, 5.7–6.1 s with it;
 * the longer of the two per step about 10 s. Above the SPLIT_MIN_MENTIONS and THREAD_MIN_WRITES
 * sizes only: below them its start costs more than it saves.
 */

/** The index is rebuilt when the run moves at least one mention in this many. */
const REBUILD_SHARE = 8;

/**
 * The placements that changed (and group keys the rule now computes otherwise), as columns for
 * applyMentionWrites (entities-mention-writes.ts); null when nothing is to be written.
 */
export function planMentionWrites(s: Scan, p: Placed): MentionWrites | null {
  const what = new Uint8Array(new SharedArrayBuffer(s.n));
  const keys: string[] = [];
  const vkeys: string[] = [];
  let updates = 0;
  for (let i = 0; i < s.n; i++) {
    if (s.flags[i]! & REKEY) {
      const c = s.combo[i]!;
      what[i] = REKEY_WRITE;
      keys.push(s.groupKeys[s.comboGroup[c]!]!);
      vkeys.push(s.comboVkeys[c]!);
    } else if (p.entity[i] !== s.entity[i] || p.link[i] !== s.link[i]) what[i] = PLACE;
    else continue;
    updates++;
  }
  if (updates === 0) return null;
  return {
    n: s.n,
    what,
    cable: s.cable,
    seq: s.seq,
    entity: p.entity,
    link: p.link,
    cableId: s.cableId,
    entityIds: s.entities.strings,
    links: s.links.strings,
    keys,
    vkeys,
    count: updates,
    rebuild: updates * REBUILD_SHARE >= s.n,
  };
}

/** The placements that changed, written on this thread (see planMentionWrites). */
export function writeMentions(db: Db, s: Scan, p: Placed, batches: Batches): void {
  const writes = planMentionWrites(s, p);
  if (writes) applyMentionWrites(db, writes, batches);
}

/** `entity_owners`' rows (type, vkey, key, mentions): who owns each variant, as the scan counted. */
export function ownerRows(s: Scan): [string, string, string, number][] {
  const rows: [string, string, string, number][] = [];
  for (const [at, keys] of s.owners) {
    const [type, vkey] = at.split("\u0000") as [string, string];
    for (const [key, count] of keys) rows.push([type, vkey, key, count]);
  }
  return rows;
}

/** Who owns each variant, counted by the scan, written in key order. */
export function writeOwners(db: Db, s: Scan, batches: Batches): void {
  db.exec("DELETE FROM entity_owners");
  const rows = ownerRows(s);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => cmp(a[0], b[0]) || cmp(a[1], b[1]) || cmp(a[2], b[2]));
  const insert = new BulkInsert(db, "entity_owners (type, vkey, key, mentions)", 4, batches);
  for (const r of rows) insert.add(r);
  insert.flush();
}

/** Fewer placements than this are written on the calling thread: a thread costs its start. */
export const THREAD_MIN_WRITES = 20_000;

/**
 * Above this many mentions the second thread is not used either: its half of the columns and the
 * derived rows held while it writes cost memory that grows with the archive. At 251,287 cables
 * (6.1 million mentions) the ingest's peak resident memory was 1,218 MiB with it and 996 MiB
 * without, against the 1,024 MiB budget of `npm run bench`, for 15–19 s of a 460–570 s ingest.
 * The summaries' worker keeps the same cap (entity-summary.ts, workerMaxMentions).
 */
export const THREAD_MAX_MENTIONS = 3_000_000;

/**
 * Below these sizes the second thread is not used (SPLIT_MIN_MENTIONS, THREAD_MIN_WRITES), nor
 * above `maxMentions` (THREAD_MAX_MENTIONS).
 */
export interface ThreadMin {
  mentions?: number;
  writes?: number;
  maxMentions?: number;
}

export function resolveAll(
  db: Db,
  batches: Batches,
  rebuild: boolean,
  thread: ResolveThread | null = null,
  threadMin: ThreadMin = {},
): { mode: "full"; mentions: number; entities: number; changed: number } {
  // Summaries due for a full build read the placements from this run's columns, roles included.
  const summarise =
    db.prepare("SELECT 1 FROM entity_summary_dirty WHERE entity_id = '*'").get() !== undefined;
  const s = scanMentions(db, thread, threadMin.mentions);
  const placed = placeAll(s, thread, threadMin.mentions);
  // Columns the writes no longer read go before them: the peak memory is the writes'.
  if (!summarise) s.roles = new Int32Array(0);
  const writes = planMentionWrites(s, placed);
  s.entity = new Int32Array(0);
  s.link = new Int32Array(0);
  const used = new Uint8Array(s.entities.strings.length);
  let entities = 0;
  for (let i = 0; i < s.n; i++) {
    if (used[placed.entity[i]!] === 0) entities++;
    used[placed.entity[i]!] = 1;
  }
  const stored = db.prepare<[], number>("SELECT count(*) FROM entities").pluck().get()!;
  // Nothing moved (a rerun, a re-ingest): the derived rows stand, unless a stopped run left them.
  const derive = rebuild || placed.changed > 0 || entities !== stored;
  let held: HeldRows[] | null = null;
  const threaded =
    writes && thread && batches.own && writes.count >= (threadMin.writes ?? THREAD_MIN_WRITES);
  if (threaded) {
    // The other thread writes the placements while this one derives the tables' rows (pure
    // computation): neither waits for the other until both are done.
    batches.outside(() => {
      thread.startWrites(writes, batches.limit);
      try {
        if (derive) held = holdDerived(s, placed.entity);
      } finally {
        thread.waitWrites();
      }
    });
  } else {
    thread?.close();
    if (writes) applyMentionWrites(db, writes, batches);
  }
  writeOwners(db, s, batches);
  if (derive) {
    clearDerived(db);
    if (held) for (const rows of held as HeldRows[]) rows.writeTo(db, batches);
    else writeAllDerived(db, s, placed.entity, batches);
  }
  if (summarise) offerSummaryColumns(db, summaryColumns(s, placed));
  return { mode: "full", mentions: s.n, entities, changed: placed.changed };
}

/** The derived rows of a full run, held for writing once the placements are written. */
function holdDerived(s: Scan, entityOf: Int32Array): HeldRows[] {
  const held: HeldRows[] = [];
  deriveAll(s, entityOf, (into, width) => {
    const rows = new HeldRows(into, width);
    held.push(rows);
    return rows;
  });
  return held;
}

/**
 * The columns a full summary build reads (entity-summary-handoff.ts), the scan's own (nothing
 * copied): the rest of the scan can go.
 */
function summaryColumns(s: Scan, placed: Placed): SummaryColumns {
  return {
    n: s.n,
    cable: s.cable,
    seq: s.seq,
    flags: s.flags,
    combo: s.combo,
    comboType: s.comboType,
    roles: s.roles,
    lists: s.lists.strings,
    entity: placed.entity,
    entityIds: s.entities.strings,
    link: placed.link,
    links: s.links.strings,
    cableId: s.cableId,
    station: s.station,
    created: s.created,
  };
}
