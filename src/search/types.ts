/**
 * The search layer's public shapes: the CLI, the API and the benchmark all speak these. The
 * implementation lives beside this file; keep these names stable (the API contract uses them).
 */

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

export interface SearchHit {
  referenceId: string;
  subject: string | null;
  created: string | null;
  /** Estimated day (`YYYY-MM-DD`) of a cable no source dates, else null; never a fact. */
  createdEstimate: string | null;
  released: string | null;
  origin: string | null;
  classification: string | null;
  /** Snippet with matches wrapped in `<mark>`…`</mark>`; everything else HTML-escaped. */
  snippet: string | null;
  /** Number of the paragraph the snippet comes from, or null (subject, caption area, no text query). */
  paragraph: number | null;
  /** The source holds only an extract of the cable. */
  partial: boolean;
}

export interface FacetCount {
  value: string;
  count: number;
}

/** An entity facet value: the entity id (what `person:` and the others take) and its name. */
export interface EntityFacetCount extends FacetCount {
  label: string;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  facets: {
    tag: FacetCount[];
    origin: FacetCount[];
    classification: FacetCount[];
    caveat: FacetCount[];
    /** The entities the hits name (src/search/entity-facets.ts). */
    person?: EntityFacetCount[];
    org?: EntityFacetCount[];
    place?: EntityFacetCount[];
  } | null;
  histogram: { month: string; count: number }[] | null;
  /** Cursor of the next page, or null on the last page. */
  next: string | null;
  /** Set when the query is exactly a cable id present in the archive. */
  exactId?: string | null;
  /** Ids starting with the query when it looks like an id prefix. */
  suggestions?: string[];
  /** 0-based position of the page's first hit in the whole ordered result. */
  offset?: number;
  /**
   * Cursor of the previous page: null when the previous page is the first (no cursor); absent on
   * the first page.
   */
  prev?: string | null;
  /** On empty or thin results: words of the query in the archive's more common spelling. */
  didYouMean?: { word: string; suggestion: string; docs: number }[];
}

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
