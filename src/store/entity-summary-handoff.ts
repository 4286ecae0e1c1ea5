import type { Db } from "./db.js";

/**
 * What a full resolution (entities-full.ts) already holds in memory and a full summary build
 * (entity-summary-scan.ts) would otherwise read back from `mentions`: every mention's cable,
 * position, type, protection, roles and placement, in the table's order, with the cables' facts.
 * A first ingest runs both back to back; re-reading the placements it had just written, sorting
 * them in SQLite and walking `mentions` again for the packed lists was most of the summaries'
 * time (scripts/bench-finish.ts).
 *
 * The columns are offered when resolution sees the summaries marked for a full build, sealed when
 * it has committed, and taken (once) by the summary step: they are used only if nothing was
 * written to the archive in between, by this connection (total_changes) or another
 * (data_version); otherwise the build reads the tables as before.
 */
export interface SummaryColumns {
  n: number;
  /** Per mention, in (cable_id, seq) order: its cable (an index into the cable columns). */
  cable: Int32Array;
  seq: Int32Array;
  /** The scan's flags (entities-scan.ts: PROTECTED) and its type through its combo. */
  flags: Uint8Array;
  combo: Int32Array;
  /** Per combo: 0 person, 1 org, 2 place. */
  comboType: Uint8Array;
  /** Roles as stored (JSON): an index into `lists`. */
  roles: Int32Array;
  lists: readonly string[];
  /** Placement: indexes into `entityIds` and `links`. */
  entity: Int32Array;
  entityIds: readonly string[];
  link: Int32Array;
  links: readonly string[];
  /** Per cable. */
  cableId: readonly number[];
  station: readonly (string | null)[];
  created: readonly (string | null)[];
}

interface Offer {
  columns: SummaryColumns;
  stamp: string | null;
}

const offers = new WeakMap<Db, Offer>();

function stamp(db: Db): string {
  const version = db.pragma("data_version", { simple: true }) as number;
  const changes = db.prepare<[], number>("SELECT total_changes()").pluck().get()!;
  return `${version}/${changes}`;
}

export function offerSummaryColumns(db: Db, columns: SummaryColumns): void {
  offers.set(db, { columns, stamp: null });
}

/** Marks the offered columns current (call once resolution's writes are committed). */
export function sealSummaryColumns(db: Db): void {
  const offer = offers.get(db);
  if (offer) offer.stamp = stamp(db);
}

export function dropSummaryColumns(db: Db): void {
  offers.delete(db);
}

/** The sealed columns if the archive is as resolution left it, else null; either way, gone. */
export function takeSummaryColumns(db: Db): SummaryColumns | null {
  const offer = offers.get(db);
  offers.delete(db);
  if (!offer || offer.stamp === null || offer.stamp !== stamp(db)) return null;
  return offer.columns;
}
