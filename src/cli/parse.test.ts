import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** `bin/cablegram parse` end to end: the compiled CLI, spawned as a user would run it. */

const ROOT = new URL("../../", import.meta.url).pathname;
const FIXTURES = join(ROOT, "test/fixtures/formats");
const tmp = mkdtempSync(join(tmpdir(), "cablegram-cli-"));

beforeAll(() => {
  // bin/cablegram runs dist/; rebuild it so the test sees the current sources. Type errors
  // elsewhere in the tree do not stop tsc from emitting, so only a missing build is fatal.
  spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "ignore" });
  readFileSync(join(ROOT, "dist/cli/main.js"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cablegram(args: string[], input?: string | Buffer) {
  const r = spawnSync("node", [join(ROOT, "bin/cablegram"), ...args], {
    cwd: ROOT,
    input,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = r.stdout.split("\n").filter((l) => l !== "");
  return { code: r.status, stderr: r.stderr, out: lines.map((l) => JSON.parse(l)) };
}

describe("cablegram parse FILE...", () => {
  it("parses a file of each format into one JSON line per cable", () => {
    const files = [
      "cables_csv_sample.csv",
      "05PARIS104.html",
      "05PARIS104.txt",
      "07KINGSTON382.txt",
      "05ALMATY2121.md",
    ].map((f) => join(FIXTURES, f));
    const { code, out, stderr } = cablegram(["parse", ...files]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(out.map((c) => [c.source.format, c.referenceId])).toEqual([
      ["csv", "66BUENOSAIRES2481"],
      ["csv", "72TEHRAN1164"],
      ["html", "05PARIS104"],
      ["mirror", "05PARIS104"],
      ["raw", "07KINGSTON382"],
      ["scraped", "05ALMATY2121"],
    ]);
    const html = out[2];
    expect(html).toMatchObject({
      created: "2005-01-06T17:05:00Z",
      released: "2010-11-30T16:04:00Z",
      classification: "SECRET",
      origin: "Embassy Paris",
      partial: true,
    });
    expect(out[5].warnings.join("\n")).toMatch(/year 2005 inferred from the declassification date/);
  });

  it("forces a format with --format and pretty-prints with --pretty", () => {
    const file = join(FIXTURES, "05PARIS104.txt");
    const r = spawnSync(
      "node",
      [join(ROOT, "bin/cablegram"), "parse", "--format", "raw", "--pretty", file],
      {
        encoding: "utf8",
      },
    );
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith("{\n")).toBe(true);
    expect(JSON.parse(r.stdout).source.format).toBe("raw");
    const bad = cablegram(["parse", "--format", "pdf", file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown format 'pdf'/);
  });

  it("reads stdin with -", () => {
    const page = readFileSync(join(FIXTURES, "05PARIS104.html"));
    const { code, out } = cablegram(["parse", "-"], page);
    expect(code).toBe(0);
    expect(out.map((c) => [c.source.file, c.referenceId])).toEqual([["-", "05PARIS104"]]);
  });

  it("reports unreadable records on stderr as file:line (byte N): reason, exits 1, goes on", () => {
    const empty = join(tmp, "empty.txt");
    writeFileSync(empty, "");
    const csv = readFileSync(join(FIXTURES, "cables_csv_sample.csv"));
    const cut = join(tmp, "cut.csv");
    writeFileSync(cut, csv.subarray(0, 6000));
    const { code, out, stderr } = cablegram([
      "parse",
      empty,
      cut,
      join(FIXTURES, "05PARIS104.txt"),
    ]);
    expect(code).toBe(1);
    expect(stderr.split("\n").filter(Boolean)).toEqual([
      `${empty}:1 (byte 0): empty file`,
      `${cut}:116 (byte 5138): file ends inside field 8 (body): no closing quote (truncated?); no further row before the end of the file`,
    ]);
    expect(out.map((c) => c.referenceId)).toEqual(["66BUENOSAIRES2481", "05PARIS104"]);
  });
});

describe("cablegram parse --batch", () => {
  it("answers every line in order, a malformed line with {error} and the next line still parsed", () => {
    const lines = [
      JSON.stringify({
        text: "REF: A. TBILISI 2601\nB. STATE 1234",
        year: 2007,
        referenceId: "07TBILISI1732",
      }),
      "{not json",
      JSON.stringify({ year: 2007 }),
      JSON.stringify({
        text: "C O N F I D E N T I A L ALMATY 002121\n\nE.O. 12958: DECL: 06/06/2015\n",
      }),
    ];
    const { code, out } = cablegram(["parse", "--batch"], `${lines.join("\n")}\n`);
    expect(code).toBe(0);
    expect(out).toHaveLength(4);
    expect(out[0].referenceId).toBe("07TBILISI1732");
    expect(out[0].year).toBe(2007);
    expect(out[1]).toEqual({ error: expect.stringMatching(/^line 2: not JSON/) });
    expect(out[2]).toEqual({ error: 'line 3: expected an object with a string "text"' });
    expect(out[3]).toMatchObject({ classification: "CONFIDENTIAL", referenceId: "05ALMATY2121" });
  });

  it("works from a pipe too (no trailing newline, CRLF lines)", () => {
    const out = execFileSync("node", [join(ROOT, "bin/cablegram"), "parse", "--batch"], {
      input: `${JSON.stringify({ text: "TAGS: PREL, PGOV" })}\r\n${JSON.stringify({ text: "x" })}`,
      encoding: "utf8",
    });
    expect(out.trimEnd().split("\n")).toHaveLength(2);
  });
});
