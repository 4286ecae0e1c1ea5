/**
 * `cablegram reextract` over a real archive: mentions written by an "older extractor" (the
 * recorded version lowered, mentions and stored Cable JSON changed, a protected mark lost) are
 * replaced by this build's extraction — the same rows a fresh ingest writes — through worker
 * threads, in batches that survive a stop, then resolved and summarised; the version is recorded.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reextractCommand } from "../../src/cli/reextract.js";
import { statsCommand } from "../../src/cli/stats.js";
import { ingest } from "../../src/ingest/index.js";
import { reextract } from "../../src/ingest/reextract.js";
import { EXTRACTOR_VERSION } from "../../src/model/extractor.js";
import { type Db, openArchive } from "../../src/store/db.js";
import { summaryState } from "../../src/store/entity-summary.js";
import { extractorStale, extractorState } from "../../src/store/extractor-state.js";
import { runCommand } from "../support/cli-output.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
const INPUTS = [join(FIXTURES, "server/cables"), join(FIXTURES, "entities/extractor")];

let dir: string;
let path: string;
let db: Db;

const MENTIONS = `SELECT c.reference_id, m.seq, m.type, m.name, m.variants, m.roles, m.paragraphs,
                         m.kind, m.us_official, m.protected, m.key, m.vkeys
                    FROM mentions m JOIN cables c ON c.id = m.cable_id ORDER BY 1, 2`;
const ENTITIES = "SELECT id, type, name FROM entities ORDER BY id";
const JSONS = "SELECT reference_id, cable_json FROM cables ORDER BY reference_id";
const snapshot = () => ({
  mentions: db.prepare(MENTIONS).all(),
  entities: db.prepare(ENTITIES).all(),
  json: db.prepare(JSONS).all(),
});

/** What an older extractor left: other forms, a cable without persons, a protected mark lost. */
function ageExtraction(): void {
  db.prepare("UPDATE archive_state SET value = '1' WHERE key = 'extractor'").run();
  const cairo = db
    .prepare("SELECT id FROM cables WHERE reference_id = '05CAIRO7782'")
    .pluck()
    .get();
  db.prepare("DELETE FROM mentions WHERE cable_id = ?").run(cairo);
  db.prepare(
    `UPDATE cables SET cable_json = json_set(cable_json, '$.persons', json('[]')) WHERE id = ?`,
  ).run(cairo);
  db.prepare(
    "UPDATE mentions SET name = 'Gamal Mubarak' WHERE type = 'person' AND name = 'Oscar Arias'",
  ).run();
  db.prepare("UPDATE mentions SET protected = 0 WHERE protected = 1").run();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cablegram-reextract-"));
  path = join(dir, "archive.db");
  db = openArchive(path);
  await ingest(db, INPUTS, { workers: 0 });
}, 120_000);
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("reextract", () => {
  it("a new archive records this build's extractor", () => {
    expect(extractorState(db)).toEqual({
      recorded: EXTRACTOR_VERSION,
      current: EXTRACTOR_VERSION,
      reextracting: false,
    });
    expect(
      db.prepare("SELECT count(*) FROM mentions WHERE protected = 1").pluck().get(),
    ).toBeGreaterThan(0);
  });

  it("replaces an older extraction with a fresh ingest's, resuming after a stop", async () => {
    const fresh = snapshot();
    const cables = db.prepare("SELECT count(*) FROM cables").pluck().get() as number;
    expect(cables).toBe(readdirSync(INPUTS[0]!).filter((f) => f.endsWith(".txt")).length + 5);
    ageExtraction();
    expect(snapshot()).not.toEqual(fresh);
    expect(extractorStale(extractorState(db))).toBe(true);
    const old = await runCommand(() => statsCommand.main(["--db", path]));
    expect(old.out).toMatch(
      /extracted by extractor version 1, this build's is \d+: run 'cablegram reextract'/,
    );

    // Stopped after its first batch, as a crash would: that batch is committed with its progress.
    const first = await reextract(db, { workers: 1, batchSize: 4, stopAfterBatches: 1 });
    expect(first).toMatchObject({ finished: false, cables: 4 });
    expect(extractorState(db).reextracting).toBe(true);
    const stopped = await runCommand(() => statsCommand.main(["--db", path]));
    expect(stopped.out).toMatch(/stopped part-way: run 'cablegram reextract'/);

    const progress: number[] = [];
    const rest = await reextract(db, {
      workers: 2,
      batchSize: 4,
      onProgress: (p) => progress.push(p.cables),
    });
    expect(rest).toMatchObject({ finished: true, cables: cables - 4, resumedAfter: 4 });
    expect(progress.at(-1)).toBe(cables - 4);
    expect(rest.resolution?.mode).toBe("full");
    expect(snapshot()).toEqual(fresh);
    expect(extractorState(db)).toEqual({
      recorded: EXTRACTOR_VERSION,
      current: EXTRACTOR_VERSION,
      reextracting: false,
    });
    expect(summaryState(db).current).toBe(true);
  }, 120_000);

  it("the command says when there is nothing to do, and runs with --force", async () => {
    const none = await runCommand(() => reextractCommand.main(["--db", path]));
    expect(none.code).toBe(0);
    expect(none.out).toMatch(/nothing to do/);
    const before = snapshot();
    const forced = await runCommand(() =>
      reextractCommand.main(["--db", path, "--force", "--workers", "0"]),
    );
    expect(forced.code).toBe(0);
    expect(forced.out).toMatch(/re-extracted \d+ cables/);
    expect(snapshot()).toEqual(before);
    const now = await runCommand(() => statsCommand.main(["--db", path]));
    expect(now.out).toMatch(/extracted by this build's extractor/);
  }, 120_000);
});
