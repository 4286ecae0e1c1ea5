import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineCommand, UsageError } from "./command.js";
import { COMMANDS } from "./commands.js";

let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(process.stdout, "write").mockImplementation((s) => out.push(String(s)) > 0);
  vi.spyOn(process.stderr, "write").mockImplementation((s) => err.push(String(s)) > 0);
});
afterEach(() => vi.restoreAllMocks());

const seen: unknown[] = [];
const demo = defineCommand({
  name: "demo",
  summary: "a command for the test",
  positionals: { name: "FILE...", help: "inputs", required: true, unless: "batch" },
  options: {
    batch: { type: "boolean", help: "read stdin" },
    sort: { type: "string", arg: "S", choices: ["a", "b"], default: "a", help: "order" },
    limit: { type: "integer", arg: "N", min: 1, max: 10, default: 5, help: "how many" },
    format: { type: "string", arg: "F", choices: ["x", "y"], required: true, help: "shape" },
    note: { type: "string", arg: "TEXT", help: "free text" },
  },
  async run(values, positionals) {
    if (values.note === "refuse") throw new UsageError("--note refuse is refused");
    seen.push({ ...values, positionals });
    return 0;
  },
});

describe("defineCommand", () => {
  it("passes checked, typed values and defaults to run", async () => {
    seen.length = 0;
    expect(await demo.main(["f1", "--format", "y", "--limit", "7", "f2"])).toBe(0);
    expect(seen).toEqual([
      {
        batch: false,
        sort: "a",
        limit: 7,
        format: "y",
        note: undefined,
        positionals: ["f1", "f2"],
      },
    ]);
    expect(await demo.main(["--batch", "--format", "x"])).toBe(0);
    expect(err).toEqual([]);
  });

  it("answers usage errors with 2 and a message naming the problem", async () => {
    const cases: [string[], RegExp][] = [
      [["f", "--format", "x", "--bogus"], /Unknown option '--bogus'/],
      [["f", "--format", "z"], /unknown format 'z' \(one of x, y\)/],
      [["f"], /--format F is required \(one of x, y\)/],
      [["f", "--format", "x", "--limit", "11"], /--limit takes a whole number from 1 to 10/],
      [["f", "--format", "x", "--limit", "two"], /--limit takes a whole number/],
      [["--format", "x"], /missing FILE\.\.\./],
      [["f", "--format", "x", "--note", "refuse"], /--note refuse is refused/],
    ];
    for (const [args, message] of cases) {
      err.length = 0;
      expect(await demo.main(args)).toBe(2);
      expect(err.join("")).toMatch(message);
      expect(err.join("")).toMatch(/^cablegram demo: .*\nusage: cablegram demo FILE\.\.\./);
    }
  });

  it("generates --help from the declaration", async () => {
    expect(await demo.main(["--help"])).toBe(0);
    const help = out.join("");
    expect(help).toMatch(
      /^usage: cablegram demo FILE\.\.\. \[--batch\] \[--sort S\] \[--limit N\] --format F \[--note TEXT\]\n/,
    );
    expect(help).toMatch(/--sort S +order \(one of a, b; default a\)/);
    expect(help).toMatch(/--limit N +how many \(1 to 10; default 5\)/);
    expect(help).toMatch(/-h, --help +this help/);
  });
});

describe("the command table", () => {
  it("has unique names and a --help for every command", async () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of COMMANDS) {
      out.length = 0;
      expect(await c.main(["--help"])).toBe(0);
      expect(out.join("")).toMatch(new RegExp(`^usage: cablegram ${c.name}\\b`));
    }
  });
});
