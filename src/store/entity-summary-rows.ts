import type { MessagePort } from "node:worker_threads";
import { StatsCounter } from "./entity-summary-stats.js";

/**
 * Every placement of a full build from resolution's columns, in entity_cables' key order
 * (entity-summary-scan.ts orders them), as the rows of entity_cables and entity_stats read them:
 * plain data, the per-row columns in shared memory, so a worker thread (entity-summary-parallel.ts)
 * writes its share without a copy while this thread writes the rest.
 */
export interface PlacementRows {
  /** Placed entities in id order; entity `e` has rows starts[e] .. starts[e + 1]. */
  ids: readonly string[];
  starts: Int32Array;
  /** Per row: its cable (an index into the per-cable columns). */
  cable: Int32Array;
  /** Per row: the mention's position in its cable. */
  seq: Int32Array;
  /** Per row: its roles as stored (JSON), an index into `lists`. */
  roles: Int32Array;
  /** Per row: its link rule's index into `rules`, times two, plus 1 when protected. */
  ruleProt: Int32Array;
  lists: readonly string[];
  rules: readonly string[];
  /** Per cable ('' for no date, station or month, as entity_cables writes none). */
  cableId: readonly number[];
  created: readonly string[];
  station: readonly string[];
  month: readonly string[];
}

/** entity_cables' columns, its key first. */
export const CABLES_COLUMNS = [
  "entity_id",
  "created",
  "cable_id",
  "seq",
  "protected",
  "station",
  "month",
  "roles",
  "rule",
] as const;

/** entity_stats' columns, its key first. */
export const STATS_COLUMNS = [
  "entity_id",
  "kind",
  "key",
  "cables",
  "public_cables",
  "first",
  "last",
  "public_first",
  "public_last",
] as const;

/** What the worker thread is given (entity-summary-stats-worker.ts). */
export interface RowsJob {
  rows: PlacementRows;
  /** The entities from this one on have their entity_cables rows written by the worker. */
  cablesFrom: number;
  /** The scratch database it writes. */
  path: string;
  /** Shared: [0] 0 running, 1 done, 2 failed; [1] the entities counted. */
  state: Int32Array;
  /** Where a failure's message goes. */
  port: MessagePort;
}

export function sharedInts(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(n * Int32Array.BYTES_PER_ELEMENT));
}

/** The entity_cables rows of entities `from` .. `to` - 1, in the table's key order, to `add`. */
export function cableRows(
  r: PlacementRows,
  from: number,
  to: number,
  add: (row: readonly unknown[]) => void,
): void {
  for (let e = from; e < to; e++) {
    const id = r.ids[e]!;
    for (let k = r.starts[e]!; k < r.starts[e + 1]!; k++) {
      const cable = r.cable[k]!;
      const rp = r.ruleProt[k]!;
      add([
        id,
        r.created[cable]!,
        r.cableId[cable]!,
        r.seq[k]!,
        rp & 1,
        r.station[cable]!,
        r.month[cable]!,
        r.lists[r.roles[k]!]!,
        r.rules[rp >>> 1]!,
      ]);
    }
  }
}

/** Every entity_stats row, in the table's key order, to `add`; returns the number of entities. */
export function countStats(r: PlacementRows, add: (row: readonly unknown[]) => void): number {
  const counter = new StatsCounter(add);
  for (let e = 0; e < r.ids.length; e++) {
    const id = r.ids[e]!;
    for (let k = r.starts[e]!; k < r.starts[e + 1]!; k++) {
      const cable = r.cable[k]!;
      const rp = r.ruleProt[k]!;
      counter.row(
        id,
        r.created[cable]!,
        r.cableId[cable]!,
        rp & 1,
        r.station[cable]!,
        r.month[cable]!,
        r.lists[r.roles[k]!]!,
        r.rules[rp >>> 1]!,
      );
    }
  }
  return counter.finish();
}
