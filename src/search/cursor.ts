/**
 * Keyset cursors: the sort key and id of the last hit of a page, so the next page starts right
 * after it with an index seek (no OFFSET: page 10,000 costs what page 1 costs). Opaque to callers:
 * base64url JSON of [version, sort, key, id].
 */
import type { SortOrder } from "./types.js";
import { QuerySyntaxError } from "./types.js";

export interface CursorPosition {
  /** Sort key of the last hit (src/search/hits.ts: smaller first). */
  key: number;
  id: number;
}

/** A cursor that was not made by `encodeCursor` for this sort order. A bad request, like bad syntax. */
export class InvalidCursorError extends QuerySyntaxError {
  constructor(message: string) {
    super(message, 0);
    this.name = "InvalidCursorError";
  }
}

const VERSION = 2;
const MAX_CURSOR_LENGTH = 2000;

export function encodeCursor(sort: SortOrder, pos: CursorPosition): string {
  return Buffer.from(JSON.stringify([VERSION, sort, pos.key, pos.id])).toString("base64url");
}

export function decodeCursor(cursor: string, sort: SortOrder): CursorPosition {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw new InvalidCursorError("invalid cursor");
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursorError("invalid cursor");
  }
  if (
    !Array.isArray(value) ||
    value.length !== 4 ||
    value[0] !== VERSION ||
    typeof value[2] !== "number" ||
    !Number.isFinite(value[2]) ||
    !Number.isSafeInteger(value[3])
  ) {
    throw new InvalidCursorError("invalid cursor");
  }
  if (value[1] !== sort) {
    throw new InvalidCursorError(`cursor belongs to sort '${String(value[1])}', not '${sort}'`);
  }
  return { key: value[2] as number, id: value[3] as number };
}
