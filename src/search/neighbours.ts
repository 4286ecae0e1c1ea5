/**
 * A cable's place in a result list: the hits just before and after it and its position, for the
 * reader's "previous / next in these results". One pass over the matches in their sort order's
 * keys, no full sort: the predecessor is the greatest match before the cable, the successor the
 * least after it.
 */
import type { Db } from "../store/db.js";
import type { QueryNode } from "./ast.js";
import { columnsIfBuilt } from "./columns.js";
import { matchIds, sortKeys } from "./hits.js";
import { planQuery } from "./plan.js";
import type { SortOrder } from "./types.js";

export interface Neighbours {
  /** 1-based position of the cable in the ordered result. */
  position: number;
  total: number;
  prev: string | null;
  next: string | null;
}

const idOf = (db: Db, rowid: number): string | null =>
  db.prepare<[number], string>("SELECT reference_id FROM cables WHERE id = ?").pluck().get(rowid) ??
  null;

/** Where the cable with `rowid` sits in the results of `node`, or null when it is not among them. */
export function neighbours(
  db: Db,
  node: QueryNode,
  sort: SortOrder,
  rowid: number,
): Neighbours | null {
  return db.transaction((): Neighbours | null => {
    const { plan } = planQuery(db, node);
    const ids = matchIds(db, plan, columnsIfBuilt(db));
    const at = ids.indexOf(rowid);
    if (at < 0) return null;
    const keys = sortKeys(db, plan, sort, ids, columnsIfBuilt(db));
    const k = keys[at]!;
    const before = (i: number) => keys[i]! < k || (keys[i] === k && ids[i]! < rowid);
    let prev = -1;
    let next = -1;
    let position = 1;
    for (let i = 0; i < ids.length; i++) {
      if (i === at) continue;
      if (before(i)) {
        position++;
        if (prev < 0 || keys[i]! > keys[prev]! || (keys[i] === keys[prev] && ids[i]! > ids[prev]!))
          prev = i;
      } else if (
        next < 0 ||
        keys[i]! < keys[next]! ||
        (keys[i] === keys[next] && ids[i]! < ids[next]!)
      ) {
        next = i;
      }
    }
    return {
      position,
      total: ids.length,
      prev: prev < 0 ? null : idOf(db, ids[prev]!),
      next: next < 0 ? null : idOf(db, ids[next]!),
    };
  })();
}
