/**
 * The reader's previous / next: the cables of the same station before and after this one by year
 * and serial (the order the station sent them), and, when the reader was opened from a result
 * list, the hits before and after it there. The list travels in the URL as the search's own
 * parameters (`/cables/08TRIPOLI227?q=qadhafi&sort=-created`), so it survives a reload and a link.
 */
import type { Archive } from "../../archive/archive.js";
import type { ResultNav, StationNav } from "../../archive/reads.js";
import type { SortOrder } from "../../search/types.js";
import { composeQuery, hasFilters, type QueryInput } from "./query.js";

export type { ResultNav, StationNav };

export function stationNav(archive: Archive, id: string): Promise<StationNav | null> {
  return archive.stationNav(id);
}

/** The result list the reader came from, when its parameters are in the URL. */
export async function resultNav(
  archive: Archive,
  id: string,
  input: QueryInput & { sort?: SortOrder | undefined },
): Promise<ResultNav | null> {
  if (!input.q?.trim() && !hasFilters(input)) return null;
  const { node } = composeQuery(input);
  return archive.resultNav(id, node, input.sort ?? "relevance");
}
