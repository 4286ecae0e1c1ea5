/**
 * Data of the entity pages and `/api/entities`: lookups by name or id, and one entity with
 * everything its page shows (src/store/entities-read.ts, which also applies public mode).
 */
import { coMentions } from "../../search/entity-facets.js";
import type { Db } from "../../store/db.js";
import type { EntityType } from "../../store/entities-input.js";
import { type EntityDetail, entityDetail, findEntities } from "../../store/entities-read.js";
import type { EntityListData } from "../entity-answers.js";
import { notFound } from "../problem.js";

export type { EntityListData };

export function entityList(
  db: Db,
  q: string,
  type: EntityType | null,
  limit: number,
): EntityListData {
  return { q, type, entities: findEntities(db, q, { type, limit }) };
}

export function entityData(db: Db, id: string): EntityDetail {
  // Co-mentions counted over the search layer's facet columns, which a server keeps per
  // connection: milliseconds where the SQL join takes seconds for the most named entities.
  const detail = entityDetail(db, id, {
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
