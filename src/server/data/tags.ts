/** Data of the TAGS glossary (`/tags`, `GET /api/tags`): every TAG in the archive, its count and meaning. */
import { tagInfo } from "../../reference/tags.js";
import type { Db } from "../../store/db.js";
import type { TagEntry, TagsData } from "../answers.js";
import { tagCounts } from "./archive.js";

export type { TagEntry, TagsData };

export function tagsData(db: Db): TagsData {
  const tags = tagCounts(db).map((t) => ({ tag: t.value, count: t.count, ...tagInfo(t.value) }));
  return { total: tags.length, tags };
}
