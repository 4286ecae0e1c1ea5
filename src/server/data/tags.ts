/** Data of the TAGS glossary (`/tags`, `GET /api/tags`): every TAG in the archive, its count and meaning. */
import { type TagInfo, tagInfo } from "../../reference/tags.js";
import type { Db } from "../../store/db.js";
import { tagCounts } from "./archive.js";

export interface TagEntry extends TagInfo {
  tag: string;
  count: number;
}

export interface TagsData {
  total: number;
  tags: TagEntry[];
}

export function tagsData(db: Db): TagsData {
  const tags = tagCounts(db).map((t) => ({ tag: t.value, count: t.count, ...tagInfo(t.value) }));
  return { total: tags.length, tags };
}
