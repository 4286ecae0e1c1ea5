/** The reference graph's public shapes (CLI `show`, API `/api/cables/:id`, `/graph`, GEXF export). */
import { z } from "zod";

const isoDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$/)
  .nullable();
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .nullable();

export const CiteEdgeSchema = z
  .object({
    label: z.string().nullable().describe("Label of the REF item (`A`) or null."),
    referenceId: z.string().describe("Cited (for `cites`) or citing (for `citedBy`) cable id."),
    present: z.boolean().describe("Whether that cable is in the archive."),
    subject: z.string().nullable(),
    created: isoDateTime,
    estimatedCreated: isoDate
      .optional()
      .describe(
        "For absent cables: creation date estimated from serials of the same station and year.",
      ),
  })
  .meta({ id: "CiteEdge" });
export type CiteEdge = z.infer<typeof CiteEdgeSchema>;

export const GraphNodeSchema = z
  .object({
    id: z.string(),
    present: z.boolean(),
    station: z.string().nullable(),
    subject: z.string().nullable(),
    created: isoDateTime,
    estimatedCreated: isoDate,
    depth: z.number().int().min(0).describe("Hops from the centre."),
  })
  .meta({ id: "GraphNode" });
export type GraphNode = z.infer<typeof GraphNodeSchema>;

export const GraphEdgeSchema = z
  .object({ source: z.string(), target: z.string(), label: z.string().nullable() })
  .meta({ id: "GraphEdge" });
export type GraphEdge = z.infer<typeof GraphEdgeSchema>;

export const NeighbourhoodSchema = z
  .object({
    center: z.string(),
    nodes: z.array(GraphNodeSchema),
    edges: z.array(GraphEdgeSchema),
    truncated: z.boolean().describe("True when the node cap cut the neighbourhood short."),
  })
  .meta({ id: "Neighbourhood" });
export type Neighbourhood = z.infer<typeof NeighbourhoodSchema>;

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
