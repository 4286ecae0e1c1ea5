/**
 * The graph layer's reads (src/graph/source.ts) on PostgreSQL: the statements of
 * src/graph/sqlite-source.ts, with reference ids ordered by COLLATE "C" as SQLite's BINARY
 * collation orders them, so both back ends walk a neighbourhood in the same order.
 */
import type { GraphNodeRow, GraphSource } from "../graph/source.js";
import type { Sql } from "../store/postgres/connect.js";
import { estimateCreated } from "../store/postgres/date-estimates.js";

type Guard = <T>(f: () => Promise<T>) => Promise<T>;

export function postgresGraph(sql: Sql, guard: Guard): GraphSource {
  return {
    node: (id) =>
      guard(async () => {
        const [row] = await sql<GraphNodeRow[]>`
          SELECT station, subject, created FROM cables WHERE reference_id = ${id}`;
        return row ? { station: row.station, subject: row.subject, created: row.created } : null;
      }),
    out: (id) =>
      guard(async () => [
        ...(await sql<{ target: string; label: string | null }[]>`
          SELECT r.target_id AS target, r.label FROM cables c JOIN refs r ON r.cable_id = c.id
           WHERE c.reference_id = ${id} AND r.target_id IS NOT NULL ORDER BY r.seq`),
      ]),
    in: (id) =>
      guard(async () => [
        ...(await sql<{ source: string; label: string | null }[]>`
          SELECT c.reference_id AS source, r.label FROM refs r JOIN cables c ON c.id = r.cable_id
           WHERE r.target_id = ${id} ORDER BY c.reference_id COLLATE "C", r.seq`),
      ]),
    estimateCreated: (id) => guard(() => estimateCreated(sql, id)),
  };
}
