import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readBytes } from "../formats/index.js";
import type { RawRecord } from "../formats/record.js";
import { parseRecord, parseRecords } from "./index.js";

/** Every record of the bundled sample (mirror, HTML, text, scraped and CSV copies). */
function sampleRecords(): RawRecord[] {
  const root = new URL("../../data/sample/", import.meta.url);
  const recs: RawRecord[] = [];
  for (const dir of ["mirror", "html", "text", "scraped", "csv"]) {
    const folder = new URL(`${dir}/`, root);
    for (const name of readdirSync(folder).sort()) {
      const file = new URL(name, folder).pathname;
      for (const item of readBytes(readFileSync(file), file)) {
        if (item.kind === "record") recs.push(item);
      }
    }
  }
  return recs;
}

describe("parseRecords", () => {
  const recs = sampleRecords();

  it("gives each record the Cable parseRecord gives it, whatever the batch holds", () => {
    expect(recs.length).toBeGreaterThan(40);
    const one = recs.map((r) => parseRecord(r));
    expect(parseRecords(recs)).toEqual(one);
    // Batches that cut the sample anywhere, as an ingest would.
    for (const size of [1, 7, 16]) {
      const out = [];
      for (let k = 0; k < recs.length; k += size)
        out.push(...parseRecords(recs.slice(k, k + size)));
      expect(out).toEqual(one);
    }
    // Five whole parses of the sample: about a minute on a machine shared by many (58 s measured
    // at load 15 on two cores), so the default bound would fail it for the load, not the output.
  }, 180_000);

  it("takes one context for the batch or one per record", () => {
    const two = recs.slice(0, 2);
    const ctx = [{ year: 2004 }, { referenceId: "05ALMATY2121" }];
    expect(parseRecords(two, ctx)).toEqual([
      parseRecord(two[0]!, ctx[0]),
      parseRecord(two[1]!, ctx[1]),
    ]);
    expect(parseRecords(two, { year: 2004 })).toEqual(
      two.map((r) => parseRecord(r, { year: 2004 })),
    );
    expect(parseRecords([])).toEqual([]);
  });
});
