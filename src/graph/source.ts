/**
 * What the graph layer reads of an archive, on either back end: one cable's row, the REF edges
 * leaving and reaching a cable, and estimated dates of absent cables. SQLite answers through
 * src/graph/sqlite-source.ts, PostgreSQL through src/archive/postgres-graph.ts; the walks over
 * the graph (src/graph/neighbourhood.ts) are written once against this.
 */

export interface GraphNodeRow {
  station: string | null;
  subject: string | null;
  created: string | null;
}

export interface GraphSource {
  /** The row of a cable the archive holds, or null. */
  node(referenceId: string): Promise<GraphNodeRow | null>;
  /** The cables a cable cites, in REF order (repeats kept). */
  out(referenceId: string): Promise<{ target: string; label: string | null }[]>;
  /** The archive cables citing a cable, by reference id (binary order), then REF order. */
  in(referenceId: string): Promise<{ source: string; label: string | null }[]>;
  /** The estimated creation day of an absent cable (src/graph/estimate.ts), or null. */
  estimateCreated(referenceId: string): Promise<string | null>;
}
