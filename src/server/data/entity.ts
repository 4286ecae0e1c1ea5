/**
 * Data of the entity pages and `/api/entities`: lookups by name or id, and one entity with
 * everything its page shows, from either back end through the archive (which also applies
 * public mode: src/store/entities-read.ts, src/store/postgres/entities-read.ts).
 */
import type { Archive } from "../../archive/archive.js";
import type { EntityType } from "../../store/entities-input.js";
import type { EntityDetail } from "../../store/entities-read.js";
import type { EntityListData } from "../entity-answers.js";
import { notFound } from "../problem.js";

export type { EntityListData };

export async function entityList(
  archive: Archive,
  q: string,
  type: EntityType | null,
  limit: number,
): Promise<EntityListData> {
  return { q, type, entities: await archive.findEntities(q, { type, limit }) };
}

export async function entityData(archive: Archive, id: string): Promise<EntityDetail> {
  const detail = await archive.entityDetail(id);
  if (!detail) {
    const near = await archive.findEntities(
      id.replace(/^(?:person|org|place)-/, "").replace(/-/g, " "),
      { limit: 5 },
    );
    throw notFound(`no entity ${id} in the archive`, { suggestions: near.map((e) => e.id) });
  }
  return detail;
}
