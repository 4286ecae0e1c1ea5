import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalId } from "../model/reference-id.js";
import { readSource } from "./index.js";

/**
 * Corpus sweep: every file of the shared corpus goes through detection and its reader. Each must
 * give exactly one record, in the format its source implies, under the id its name says.
 */

const CORPUS = new URL("../../../shared/corpus/", import.meta.url).pathname;
const present = existsSync(join(CORPUS, "cables"));
if (!present)
  console.warn(`corpus sweep skipped: ${CORPUS} not found (the shared corpus is optional)`);

describe.skipIf(!present)("corpus sweep", () => {
  it("reads every text-mirror and raw cable file", async () => {
    const dir = join(CORPUS, "cables");
    const counts: Record<string, number> = {};
    const problems: string[] = [];
    for (const name of readdirSync(dir)) {
      const items = [];
      for await (const item of readSource(join(dir, name))) items.push(item);
      const [item] = items;
      if (items.length !== 1 || item?.kind !== "record") {
        problems.push(`${name}: ${item?.kind === "error" ? item.reason : `${items.length} items`}`);
        continue;
      }
      counts[item.source.format] = (counts[item.source.format] ?? 0) + 1;
      const id = item.metadata.referenceId;
      if (id && canonicalId(id) !== canonicalId(name.replace(/\.txt$/, ""))) {
        problems.push(`${name}: metadata id ${id}`);
      }
    }
    expect(problems).toEqual([]);
    // SOURCES.md: 6,717 converted pages, 24 Tika texts and 14 PDF texts.
    expect(counts).toEqual({ mirror: 6717, raw: 38 });
  });

  it("reads every WikiLeaks page", async () => {
    const dir = join(CORPUS, "html");
    let pages = 0;
    for (const name of readdirSync(dir)) {
      for await (const item of readSource(join(dir, name))) {
        expect(item).toMatchObject({ kind: "record", source: { format: "html" } });
        if (item.kind !== "record") continue;
        expect(item.metadata.referenceId).toBe(name.replace(/\.html$/, ""));
        expect(item.body).not.toMatch(/&#x000A;|<a |<\/a>/);
        pages++;
      }
    }
    expect(pages).toBe(100);
  });
});
