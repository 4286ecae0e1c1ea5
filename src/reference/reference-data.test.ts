import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCsv, referenceTable } from "./reference-data.js";

const root = new URL("../../", import.meta.url);
const sources = (dir: string): string[] =>
  readdirSync(new URL(dir, root), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(`${dir}${e.name}/`)
      : /\.tsx?$/.test(e.name) && !e.name.includes(".test.")
        ? [`${dir}${e.name}`]
        : [],
  );

describe("data/reference", () => {
  it("has no table that is neither read by the code nor listed as documentation", () => {
    const read = new Set(
      sources("src/").flatMap((f) =>
        [...readFileSync(new URL(f, root), "utf8").matchAll(/referenceTable\("([^"]+)"\)/g)].map(
          (m) => m[1],
        ),
      ),
    );
    const readme = readFileSync(new URL("data/reference/README.md", root), "utf8");
    const section = readme.slice(readme.indexOf("## Read by the code, or documentation"));
    const documentation = new Set([...section.matchAll(/^- `([^`]+\.csv)`/gm)].map((m) => m[1]));
    const tables = readdirSync(new URL("data/reference/", root)).filter((f) => f.endsWith(".csv"));
    expect(tables.filter((t) => !read.has(t) && !documentation.has(t))).toEqual([]);
    expect([...documentation].filter((t) => read.has(t))).toEqual([]);
    expect(read.size).toBeGreaterThanOrEqual(20);
  });

  it("reads RFC 4180 tables: quotes, doubled quotes, line breaks in fields, blank lines", () => {
    const rows = parseCsv('a,b\n"x, y","say ""hi"""\n\n"two\nlines",z\n');
    expect(rows).toEqual([
      { a: "x, y", b: 'say "hi"' },
      { a: "two\nlines", b: "z" },
    ]);
    expect(() => parseCsv("a,b\n1,2,3\n")).toThrow();
    expect(referenceTable("precedence.csv").length).toBeGreaterThan(3);
  });
});
