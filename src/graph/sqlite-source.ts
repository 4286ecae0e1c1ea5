/** The graph layer's reads (src/graph/source.ts) on a SQLite archive, prepared once per connection. */
import { type Db, perConnection } from "../store/db.js";
import { estimateCreated } from "./estimate.js";
import type { GraphNodeRow, GraphSource } from "./source.js";

const stmts = perConnection((db: Db) => ({
  node: db.prepare<[string], GraphNodeRow>(
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
}));

export function sqliteGraph(db: Db): GraphSource {
  return {
    node: async (id) => stmts(db).node.get(id) ?? null,
    out: async (id) => stmts(db).out.all(id),
    in: async (id) => stmts(db).in.all(id),
    estimateCreated: async (id) => estimateCreated(db, id),
  };
}
