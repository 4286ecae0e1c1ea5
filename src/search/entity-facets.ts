/**
 * Person, organisation and place facets over a whole result set: which entities the hits name,
 * with their number of hits. Per connection, the entities each cable names are kept as one compact
 * array (for each cable rowid, values `code * 4 + type`, like the columnar copy of
 * src/search/columns.ts); counting is then a pass over typed arrays whatever the size of the
 * result. The arrays are read from the packed per-cable lists the finish step stores
 * (src/store/entity-summary.ts, 251,287 small rows), not built from the archive's 6.5 million
 * mentions, which took 19 s per process at that size; an archive never summarised is still built
 * from its mentions. Over a public-mode connection the mentions a cable protects are not in the
 * arrays: a protected person is never counted for the cable protecting them.
 */
import type { Db } from "../store/db.js";
import type { EntityType } from "../store/entities-input.js";
import { isPublicMode } from "../store/entities-public.js";
import type { Related } from "../store/entities-read.js";
import { type EntityColumns, liveColumns, storedColumns } from "../store/entity-summary-columns.js";
import { summariesBuilt } from "../store/entity-summary-read.js";
import { stamp } from "./columns.js";
import { coMentionsOf, entityFacetsOf } from "./entity-count.js";
import type { EntityFacetCount } from "./types.js";

const cache = new WeakMap<Db, { stamp: string; pub: boolean; cols: EntityColumns }>();

/** The connection's entity arrays, built if missing or stale (src/search/index.ts warms them). */
export function entityFacetColumns(db: Db): EntityColumns {
  const now = stamp(db);
  const pub = isPublicMode(db);
  const hit = cache.get(db);
  if (hit && hit.stamp === now && hit.pub === pub) return hit.cols;
  const cols = summariesBuilt(db) ? storedColumns(db, pub) : liveColumns(db, pub);
  cache.set(db, { stamp: now, pub, cols });
  return cols;
}

/** The most named persons, organisations and places of the hits (`ids`: cable rowids). */
export function entityFacets(
  db: Db,
  ids: Int32Array,
  limit: number,
): Record<EntityType, EntityFacetCount[]> {
  return entityFacetsOf(entityFacetColumns(db), ids, limit);
}

/**
 * The entities named most often beside `entity` in its cables (in public mode, those not
 * protecting it), each with the number of those cables naming it: an entity page's co-mentions,
 * counted like a facet rather than by joining every mention of every one of its cables, which
 * took seconds for the most named entities at Cablegate size. `cables` are the entity's cables
 * when the caller has them; otherwise they come from the arrays themselves (transposed once).
 */
export function coMentions(
  db: Db,
  entity: string,
  cables: Int32Array | null,
  limit: number,
): Record<EntityType, Related[]> {
  return coMentionsOf(entityFacetColumns(db), entity, cables, limit);
}
