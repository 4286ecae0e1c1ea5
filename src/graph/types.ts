/** The reference graph's public shapes (CLI `show`, API `/api/cables/:id`, `/graph`, GEXF export). */

export interface CiteEdge {
  /** Label of the REF item (`A`) or null. */
  label: string | null;
  /** Cited (for `cites`) or citing (for `citedBy`) cable id. */
  referenceId: string;
  /** Whether that cable is in the archive. */
  present: boolean;
  subject: string | null;
  created: string | null;
  /** For absent cables: creation date estimated from serials of the same station and year. */
  estimatedCreated?: string | null;
}

export interface GraphNode {
  id: string;
  present: boolean;
  station: string | null;
  subject: string | null;
  created: string | null;
  estimatedCreated: string | null;
  /** Hops from the centre. */
  depth: number;
}

export interface GraphEdge {
  source: string;
  target: string;
  label: string | null;
}

export interface Neighbourhood {
  center: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** True when the node cap cut the neighbourhood short. */
  truncated: boolean;
}

/** A cable cited in the archive but not in it. */
export interface MissingCable {
  referenceId: string;
  station: string | null;
  /** Number of archive cables citing it. */
  citedBy: number;
  /** Creation date estimated from serials of the same station and year (`YYYY-MM-DD`), or null. */
  estimatedCreated: string | null;
}

export interface MissingPage {
  items: MissingCable[];
  /** Cursor of the next page, or null on the last page. */
  next: string | null;
}

/** How far estimated creation dates fall from the real ones, measured on present cables. */
export interface EstimateAccuracy {
  /** Present cables with a date that could be estimated from their neighbours. */
  count: number;
  /** Present cables with a date but no dated neighbour of the same station and year. */
  unestimated: number;
  medianDays: number | null;
  p90Days: number | null;
  meanDays: number | null;
}
