/**
 * The one data function of a search, searchData: one run of the search layer with facets and the
 * per-month histogram over the whole result set, for the query and filters in the URL. The page
 * renders it; `/search?format=json` and `GET /api/search` answer its searchJson; its files
 * (`format=csv|jsonl|gexf`) stream every match of the same query (src/server/data/export.ts).
 */
import type { Archive } from "../../archive/archive.js";
import { QuerySyntaxError } from "../../search/index.js";
import type { SearchResult, SortOrder } from "../../search/types.js";
import { DEFAULT_PAGE_SIZE, type SearchParams } from "../params.js";
import { badRequest } from "../problem.js";
import { composeQuery, type Filters, queryAndFilters } from "./query.js";

/** Values listed per facet in the sidebar and the API. */
export const FACET_LIMIT = 12;

/** The state of a search, as the URL holds it. */
export interface SearchState extends Filters {
  q: string;
  sort: SortOrder | null;
  cursor: string | null;
  limit: number;
  page: number;
}

export interface SearchData {
  state: SearchState;
  /** The query run: `q` with the filters as terms of the query language. */
  query: string;
  result: SearchResult;
}

export function searchState(p: SearchParams): SearchState {
  return {
    ...queryAndFilters(p),
    sort: p.sort ?? null,
    cursor: p.cursor ?? null,
    limit: p.limit ?? DEFAULT_PAGE_SIZE,
    page: p.page ?? 1,
  };
}

export async function searchData(archive: Archive, state: SearchState): Promise<SearchData> {
  const composed = composeQuery(state);
  try {
    const result = await archive.searchParsed(composed.node, {
      sort: state.sort ?? "relevance",
      limit: state.limit,
      cursor: state.cursor,
      facets: true,
      facetLimit: FACET_LIMIT,
    });
    return { state, query: composed.text, result };
  } catch (err) {
    // Options are validated already; what is left is a cursor made for another sort order, or a
    // form of the query the archive's back end does not take (docs/query-language.md).
    if (err instanceof QuerySyntaxError) {
      throw badRequest(err.message, { param: state.cursor ? "cursor" : "q" });
    }
    throw err;
  }
}

/** The JSON of a search: the SearchResult as the search layer defines it. */
export function searchJson(r: SearchResult): SearchResult {
  return {
    total: r.total,
    hits: r.hits,
    facets: r.facets,
    histogram: r.histogram,
    next: r.next,
    ...(r.exactId ? { exactId: r.exactId } : {}),
    ...(r.suggestions ? { suggestions: r.suggestions } : {}),
    ...(r.offset === undefined ? {} : { offset: r.offset }),
    ...(r.prev === undefined ? {} : { prev: r.prev }),
    ...(r.didYouMean ? { didYouMean: r.didYouMean } : {}),
  };
}
