/** Data of the TAGS glossary (`/tags`, `GET /api/tags`): every TAG in the archive, its count and meaning. */

import type { Archive } from "../../archive/archive.js";
import { tagInfo } from "../../reference/tags.js";
import type { TagEntry, TagsData } from "../answers.js";

export type { TagEntry, TagsData };

export async function tagsData(archive: Archive): Promise<TagsData> {
  const tags = (await archive.tagCounts()).map((t) => ({
    tag: t.value,
    count: t.count,
    ...tagInfo(t.value),
  }));
  return { total: tags.length, tags };
}
