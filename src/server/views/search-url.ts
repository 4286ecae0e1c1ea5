/** Links of the search page: the whole state lives in the URL, so every change is a link. */
import { type FacetField, queryAndFilters } from "../data/query.js";
import type { SearchState } from "../data/search.js";
import { DEFAULT_PAGE_SIZE } from "../params.js";
import { withQuery } from "./format.js";

type Change = Partial<SearchState>;

/** The URL of `state` with `change` applied; a change other than paging starts at page 1. */
export function searchUrl(state: SearchState, change: Change = {}, path = "/search"): string {
  const paging = "cursor" in change || "page" in change;
  const s: SearchState = { ...state, cursor: null, page: 1, ...change };
  return withQuery(path, {
    ...queryAndFilters(s),
    sort: s.sort,
    limit: s.limit === DEFAULT_PAGE_SIZE ? null : s.limit,
    cursor: paging ? s.cursor : null,
    page: paging && s.page > 1 ? s.page : null,
  });
}

export function toggleFilter(state: SearchState, field: FacetField, value: string): string {
  const values = state[field];
  const next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
  return searchUrl(state, { [field]: next });
}

/** `?q=...&tag=...&sort=...`: the list a reader opened from a hit steps through ("" for none). */
export function listContext(state: Omit<SearchState, "cursor" | "limit" | "page">): string {
  return withQuery("", {
    ...queryAndFilters(state),
    sort: state.sort && state.sort !== "relevance" ? state.sort : null,
  });
}

export function exportUrl(state: SearchState, format: string, path = "/api/export"): string {
  return withQuery(path, {
    ...queryAndFilters(state),
    sort: state.sort && state.sort !== "relevance" ? state.sort : null,
    format,
  });
}
