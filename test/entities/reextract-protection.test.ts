/**
 * `cablegram reextract` and protection across versions: 08TRIPOLI564's current version is a copy
 * without the `(strictly protect)` marker, its older version the marked one. The extractor reads
 * the current text only and finds no marker there; Ibrahim el-Meyet stays protected in the cable
 * all the same (mentions, stored JSON, the forms public mode masks), and his entity's public
 * count leaves the cable out after the run's resolution.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { reextract } from "../../src/ingest/reextract.js";
import type { Cable } from "../../src/model/cable.js";
import { type Db, openArchive } from "../../src/store/db.js";
import { protectedIndex } from "../../src/store/entities-public.js";
import { buildProtectedArchive, INPUTS } from "./protected-archive.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/server/", import.meta.url));
const UNMARKED = join(FIXTURES, "unmarked/08TRIPOLI564.txt");
const UPDATE = join(FIXTURES, "updates/08TRIPOLI564.txt");
const CABLE = "08TRIPOLI564";

let dir: string;
let db: Db;

const meyet = () =>
  db
    .prepare<[string], { name: string; protected: number }>(
      `SELECT m.name, m.protected FROM mentions m JOIN cables c ON c.id = m.cable_id
        WHERE c.reference_id = ? AND m.type = 'person' AND m.name LIKE '%Meyet%'`,
    )
    .all(CABLE);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cablegram-reextract-prot-"));
  const path = join(dir, "archive.db");
  await buildProtectedArchive(path, {
    inputs: [...INPUTS.filter((f) => f !== UPDATE), UNMARKED],
    edit(file, cable) {
      if (file === UNMARKED) cable.persons = cable.persons.map((p) => ({ ...p, protected: false }));
    },
  });
  db = openArchive(path);
}, 120_000);
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

it("keeps a person an older version protects protected through a re-extraction", async () => {
  expect(meyet()).toEqual([{ name: "Ibrahim el-Meyet", protected: 1 }]);
  const report = await reextract(db, { workers: 0 });
  expect(report.finished).toBe(true);
  const after = meyet();
  // The extractor found him in the current text (no marker there) and the mark was kept.
  expect(after.length).toBeGreaterThan(0);
  expect(after.every((m) => m.protected === 1)).toBe(true);
  const json = db
    .prepare<[string], string>("SELECT cable_json FROM cables WHERE reference_id = ?")
    .pluck()
    .get(CABLE)!;
  const current = JSON.parse(json) as Cable;
  expect(current.protect).toEqual([]);
  expect(current.persons.filter((p) => p.name.includes("Meyet")).map((p) => p.protected)).toEqual(
    after.map(() => true),
  );
  expect(protectedIndex(db).byReference.get(CABLE)?.words.has("meyet")).toBe(true);
  const publicCables = db
    .prepare("SELECT public_cables FROM entities WHERE name LIKE '%Meyet%' AND type = 'person'")
    .pluck()
    .all() as number[];
  // 10TRIPOLI9002 names him openly; 08TRIPOLI564 is not counted for the public.
  expect(publicCables).toEqual([1]);
}, 120_000);
