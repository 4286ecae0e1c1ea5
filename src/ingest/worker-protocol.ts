import type { ReadItem } from "../formats/record.js";
import type { Prepared } from "./prepare.js";

/** Messages between the pool and a parse worker, and the layout of their shared progress buffer. */

export interface ParseRequest {
  id: number;
  items: ReadItem[];
  /**
   * Parse record by record, publishing each one's index: after a hang or crash, so that the
   * record to blame is known exactly. Otherwise records go in chunks and the index is a chunk's.
   */
  oneByOne?: boolean;
}

export interface ParseResponse {
  id: number;
  results: Prepared[];
}

/**
 * Int32 slots the worker updates before each record (or chunk of records): a tick that moves on,
 * and the request id and index of the record (or first record of the chunk) being parsed. Read by
 * the pool's watchdog.
 */
export const TICK = 0;
export const TASK = 1;
export const INDEX = 2;
export const PROGRESS_BYTES = 3 * Int32Array.BYTES_PER_ELEMENT;
