/**
 * Data of the browse pages: the values of one dimension (years and months, origins, TAGS,
 * classifications) with their counts, and the cables of one value, oldest or newest first, a page
 * at a time. The cable lists are searches with one field, so they page like search results.
 */

import type { Archive } from "../../archive/archive.js";
import { type TagInfo, tagInfo } from "../../reference/tags.js";
import { parseQuery, QuerySyntaxError } from "../../search/index.js";
import type { FacetCount, SearchHit, SortOrder } from "../../search/types.js";
import { DEFAULT_PAGE_SIZE } from "../params.js";
import { badRequest, notFound } from "../problem.js";
import { type YearCount, yearCounts } from "./archive.js";

export const BROWSE_KINDS = ["year", "month", "origin", "tag", "classification"] as const;
export type BrowseKind = (typeof BROWSE_KINDS)[number];

export interface BrowseIndex {
  years: YearCount[];
  origins: FacetCount[];
  classifications: FacetCount[];
  tags: FacetCount[];
}

export async function browseIndex(archive: Archive): Promise<BrowseIndex> {
  return {
    years: await yearCounts(archive),
    origins: await archive.columnValues("origin"),
    classifications: await archive.columnValues("classification"),
    tags: (await archive.tagCounts()).slice(0, 40),
  };
}

/** The values of one kind, for `/browse/:kind`. */
export interface BrowseValues {
  kind: BrowseKind;
  values: FacetCount[];
}

export async function browseValues(archive: Archive, kind: BrowseKind): Promise<BrowseValues> {
  switch (kind) {
    case "year":
      return {
        kind,
        values: (await yearCounts(archive)).map((y) => ({ value: y.year, count: y.count })),
      };
    case "month":
      return {
        kind,
        values: (await yearCounts(archive)).flatMap((y) =>
          y.months.map((m) => ({ value: m.month, count: m.count })),
        ),
      };
    case "origin":
      return { kind, values: await archive.columnValues("origin") };
    case "classification":
      return { kind, values: await archive.columnValues("classification") };
    case "tag":
      return { kind, values: await archive.tagCounts() };
  }
}

export interface BrowseList {
  kind: BrowseKind;
  value: string;
  /** The query these cables answer, to continue in the search page. */
  query: string;
  /** Sort order of the list. */
  sort: SortOrder;
  total: number;
  hits: SearchHit[];
  next: string | null;
  /** Cursor of the previous page: null for the first page, absent on the first page itself. */
  prev?: string | null;
  /** 0-based position of the page's first cable in the list. */
  offset: number;
  page: number;
  /** Months of the year, for `/browse/year/:year`. */
  months?: { month: string; count: number }[];
  /** What the TAG means, for `/browse/tag/:tag`. */
  tag?: TagInfo;
}

/** Dates must be dates; other values were checked as facet values (src/server/params.ts). */
const VALUE_CHECK: Record<BrowseKind, RegExp> = {
  year: /^\d{4}$/,
  month: /^\d{4}-(?:0[1-9]|1[0-2])$/,
  origin: /./,
  tag: /./,
  classification: /./,
};

/** The query-language term of a browse value. */
function term(kind: BrowseKind, value: string): string {
  // `created~:`: undated cables are listed where their estimated date puts them, marked as such.
  if (kind === "year" || kind === "month") return `created~:${value}`;
  return `${kind}:"${value}"`;
}

export async function browseList(
  archive: Archive,
  kind: BrowseKind,
  value: string,
  opts: { cursor?: string | undefined; page?: number | undefined },
): Promise<BrowseList> {
  if (!VALUE_CHECK[kind].test(value))
    throw badRequest(`not a ${kind}: '${value.slice(0, 80)}'`, { param: kind });
  const query = term(kind, value);
  // Dates read in order; the rest newest first, like an inbox.
  const sort: SortOrder = kind === "year" || kind === "month" ? "created" : "-created";
  try {
    const r = await archive.searchParsed(parseQuery(query), {
      sort,
      limit: DEFAULT_PAGE_SIZE,
      cursor: opts.cursor ?? null,
      snippets: false,
    });
    // A value with no cables is not a page of the archive (`/browse/tag/NOSUCHTAG`).
    if (r.total === 0)
      throw notFound(`no cables with ${kind} '${value.slice(0, 80)}' in the archive`);
    const list: BrowseList = {
      kind,
      value,
      query,
      sort,
      total: r.total,
      hits: r.hits,
      next: r.next,
      ...(r.prev === undefined ? {} : { prev: r.prev }),
      offset: r.offset ?? 0,
      page: opts.page ?? 1,
    };
    if (kind === "year")
      list.months = (await yearCounts(archive)).find((y) => y.year === value)?.months ?? [];
    if (kind === "tag") list.tag = tagInfo(value);
    return list;
  } catch (err) {
    if (err instanceof QuerySyntaxError)
      throw badRequest(err.message, { param: opts.cursor ? "cursor" : kind });
    throw err;
  }
}
