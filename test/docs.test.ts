import { readdirSync, readFileSync } from "node:fs";
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

describe("docs/cable-format.md", () => {
  /** Every source file under src/, relative to the repository. */
  const sources = (dir: string): string[] =>
    readdirSync(new URL(`../${dir}`, import.meta.url), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? sources(`${dir}/${e.name}`)
        : /\.tsx?$/.test(e.name)
          ? [`${dir}/${e.name}`]
          : [],
    );

  /** The sections a `spec §…` reference names: `§4.4, §7`, `§3.6-3.9` (each of 3.6 … 3.9). */
  function cited(text: string): string[] {
    const out: string[] = [];
    for (const m of text.matchAll(/spec \(?§/g)) {
      const tail = text.slice(m.index + 5, m.index + 90).replace(/\n\s*\*?/g, " ");
      const ref = tail.slice(0, tail.search(/\)|\.\s|:|$/) + 1 || tail.length);
      for (const [, from, to] of ref.matchAll(/§(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?/g)) {
        out.push(from!);
        const [major, a] = from!.split(".");
        const b = to?.split(".").pop();
        if (a && b) for (let n = Number(a) + 1; n <= Number(b); n++) out.push(`${major}.${n}`);
      }
    }
    return out;
  }

  it("has a heading for every section a `spec §` comment in src/ cites", () => {
    const headings = new Set(
      [...read("docs/cable-format.md").matchAll(/^#+ §(\d+(?:\.\d+)?) /gm)].map((m) => m[1]),
    );
    const refs = sources("src").flatMap((f) => cited(read(f)).map((s) => `${f}: §${s}`));
    expect(refs.length).toBeGreaterThanOrEqual(34);
    expect(refs.filter((r) => !headings.has(r.split("§")[1]))).toEqual([]);
  });

  it("reads ranges and lists of sections", () => {
    expect(cited("(spec §3.6-3.9): x")).toEqual(["3.6", "3.7", "3.8", "3.9"]);
    expect(cited("(spec §4 intro, §9 step 5): x")).toEqual(["4", "9"]);
    expect(cited("(spec §3,\n * §5). Readers")).toEqual(["3", "5"]);
  });
});
