/**
 * The k-hop neighbourhood of a cable in the reference graph, following REF edges both ways
 * (cites and cited-by), breadth first so the node cap keeps the nearest cables.
 */
import { splitId } from "../model/reference-id.js";
import type { GraphSource } from "./source.js";
import type { GraphEdge, GraphNode, Neighbourhood } from "./types.js";

export const DEFAULT_MAX_NODES = 200;
export const MAX_HOPS = 5;

/** A graph node for a cable id, present in the archive or not. */
export async function graphNode(g: GraphSource, id: string, depth: number): Promise<GraphNode> {
  const row = await g.node(id);
  if (row) {
    return { id, present: true, ...row, estimatedCreated: null, depth };
  }
  return {
    id,
    present: false,
    station: splitId(id)?.station ?? null,
    subject: null,
    created: null,
    estimatedCreated: await g.estimateCreated(id),
    depth,
  };
}

/**
 * Cables within `hops` REF edges of `id`, both directions. `maxNodes` caps the node count (the
 * centre included); `truncated` says whether the cap cut anything off. Edges join included nodes
 * only, one per (source, target) pair.
 */
export async function neighbourhood(
  g: GraphSource,
  id: string,
  hops: number,
  opts: { maxNodes?: number } = {},
): Promise<Neighbourhood> {
  const maxNodes = Math.max(1, opts.maxNodes ?? DEFAULT_MAX_NODES);
  const depthLimit = Math.max(0, Math.min(MAX_HOPS, Math.floor(hops)));
  const nodes = new Map<string, GraphNode>([[id, await graphNode(g, id, 0)]]);
  const edges = new Map<string, GraphEdge>();
  const pending: GraphEdge[] = [];
  let truncated = false;
  let frontier = [id];

  const admit = async (other: string, depth: number, next: string[]): Promise<boolean> => {
    if (nodes.has(other)) return true;
    if (nodes.size >= maxNodes) {
      truncated = true;
      return false;
    }
    nodes.set(other, await graphNode(g, other, depth));
    next.push(other);
    return true;
  };

  for (let depth = 1; depth <= depthLimit && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const current of frontier) {
      for (const r of await g.out(current)) {
        const edge = { source: current, target: r.target, label: r.label };
        if (await admit(r.target, depth, next)) pending.push(edge);
      }
      for (const r of await g.in(current)) {
        const edge = { source: r.source, target: current, label: r.label };
        if (await admit(r.source, depth, next)) pending.push(edge);
      }
    }
    frontier = next;
  }
  // Edges between nodes of the last ring were never walked; they belong to the picture too.
  for (const current of frontier) {
    for (const r of await g.out(current)) {
      if (nodes.has(r.target)) pending.push({ source: current, target: r.target, label: r.label });
    }
  }
  for (const e of pending) {
    const key = `${e.source}\u0000${e.target}`;
    if (!edges.has(key) && e.source !== e.target) edges.set(key, e);
  }
  return { center: id, nodes: [...nodes.values()], edges: [...edges.values()], truncated };
}
