import type { MessagePort } from "node:worker_threads";
import { StatsCounter } from "./entity-summary-stats.js";

/**
 * What the aggregates (entity_stats) of a full build from resolution's columns read of each
 * placement, in entity_cables' key order (entity-summary-scan.ts orders them): plain data, the
 * per-row columns in shared memory, so a worker thread (entity-summary-parallel.ts) counts them
 * without a copy while this thread writes the other tables.
 */
export interface StatsInput {
  /** Placed entities in id order; entity `e` has rows starts[e] .. starts[e + 1]. */
  ids: readonly string[];
  starts: Int32Array;
  /** Per row: its cable (an index into the per-cable columns). */
  cable: Int32Array;
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

/** entity_stats' columns, in its key order first. */
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
export interface StatsJob {
  input: StatsInput;
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

/** Every entity_stats row, in the table's key order, to `add`; returns the number of entities. */
export function countStats(s: StatsInput, add: (row: readonly unknown[]) => void): number {
  const counter = new StatsCounter(add);
  for (let e = 0; e < s.ids.length; e++) {
    const id = s.ids[e]!;
    for (let k = s.starts[e]!; k < s.starts[e + 1]!; k++) {
      const cable = s.cable[k]!;
      const rp = s.ruleProt[k]!;
      counter.row(
        id,
        s.created[cable]!,
        s.cableId[cable]!,
        rp & 1,
        s.station[cable]!,
        s.month[cable]!,
        s.lists[s.roles[k]!]!,
        s.rules[rp >>> 1]!,
      );
    }
  }
  return counter.finish();
}
