/**
 * Data of the entity pages and `/api/entities`: lookups by name or id, and one entity with
 * everything its page shows (src/store/entities-read.ts, which also applies public mode).
 */
import { coMentions } from "../../search/entity-facets.js";
import type { Db } from "../../store/db.js";
import type { EntityType } from "../../store/entities-input.js";
import { type EntityDetail, entityDetail, findEntities } from "../../store/entities-read.js";
import { decodeCursor } from "../../store/entity-summary-read.js";
import type { EntityListData } from "../entity-answers.js";
import { badRequest, notFound } from "../problem.js";

export type { EntityListData };

export function entityList(
  db: Db,
  q: string,
  type: EntityType | null,
  limit: number,
): EntityListData {
  return { q, type, entities: findEntities(db, q, { type, limit }) };
}

/** One entity's page data; `after`: the `next` cursor of the page of cables before. */
export function entityData(db: Db, id: string, after?: string): EntityDetail {
  const cursor = after === undefined ? null : decodeCursor(after);
  if (after !== undefined && !cursor) {
    throw badRequest("after: not a cursor of this list (use the `next` value of a page)");
  }
  // Co-mentions counted over the search layer's facet columns, which a server keeps per
  // connection: milliseconds where the SQL join takes seconds for the most named entities.
  const detail = entityDetail(db, id, {
    after: cursor,
    coMentions: (e, cables, n) => coMentions(db, e, cables, n),
  });
  if (!detail) {
    throw notFound(`no entity ${id} in the archive`, {
      suggestions: findEntities(db, id.replace(/^(?:person|org|place)-/, "").replace(/-/g, " "), {
        limit: 5,
      }).map((e) => e.id),
    });
  }
  return detail;
}
