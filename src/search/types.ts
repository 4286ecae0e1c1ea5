/**
 * The search layer's public shapes: the CLI, the API and the benchmark all speak these. The
 * implementation lives beside this file; keep these names stable (the API contract uses them).
 * The answer shapes are zod schemas: the OpenAPI document is generated from them.
 */
import { z } from "zod";

/** Orders of a result set; the first is the default of a search. */
export const SORT_ORDERS = ["relevance", "created", "-created", "released", "-released"] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export interface SearchOptions {
  sort?: SortOrder;
  /** Page size; the caller caps it (the API at 100, exports stream without pages). */
  limit?: number;
  /** Opaque keyset cursor from a previous page's `next`. */
  cursor?: string | null;
  /** Compute facet counts and the per-month histogram over the whole result set. */
  facets?: boolean;
}

const isoDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$/)
  .nullable();

export const SearchHitSchema = z
  .object({
    referenceId: z.string(),
    subject: z.string().nullable(),
    created: isoDateTime,
    createdEstimate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable()
      .describe(
        "Estimated day (`YYYY-MM-DD`) of a cable no source dates, else null; never a fact.",
      ),
    released: isoDateTime,
    origin: z.string().nullable(),
    classification: z.string().nullable(),
    snippet: z
      .string()
      .nullable()
      .describe(
        "Snippet with matches wrapped in `<mark>`…`</mark>`; everything else HTML-escaped.",
      ),
    paragraph: z
      .number()
      .int()
      .nullable()
      .describe(
        "Number of the paragraph the snippet comes from, or null (subject, caption area, no text query).",
      ),
    partial: z.boolean().describe("The source holds only an extract of the cable."),
  })
  .meta({ id: "SearchHit" });
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const FacetCountSchema = z
  .object({ value: z.string(), count: z.number().int().min(0) })
  .meta({ id: "FacetCount" });
export type FacetCount = z.infer<typeof FacetCountSchema>;

/** An entity facet value: the entity id (what `person:` and the others take) and its name. */
export const EntityFacetCountSchema = FacetCountSchema.extend({ label: z.string() }).meta({
  id: "EntityFacetCount",
});
export type EntityFacetCount = z.infer<typeof EntityFacetCountSchema>;

export const MonthCountSchema = z
  .object({ month: z.string().regex(/^\d{4}-\d{2}$/), count: z.number().int().min(0) })
  .meta({ id: "MonthCount" });

export const SearchResultSchema = z
  .object({
    total: z.number().int().min(0),
    hits: z.array(SearchHitSchema),
    facets: z
      .object({
        tag: z.array(FacetCountSchema),
        origin: z.array(FacetCountSchema),
        classification: z.array(FacetCountSchema),
        caveat: z.array(FacetCountSchema),
        person: z
          .array(EntityFacetCountSchema)
          .optional()
          .describe("The entities the hits name (src/search/entity-facets.ts)."),
        org: z.array(EntityFacetCountSchema).optional(),
        place: z.array(EntityFacetCountSchema).optional(),
      })
      .nullable(),
    histogram: z.array(MonthCountSchema).nullable(),
    next: z.string().nullable().describe("Cursor of the next page, or null on the last page."),
    exactId: z
      .string()
      .nullable()
      .optional()
      .describe("Set when the query is exactly a cable id present in the archive."),
    suggestions: z
      .array(z.string())
      .optional()
      .describe("Ids starting with the query when it looks like an id prefix."),
    offset: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("0-based position of the page's first hit in the whole ordered result."),
    prev: z
      .string()
      .nullable()
      .optional()
      .describe(
        "Cursor of the previous page: null when the previous page is the first (no cursor); absent on the first page.",
      ),
    didYouMean: z
      .array(
        z.object({
          word: z.string(),
          suggestion: z.string(),
          docs: z.number().int().min(0),
        }),
      )
      .optional()
      .describe("On 0-3 hits: words of the query in the archive's more common spelling."),
  })
  .meta({ id: "SearchResult" });
export type SearchResult = z.infer<typeof SearchResultSchema>;

/** A query that cannot be parsed: message and 0-based character position in the query. */
export class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = "QuerySyntaxError";
  }
}

/** Page size of a search that names none. */
export const DEFAULT_LIMIT = 20;

/** The sort and page size of a search (SQLite or PostgreSQL); bad ones are a QuerySyntaxError. */
export function checkOptions(opts: SearchOptions): { sort: SortOrder; limit: number } {
  const sort = opts.sort ?? "relevance";
  if (!(SORT_ORDERS as readonly string[]).includes(sort))
    throw new QuerySyntaxError(`unknown sort '${String(sort)}'`, 0);
  const limit = opts.limit ?? DEFAULT_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new QuerySyntaxError("limit must be a positive whole number", 0);
  }
  return { sort, limit };
}
