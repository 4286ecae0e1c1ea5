import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../src/ingest/index.js";
import { createApp } from "../../src/server/app.js";
import { openArchive } from "../../src/store/db.js";
import {
  cablegram,
  cablegramAsync,
  damagePages,
  ensureBuilt,
  MIRROR,
  RAW_FAILURE,
  removeTempDirs,
  tempDir,
} from "./harness.js";

/**
 * A damaged archive, as a failing disk or a stray write leaves it: garbage over the pages of the
 * full-text index, or over one page of the `cables` table. Every command that meets the damage
 * says which archive and points to `cablegram check` (no SQLite stack trace) and exits non-zero;
 * `check` names the hurt table; `check --repair` brings full-text search back whole, and after
 * damage to stored text it names the cables lost so that ingesting them again restores the
 * archive exactly. An export that fails part way leaves no file that looks whole.
 */

let pristine = "";
let cableCount = 0;
let hitsBefore = 0;
const QUERY = "embassy";

function copyArchive(name: string): string {
  const dir = tempDir(name);
  const path = join(dir, "archive.db");
  copyFileSync(pristine, path);
  return path;
}

function total(run: { stdout: string }): number {
  return (JSON.parse(run.stdout) as { total: number }).total;
}

/** The message every command must give about a damaged archive at `path`. */
function expectNamedDamage(run: { status: number | null; stderr: string }, path: string): void {
  expect(run.stderr).not.toMatch(RAW_FAILURE);
  expect(run.status).not.toBe(0);
  expect(run.status).not.toBe(null);
  expect(run.stderr).toContain(path);
  expect(run.stderr).toMatch(/damaged|malformed/);
  expect(run.stderr).toContain(`cablegram check --db ${path}`);
}

beforeAll(async () => {
  await ensureBuilt();
  const dir = tempDir("pristine");
  pristine = join(dir, "archive.db");
  const db = openArchive(pristine);
  const report = await ingest(db, [MIRROR], { workers: 0, dbLabel: pristine });
  cableCount = report.new;
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  const search = cablegram(["search", QUERY, "--json", "--db", pristine]);
  expect(search.status, search.stderr).toBe(0);
  hitsBefore = total(search);
  expect(hitsBefore).toBeGreaterThan(10);
}, 300_000);

afterAll(removeTempDirs);

describe("a damaged full-text index", () => {
  it("is named by every command, found by check and rebuilt by check --repair", async () => {
    const path = copyArchive("fts");
    const pages = damagePages(path, "cables_fts_data", "all");
    expect(pages.length).toBeGreaterThan(0);

    expectNamedDamage(cablegram(["search", QUERY, "--db", path]), path);

    const out = join(path, "..", "export.jsonl");
    const exported = cablegram(["export", QUERY, "--format", "jsonl", "--out", out, "--db", path]);
    expectNamedDamage(exported, path);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(join(path, "..")).filter((f) => f.includes("partial"))).toEqual([]);

    // The server answers a 5xx problem naming no SQLite error (the cause goes to its log).
    const logged: string[] = [];
    const db = new Database(path);
    const { app } = createApp({ db, cache: false, onError: (e) => logged.push(String(e)) });
    const res = await app.request(`/api/search?q=${QUERY}`);
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
    const problem = (await res.json()) as { detail: string };
    expect(problem.detail).toMatch(/damaged/);
    expect(JSON.stringify(problem)).not.toMatch(/Sqlite|SQLITE_|malformed/);
    // An export meets the damage before answering: a 5xx problem, not a 200 that stops.
    const exportRes = await app.request(`/api/export?q=${QUERY}&format=jsonl`);
    expect(exportRes.status).toBeGreaterThanOrEqual(500);
    expect(exportRes.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(logged.length).toBeGreaterThan(0);
    db.close();

    const check = cablegram(["check", "--db", path]);
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(/DAMAGED/);
    expect(check.stdout).toMatch(/full-text index {3}cables_fts: damaged/);
    expect(check.stdout).toMatch(/nothing is lost/);

    const repair = await cablegramAsync(["check", "--repair", "--db", path]);
    expect(repair.stderr).toBe("");
    expect(repair.status).toBe(0);
    expect(repair.stdout).toMatch(/rebuilt .*cables_fts/);
    expect(repair.stdout).toMatch(/nothing lost/);
    // The damaged file is kept beside the archive.
    expect(readdirSync(join(path, "..")).some((f) => f.startsWith("archive.db.damaged-"))).toBe(
      true,
    );

    expect(cablegram(["check", "--db", path]).status).toBe(0);
    const after = cablegram(["search", QUERY, "--json", "--db", path]);
    expect(after.status, after.stderr).toBe(0);
    expect(total(after)).toBe(hitsBefore);
  }, 300_000);

  it("stops an ingest into it with the archive named, a non-zero exit and the report", () => {
    const path = copyArchive("fts-ingest");
    damagePages(path, "cables_fts_data", "all");
    const dir = join(path, "..");
    const input = join(dir, "one.txt");
    const text = readFileSync(join(MIRROR, "00HARARE5461.txt"), "utf8");
    writeFileSync(input, text.replaceAll("5461", "9999"));
    const reportPath = join(dir, "report.json");
    const run = cablegram(["ingest", input, "--db", path, "--report", reportPath]);
    expectNamedDamage(run, path);
    expect(existsSync(reportPath)).toBe(true);
  }, 120_000);
});

