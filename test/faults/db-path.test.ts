import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cablegram,
  ensureBuilt,
  RAW_FAILURE,
  removeTempDirs,
  sampleCables,
  tempDir,
} from "./harness.js";

/**
 * `--db` naming something that is not an archive: a folder, or a file of another kind. Every
 * command that takes `--db` says which path and what is wrong (SQLite would say "disk I/O error"
 * or "file is not a database"), exits non-zero, and leaves the file as it was.
 */

let cable = "";

beforeAll(async () => {
  await ensureBuilt();
  cable = sampleCables(1)[0]!;
}, 300_000);

afterAll(removeTempDirs);

const COMMANDS: [string, string[]][] = [
  ["ingest", ["ingest", "CABLE"]],
  ["search", ["search", "embassy"]],
  ["show", ["show", "00HARARE5461"]],
  ["stats", ["stats"]],
  ["export", ["export", "", "--format", "csv"]],
  ["check", ["check"]],
  ["check --repair", ["check", "--repair"]],
  ["timeline", ["timeline", ""]],
];

describe("--db that is not an archive", () => {
  it.each(COMMANDS)("%s names a folder given as --db", (_name, args) => {
    const dir = tempDir("db-folder");
    const folder = join(dir, "archive");
    mkdirSync(folder);
    const run = cablegram([...args.map((a) => (a === "CABLE" ? cable : a)), "--db", folder]);
    expect(run.stderr).not.toMatch(RAW_FAILURE);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`${folder} is a folder, not an archive file`);
  });

  it.each(COMMANDS)("%s names a file that is not an archive and leaves it alone", (_name, args) => {
    const dir = tempDir("db-file");
    const file = join(dir, "notes.db");
    const content = "These are my notes, not an SQLite database.\n".repeat(200);
    writeFileSync(file, content);
    const run = cablegram([...args.map((a) => (a === "CABLE" ? cable : a)), "--db", file]);
    expect(run.stderr).not.toMatch(RAW_FAILURE);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`${file} is not a Cablegram archive (not an SQLite database)`);
    expect(readFileSync(file, "utf8")).toBe(content);
  });
});
