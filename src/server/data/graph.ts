/**
 * Data of the graph page and `GET /api/cables/:id/graph`: the k-hop neighbourhood of a cable in
 * the reference graph, on either back end. A cable cited in the archive but not in it has a
 * neighbourhood too.
 */
import type { Archive } from "../../archive/archive.js";
import { neighbourhood } from "../../graph/index.js";
import type { Neighbourhood } from "../../graph/types.js";
import { notFound } from "../problem.js";

export const DEFAULT_HOPS = 2;
export const DEFAULT_GRAPH_NODES = 200;

export async function graphData(
  archive: Archive,
  id: string,
  opts: { hops?: number | undefined; limit?: number | undefined },
): Promise<Neighbourhood> {
  if (!(await archive.knows(id)))
    throw notFound(`no cable ${id} in the archive or cited by it`, { referenceId: id });
  return neighbourhood(archive.graph, id, opts.hops ?? DEFAULT_HOPS, {
    maxNodes: opts.limit ?? DEFAULT_GRAPH_NODES,
  });
}
