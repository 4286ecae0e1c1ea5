/**
 * Data of the home page and `GET /api/stats`: the corpus at a glance — counts, cables per month,
 * top origins, TAGS and caveats, the classification split.
 */
import type { Archive } from "../../archive/archive.js";
import type { StatsData } from "../answers.js";

const TOP = 10;

export type { StatsData };

export async function statsData(archive: Archive): Promise<StatsData> {
  const all = await archive.search("", {
    facets: true,
    limit: 1,
    facetLimit: TOP,
    snippets: false,
  });
  return {
    ...(await archive.stats()),
    months: await archive.monthCounts(),
    topOrigins: all.facets?.origin ?? [],
    topTags: all.facets?.tag ?? [],
    topCaveats: all.facets?.caveat ?? [],
  };
}
