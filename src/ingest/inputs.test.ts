import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expandInputs } from "./inputs.js";

describe("expandInputs", () => {
  it("walks folders in name order, skipping documentation and non-cable files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cg-inputs-"));
    mkdirSync(join(dir, "html"));
    mkdirSync(join(dir, ".git"));
    for (const f of [
      "b.txt",
      "a.txt",
      "README.md",
      "cablegram.db",
      "html/x.html",
      ".git/HEAD",
      "notes",
    ]) {
      writeFileSync(join(dir, f), "x");
    }
    const out = await expandInputs([dir, join(dir, "missing.txt"), "-"]);
    expect(out.files.map((f) => f.path.slice(dir.length + 1) || f.path)).toEqual([
      "a.txt",
      "b.txt",
      "html/x.html",
      "notes",
      "-",
    ]);
    expect(out.files.at(-1)?.size).toBeNull();
    expect(out.skipped.map((f) => f.path.slice(dir.length + 1)).sort()).toEqual([
      ".git",
      "README.md",
      "cablegram.db",
    ]);
    for (const s of out.skipped) expect(s.reason).not.toBe("");
    expect(out.missing).toEqual([
      { path: join(dir, "missing.txt"), reason: "no such file or folder" },
    ]);
  });
});
