/**
 * The person mentions of chosen corpus cables, parsed as ingest parses them and placed together by
 * today's resolution rule: what the corpus checks of resolution families (test/entity-*.test.ts)
 * examine, each over the cables that can show its families.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readSource } from "../../src/formats/index.js";
import { parseRecord } from "../../src/parse/index.js";
import { type MentionFacts, signedBy } from "../../src/store/entities-facts.js";
import { resolve } from "../../src/store/entities-rule.js";
import { CORPUS } from "../support/corpus.js";

export interface CorpusMention {
  ref: string;
  facts: MentionFacts;
}

/**
 * Every person mention of the text-mirror cables `keep` accepts (by file name and text, read as
 * latin1), in file order, and the placement of each, at the same index.
 */
export async function resolvedCorpusPersons(
  keep: (file: string, text: string) => boolean,
): Promise<{ rows: CorpusMention[]; placements: { entityId: string; link: string }[] }> {
  const folder = join(CORPUS, "cables");
  const files = readdirSync(folder).filter((f) => keep(f, readFileSync(join(folder, f), "latin1")));
  const rows: CorpusMention[] = [];
  for (const [i, f] of files.entries()) {
    // Lets vitest's worker answer its heartbeats during a long parse.
    if (i % 100 === 0) await new Promise((r) => setImmediate(r));
    for await (const item of readSource(join(folder, f))) {
      if (item.kind !== "record") continue;
      const c = parseRecord(item);
      const signers = c.signers.join("; ");
      for (const p of c.persons ?? []) {
        rows.push({
          ref: c.referenceId ?? "",
          facts: {
            type: "person",
            name: p.name,
            variants: p.variants,
            roles: p.roles,
            station: c.station,
            year: c.created ? Number(c.created.slice(0, 4)) : null,
            date: c.created ?? null,
            signed: signedBy(signers, p),
            usOfficial: p.usOfficial,
          },
        });
      }
    }
  }
  return { rows, placements: resolve(rows.map((r) => r.facts)).placements };
}
