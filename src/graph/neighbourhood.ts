/**
 * The k-hop neighbourhood of a cable in the reference graph, following REF edges both ways
 * (cites and cited-by), breadth first so the node cap keeps the nearest cables.
 */
import { splitId } from "../model/reference-id.js";
import { type Db, perConnection } from "../store/db.js";
import { estimateCreated } from "./estimate.js";
import type { GraphEdge, GraphNode, Neighbourhood } from "./types.js";

export const DEFAULT_MAX_NODES = 200;
export const MAX_HOPS = 5;

interface NodeRow {
  station: string | null;
  subject: string | null;
  created: string | null;
}

function statements(db: Db) {
  return {
    node: db.prepare<[string], NodeRow>(
      "SELECT station, subject, created FROM cables WHERE reference_id = ?",
    ),
    out: db.prepare<[string], { target: string; label: string | null }>(
      `SELECT r.target_id AS target, r.label AS label FROM cables c JOIN refs r ON r.cable_id = c.id
        WHERE c.reference_id = ? AND r.target_id IS NOT NULL ORDER BY r.seq`,
    ),
    in: db.prepare<[string], { source: string; label: string | null }>(
      `SELECT c.reference_id AS source, r.label AS label FROM refs r JOIN cables c ON c.id = r.cable_id
        WHERE r.target_id = ? ORDER BY c.reference_id, r.seq`,
    ),
  };
}
const stmts = perConnection(statements);

/** A graph node for a cable id, present in the archive or not. */
export function graphNode(db: Db, id: string, depth: number): GraphNode {
  const row = stmts(db).node.get(id);
  if (row) {
    return { id, present: true, ...row, estimatedCreated: null, depth };
  }
  return {
    id,
    present: false,
    station: splitId(id)?.station ?? null,
    subject: null,
    created: null,
    estimatedCreated: estimateCreated(db, id),
    depth,
  };
}

/**
 * Cables within `hops` REF edges of `id`, both directions. `maxNodes` caps the node count (the
 * centre included); `truncated` says whether the cap cut anything off. Edges join included nodes
 * only, one per (source, target) pair.
 */
export function neighbourhood(
  db: Db,
  id: string,
  hops: number,
  opts: { maxNodes?: number } = {},
): Neighbourhood {
  const maxNodes = Math.max(1, opts.maxNodes ?? DEFAULT_MAX_NODES);
  const depthLimit = Math.max(0, Math.min(MAX_HOPS, Math.floor(hops)));
  const s = stmts(db);
  const nodes = new Map<string, GraphNode>([[id, graphNode(db, id, 0)]]);
  const edges = new Map<string, GraphEdge>();
  const pending: GraphEdge[] = [];
  let truncated = false;
  let frontier = [id];

  const admit = (other: string, depth: number, next: string[]): boolean => {
    if (nodes.has(other)) return true;
    if (nodes.size >= maxNodes) {
      truncated = true;
      return false;
    }
    nodes.set(other, graphNode(db, other, depth));
    next.push(other);
    return true;
  };

  for (let depth = 1; depth <= depthLimit && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const current of frontier) {
      for (const r of s.out.all(current)) {
        const edge = { source: current, target: r.target, label: r.label };
        if (admit(r.target, depth, next)) pending.push(edge);
      }
      for (const r of s.in.all(current)) {
        const edge = { source: r.source, target: current, label: r.label };
        if (admit(r.source, depth, next)) pending.push(edge);
      }
    }
    frontier = next;
  }
  // Edges between nodes of the last ring were never walked; they belong to the picture too.
  for (const current of frontier) {
    for (const r of s.out.all(current)) {
      if (nodes.has(r.target)) pending.push({ source: current, target: r.target, label: r.label });
    }
  }
  for (const e of pending) {
    const key = `${e.source}\u0000${e.target}`;
    if (!edges.has(key) && e.source !== e.target) edges.set(key, e);
  }
  return { center: id, nodes: [...nodes.values()], edges: [...edges.values()], truncated };
}
