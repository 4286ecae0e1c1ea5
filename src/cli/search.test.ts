import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureArchive } from "../../test/search/fixture-archive.js";
import { QuerySyntaxError } from "../search/types.js";
import { getCable } from "../store/read.js";
import { formatResult, openExistingArchive, pointAt, terminalSnippet } from "./search.js";
import { formatCable, wrap } from "./show.js";

const ROOT = new URL("../../", import.meta.url).pathname;
let dir: string;
let dbPath: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cablegram-cli-"));
  dbPath = join(dir, "archive.db");
  fixtureArchive(dbPath).close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `cablegram COMMAND ARGS` from the TypeScript sources in a child process, like bin/cablegram. */
function cli(...args: string[]) {
  const script = `import { main } from "./src/cli/main.ts";
    main(${JSON.stringify(args)}).then((code) => { process.exitCode = code; });`;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("terminal formatting", () => {
  it("puts a caret under the error position", () => {
    const q = "libya (berber";
    expect(pointAt(q, new QuerySyntaxError("missing ) to close (", 6))).toBe(
      "  libya (berber\n        ^",
    );
  });

  it("turns snippet HTML into terminal text", () => {
    const html = "Juma&#39;a <mark>Atiaga</mark> &amp; &quot;ridiculous&quot;";
    expect(terminalSnippet(html, false)).toBe(`Juma'a Atiaga & "ridiculous"`);
    expect(terminalSnippet(html, true)).toContain("\x1b[1mAtiaga\x1b[22m");
  });

  it("wraps paragraphs to the terminal width", () => {
    const lines = wrap("word ".repeat(60), "  ").split("\n");
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(100);
  });

  it("prints one line per hit, the snippet, the count and facet tables", () => {
    const out = formatResult(
      {
        total: 2,
        hits: [
          {
            referenceId: "09TRIPOLI198",
            subject: "BLACK SHEEP MADE GOOD?",
            created: "2009-03-03T14:02:00Z",
            createdEstimate: null,
            released: null,
            origin: "Embassy Tripoli",
            classification: "CONFIDENTIAL",
            snippet: "near <mark>Zuwara</mark>",
            paragraph: 1,
            partial: false,
          },
        ],
        facets: { tag: [{ value: "LY", count: 2 }], origin: [], classification: [], caveat: [] },
        histogram: [{ month: "2009-03", count: 2 }],
        next: "abc",
      },
      false,
    );
    expect(out).toContain("09TRIPOLI198  2009-03-03  CONFIDENTIAL  BLACK SHEEP MADE GOOD?\n");
    expect(out).toContain("    ¶1  near Zuwara\n");
    expect(out).toContain("1 of 2 hits; next page: --cursor abc");
    expect(out).toMatch(/ {2}LY +2\n/);
    expect(out).toMatch(/2009-03 +2 +#+/);
  });

  it("shows a cable with its markings, references and citations", () => {
    const db = openExistingArchive(dbPath);
    const text = formatCable(getCable(db, "09GUATEMALA917")!, [], []);
    db.close();
    expect(text).toContain("Classification  CONFIDENTIAL\n");
    expect(text).toContain("SOURCE PROTECTION");
    expect(text).toContain("¶8 (C) Her ties");
    expect(text).toContain("References (0)\n  none");
  });

  it("refuses a missing archive with a clear message", () => {
    expect(() => openExistingArchive(join(dir, "nope.db"))).toThrow(/no archive at .*nope\.db/);
  });
});

describe("cablegram search / show / export", () => {
  it("searches, with facets, and reports syntax errors with a caret", () => {
    const r = cli("search", "zuwara", "--facets", "--db", dbPath);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^08TRIPOLI530 {2}2008-07-03 {2}CONFIDENTIAL {2}LIBYA'S BERBER/m);
    expect(r.stdout).toContain("2 of 2 hits");
    expect(r.stdout).toMatch(/ {2}tag +count/);
    const bad = cli("search", "libya OR", "--db", dbPath);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("missing term after OR\n  libya OR\n        ^");
    const json = JSON.parse(
      cli("search", "tag:LY", "--json", "--limit", "2", "--db", dbPath).stdout,
    );
    expect(json.total).toBe(7);
    expect(json.next).toEqual(expect.any(String));
    const missing = cli("search", "x", "--db", join(dir, "none.db"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no archive at/);
  });

  it("shows a cable with references marked present or missing, and cited-by", () => {
    const r = cli("show", "09 TRIPOLI 208", "--db", dbPath);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}A {2}08TRIPOLI564 +MISSING +~2008-07-15/m);
    expect(r.stdout).toMatch(/^ {2}C {2}09TRIPOLI198 +present +2009-03-03 +BLACK SHEEP/m);
    expect(r.stdout).toMatch(/Cited by \(1\)\n {2}G {2}09TRIPOLI212/);
    const json = JSON.parse(cli("show", "09TRIPOLI208", "--json", "--db", dbPath).stdout);
    expect(json.referenceId).toBe("09TRIPOLI208");
    expect(json.cites).toHaveLength(5);
    expect(json.citedBy[0].referenceId).toBe("09TRIPOLI212");
    const unknown = cli("show", "09TRIPOLI2", "--db", dbPath);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("ids starting so: 09TRIPOLI208 09TRIPOLI212");
  });

  it("exports to a file and to stdout", () => {
    const out = join(dir, "graph.gexf");
    expect(cli("export", "tag:LY", "--format", "gexf", "--out", out, "--db", dbPath).code).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/<\/gexf>\n$/);
    const csv = cli("export", "tag:LY", "--format", "csv", "--db", dbPath);
    expect(csv.stdout.split("\r\n").filter(Boolean)).toHaveLength(8);
    expect(cli("export", "tag:LY", "--format", "xml", "--db", dbPath).code).toBe(2);
    expect(cli("export", "tag:", "--format", "csv", "--db", dbPath).stderr).toContain(
      "missing value after tag:",
    );
  });
});
