/**
 * Data of the entity pages and `/api/entities`: lookups by name or id, and one entity with
 * everything its page shows, from either back end through the archive (which also applies
 * public mode: src/store/entities-read.ts, src/store/postgres/entities-read.ts).
 */
import type { Archive } from "../../archive/archive.js";
import type { EntityType } from "../../store/entities-input.js";
import type { EntityDetail } from "../../store/entities-read.js";
import { decodeCursor } from "../../store/entity-summary-read.js";
import type { EntityListData } from "../entity-answers.js";
import { badRequest, notFound } from "../problem.js";

export type { EntityListData };

export async function entityList(
  archive: Archive,
  q: string,
  type: EntityType | null,
  limit: number,
): Promise<EntityListData> {
  return { q, type, entities: await archive.findEntities(q, { type, limit }) };
}

/** One entity's page data; `after`: the `next` cursor of the page of cables before. */
export async function entityData(
  archive: Archive,
  id: string,
  after?: string,
): Promise<EntityDetail> {
  const cursor = after === undefined ? null : decodeCursor(after);
  if (after !== undefined && !cursor) {
    throw badRequest("after: not a cursor of this list (use the `next` value of a page)");
  }
  const detail = await archive.entityDetail(id, cursor);
  if (!detail) {
    const near = await archive.findEntities(
      id.replace(/^(?:person|org|place)-/, "").replace(/-/g, " "),
      { limit: 5 },
    );
    throw notFound(`no entity ${id} in the archive`, { suggestions: near.map((e) => e.id) });
  }
  return detail;
}
