import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readSource } from "../../formats/index.js";
import {
  EXTRACTOR_FIXTURE_HASH,
  EXTRACTOR_HISTORY,
  EXTRACTOR_VERSION,
} from "../../model/extractor.js";
import { parseRecord } from "../index.js";

const FIXTURES = fileURLToPath(new URL("../../../test/fixtures/", import.meta.url));
/** The annotated set (every era and region, all PROTECT cables), family cases, the web fixtures. */
const SETS = ["entities/cables", "entities/extractor", "server/cables"];

/** The extractor's output over the fixture cables, hashed in file order. */
async function fixtureHash(): Promise<{ hash: string; cables: number }> {
  const h = createHash("sha1");
  let cables = 0;
  for (const set of SETS) {
    const dir = join(FIXTURES, set);
    for (const f of readdirSync(dir)
      .filter((x) => x.endsWith(".txt"))
      .sort()) {
      for await (const item of readSource(join(dir, f))) {
        if (item.kind !== "record") continue;
        const c = parseRecord(item);
        h.update(JSON.stringify([c.referenceId, c.persons, c.organizations, c.places]));
        cables++;
      }
    }
  }
  return { hash: h.digest("hex").slice(0, 16), cables };
}

describe("the extractor version", () => {
  it(`is ${EXTRACTOR_VERSION} for this extraction output: a change of output raises it`, async () => {
    const { hash, cables } = await fixtureHash();
    expect(cables).toBeGreaterThan(100);
    // On failure: raise EXTRACTOR_VERSION in src/model/extractor.ts, set EXTRACTOR_FIXTURE_HASH to
    // the hash printed here, and say in the history comment what changed.
    expect(hash, "extraction output changed: raise EXTRACTOR_VERSION").toBe(EXTRACTOR_FIXTURE_HASH);
  }, 60_000);

  it("was raised for each change: no two versions share a hash, the latest is the current", () => {
    const versions = Object.keys(EXTRACTOR_HISTORY).map(Number);
    expect(Math.max(...versions)).toBe(EXTRACTOR_VERSION);
    expect(new Set(Object.values(EXTRACTOR_HISTORY)).size).toBe(versions.length);
  });
});
