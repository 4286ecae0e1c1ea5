/**
 * Data of the graph page and `GET /api/cables/:id/graph`: the k-hop neighbourhood of a cable in
 * the reference graph. A cable cited in the archive but not in it has a neighbourhood too.
 */
import { neighbourhood } from "../../graph/index.js";
import type { Neighbourhood } from "../../graph/types.js";
import type { Db } from "../../store/db.js";
import { notFound } from "../problem.js";

export const DEFAULT_HOPS = 2;
export const DEFAULT_GRAPH_NODES = 200;

const lookups = new WeakMap<
  Db,
  { present: (id: string) => unknown; cited: (id: string) => unknown }
>();

/** Whether the archive holds the id or cites it. */
function known(db: Db, id: string): boolean {
  let l = lookups.get(db);
  if (!l) {
    const present = db
      .prepare<[string], number>("SELECT 1 FROM cables WHERE reference_id = ?")
      .pluck();
    const cited = db
      .prepare<[string], number>("SELECT 1 FROM refs WHERE target_id = ? LIMIT 1")
      .pluck();
    l = { present: (x) => present.get(x), cited: (x) => cited.get(x) };
    lookups.set(db, l);
  }
  return l.present(id) !== undefined || l.cited(id) !== undefined;
}

export function graphData(
  db: Db,
  id: string,
  opts: { hops?: number | undefined; limit?: number | undefined },
): Neighbourhood {
  if (!known(db, id))
    throw notFound(`no cable ${id} in the archive or cited by it`, { referenceId: id });
  return neighbourhood(db, id, opts.hops ?? DEFAULT_HOPS, {
    maxNodes: opts.limit ?? DEFAULT_GRAPH_NODES,
  });
}
