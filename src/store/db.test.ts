import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { type Db, openArchive, unmapped } from "./db.js";

const dir = mkdtempSync(join(tmpdir(), "cablegram-db-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const files = readdirSync(new URL("./migrations/", import.meta.url))
  .filter((f) => /^\d{3}-.*\.sql$/.test(f))
  .sort();

/** The migrations an archive records as applied, by name. */
const recorded = (db: Db) =>
  db.prepare<[], string>("SELECT name FROM schema_migrations ORDER BY name").pluck().all();

describe("migrate", () => {
  it("records every migration file by name in a new archive", () => {
    const db = openArchive(join(dir, "new.db"));
    expect(recorded(db)).toEqual(files);
    db.close();
  });

  it("is idempotent: reopening applies nothing twice", () => {
    const path = join(dir, "again.db");
    openArchive(path).close();
    const db = openArchive(path);
    const n = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM schema_migrations").get()!.n;
    expect(n).toBe(files.length);
    db.close();
  });

  it("takes an archive made before schema_migrations existed as migrated up to its user_version", () => {
    const path = join(dir, "legacy.db");
    openArchive(path).close();
    const raw = new Database(path);
    raw.exec("DROP TABLE schema_migrations");
    raw.pragma(`user_version = ${Number(files.at(-1)!.slice(0, 3))}`);
    raw.close();
    // Re-running the migrations would fail (their tables exist): this open must not.
    const db = openArchive(path);
    expect(recorded(db)).toEqual(files);
    db.close();
  });
});

describe("unmapped", () => {
  const mmap = (db: Db) => db.pragma("mmap_size", { simple: true }) as number;

  it("reads without the memory map while it runs, then restores it, whatever run does", async () => {
    const db = openArchive(join(dir, "unmapped.db"));
    const before = mmap(db);
    expect(before).toBeGreaterThan(0);
    expect(unmapped(db, () => mmap(db))).toBe(0);
    expect(mmap(db)).toBe(before);
    expect(() =>
      unmapped(db, () => {
        throw new Error("step failed");
      }),
    ).toThrow("step failed");
    expect(mmap(db)).toBe(before);
    // An async run (the ingest's finishing steps) keeps it off until it settles.
    let inside = -1;
    const done = unmapped(db, async () => {
      await new Promise((r) => setTimeout(r, 5));
      inside = mmap(db);
      return "done";
    });
    expect(mmap(db)).toBe(0);
    await expect(done).resolves.toBe("done");
    expect(inside).toBe(0);
    expect(mmap(db)).toBe(before);
    await expect(unmapped(db, async () => Promise.reject(new Error("later")))).rejects.toThrow(
      "later",
    );
    expect(mmap(db)).toBe(before);
    // Nested: the inner call leaves the outer one's setting.
    expect(unmapped(db, () => unmapped(db, () => mmap(db)) + mmap(db))).toBe(0);
    expect(mmap(db)).toBe(before);
    db.close();
  });
});
