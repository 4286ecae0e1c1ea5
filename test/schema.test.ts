import { readdirSync, readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { readSource } from "../src/formats/index.js";
import { CableSchema } from "../src/model/cable.js";
import { parseRecord, parseText } from "../src/parse/index.js";

// docs/cable.schema.json is the machine-readable contract, generated from src/model/cable.ts
// (npm run docs): check it and its zod source against real parser output,
// from every conformance input and every fixture file, so schema and parser cannot drift apart.
const schema = JSON.parse(
  readFileSync(new URL("../docs/cable.schema.json", import.meta.url), "utf8"),
);
const validate = new Ajv({ allErrors: true }).compile(schema);

/** What the generated JSON Schema and the zod schema it comes from find wrong: they must agree. */
function problems(cable: unknown): string[] {
  const zod = CableSchema.safeParse(cable);
  const fromZod = zod.success
    ? []
    : zod.error.issues.map((i) => `zod ${i.path.join("/")} ${i.message}`);
  if (validate(cable)) return fromZod;
  return [...(validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`), ...fromZod];
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
    const found = problems(broken);
    expect(found.filter((p) => p.startsWith("zod")).length).toBeGreaterThanOrEqual(2);
    expect(found.filter((p) => !p.startsWith("zod")).length).toBeGreaterThanOrEqual(2);
  });
});
