import { readdirSync, readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { readSource } from "../src/formats/index.js";
import { parseRecord, parseText } from "../src/parse/index.js";

// docs/cable.schema.json is the machine-readable contract: check it against real parser output,
// from every conformance input and every fixture file, so schema and parser cannot drift apart.
const schema = JSON.parse(
  readFileSync(new URL("../docs/cable.schema.json", import.meta.url), "utf8"),
);
const validate = new Ajv({ allErrors: true }).compile(schema);

function problems(cable: unknown): string[] {
  if (validate(cable)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe("docs/cable.schema.json", () => {
  it("accepts the parse of every conformance input", () => {
    const dir = new URL("fixtures/conformance/", import.meta.url);
    let checked = 0;
    const bad: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      const { cases } = JSON.parse(readFileSync(new URL(file, dir), "utf8")) as {
        cases: { input: string | null; year: number | null; reference_id: string | null }[];
      };
      for (const [i, c] of cases.entries()) {
        if (typeof c.input !== "string") continue;
        const cable = parseText(c.input, { year: c.year, referenceId: c.reference_id });
        const p = problems(cable);
        if (p.length) bad.push(`${file}#${i}: ${p.join("; ")}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(400);
    expect(bad).toEqual([]);
  });

  it("accepts the parse of every fixture file and rejects a broken cable", async () => {
    const roots = [
      "fixtures/formats/",
      "fixtures/seed/",
      "fixtures/conformance/fixtures/data-subject/in/",
    ];
    let checked = 0;
    const bad: string[] = [];
    for (const root of roots) {
      const dir = new URL(root, import.meta.url);
      let files: string[] = [];
      try {
        files = readdirSync(dir).filter((f) => !f.startsWith("."));
      } catch {
        continue;
      }
      for (const f of files) {
        for await (const item of readSource(new URL(f, dir).pathname)) {
          if (item.kind !== "record") continue;
          const cable = parseRecord(item);
          const p = problems(cable);
          if (p.length) bad.push(`${root}${f}: ${p.join("; ")}`);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(bad).toEqual([]);
    const broken = { ...parseText("SUBJECT: X"), redactions: -1, tags: ["A", "A"] };
    expect(problems(broken).length).toBeGreaterThan(0);
  });
});
