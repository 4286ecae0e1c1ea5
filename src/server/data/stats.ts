/**
 * Data of the home page and `GET /api/stats`: the corpus at a glance — counts, cables per month,
 * top origins, TAGS and caveats, the classification split.
 */
import { search } from "../../search/index.js";
import type { Db } from "../../store/db.js";
import { archiveStats } from "../../store/stats.js";
import type { StatsData } from "../answers.js";
import { monthCounts } from "./archive.js";

const TOP = 10;

export type { StatsData };

export function statsData(db: Db): StatsData {
  const all = search(db, "", { facets: true, limit: 1, facetLimit: TOP, snippets: false });
  return {
    ...archiveStats(db),
    months: monthCounts(db),
    topOrigins: all.facets?.origin ?? [],
    topTags: all.facets?.tag ?? [],
    topCaveats: all.facets?.caveat ?? [],
  };
}
