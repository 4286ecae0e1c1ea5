import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { commandRows, generatedJson, readmeCommandRows } from "../scripts/docs-sources.js";
import { FIELD_NAMES } from "../src/search/fields.js";

// Documents generated from the code (scripts/docs.ts): a checked-in copy that differs from what
// the code says is stale. Fix with `npm run docs`.
const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");

describe("generated documents are current (npm run docs)", () => {
  it("README command table lists every command of src/cli/commands.ts, as declared", () => {
    expect(readmeCommandRows(read("README.md"))).toEqual(commandRows());
  });

  for (const [path, value] of Object.entries(generatedJson())) {
    it(`${path} is what the zod schemas generate`, () => {
      expect(JSON.parse(read(path))).toEqual(value);
    });
  }
});

describe("docs/query-language.md", () => {
  it("has one row per field of src/search/fields.ts in its field table, and no other", () => {
    // Every `name:` in the first cell of a table row (a row may hold several: `org:`, `place:`).
    const firstCells = [...read("docs/query-language.md").matchAll(/^\| (`[a-z]+~?:`.*?) \|/gm)];
    const documented = new Set(
      firstCells.flatMap((m) => [...m[1]!.matchAll(/`([a-z]+)~?:`/g)].map((f) => f[1])),
    );
    expect([...documented].sort()).toEqual([...FIELD_NAMES].sort());
  });
});