describe("a damaged page of the cables table", () => {
  it("fails an export without a whole-looking file, and a repair plus the listed ingest restores every cable", async () => {
    const path = copyArchive("cables");
    damagePages(path, "cables", "one");
    const dir = join(path, "..");

    const out = join(dir, "all.csv");
    const toFile = cablegram(["export", "", "--format", "csv", "--out", out, "--db", path]);
    expectNamedDamage(toFile, path);
    expect(toFile.stderr).toContain(`${out} was not written`);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes("partial"))).toEqual([]);

    const toStdout = cablegram(["export", "", "--format", "jsonl", "--db", path]);
    expectNamedDamage(toStdout, path);
    expect(toStdout.stderr).toMatch(/the output above is incomplete/);

    // The server's export of the whole archive meets the damaged page part way: the transfer is
    // aborted (a client sees an error), never a 200 that ends like a whole file.
    const served = new Database(path);
    const { app } = createApp({ db: served, cache: false, onError: () => {} });
    const res = await app.request("/api/export?q=&format=jsonl");
    if (res.status === 200) await expect(res.text()).rejects.toThrow();
    else expect(res.status).toBeGreaterThanOrEqual(500);
    served.close();

    const check = cablegram(["check", "--db", path]);
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(/damaged {11}cables \(text\): table pages are damaged/);

    const repair = await cablegramAsync(["check", "--repair", "--db", path]);
    expect(repair.stderr).toBe("");
    // Rows on the damaged page are lost: exit 1, and each lost cable is named with its source.
    expect(repair.status).toBe(1);
    const lost = [...repair.stdout.matchAll(/^ {2}(\d{2}[A-Z]+\d+) {2}(\S+)$/gm)];
    expect(lost.length).toBeGreaterThan(0);
    for (const [, , file] of lost) expect(file!.startsWith(MIRROR)).toBe(true);
    expect(cablegram(["check", "--db", path]).status).toBe(0);

    const again = cablegram(["ingest", ...lost.map((m) => m[2]!), "--db", path]);
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ new: lost.length, rejected: 0 });
    const db = new Database(path, { readonly: true });
    expect(db.prepare("SELECT count(*) FROM cables").pluck().get()).toBe(cableCount);
    db.close();
    const search = cablegram(["search", QUERY, "--json", "--db", path]);
    expect(total(search)).toBe(hitsBefore);
  }, 300_000);
});
