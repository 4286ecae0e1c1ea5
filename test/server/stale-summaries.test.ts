/**
 * Entity summaries left pending (a migration's full-build mark, an ingest stopped before its finish
 * step) are never silent: a read-only or public server says so in its log, on entity pages and in
 * `/api/entities/{id}`; a server that may write builds them before it listens; `cablegram stats`
 * and `cablegram entities --rebuild` read and clear the same state. Real archive, real servers,
 * real HTTP.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entitiesCommand } from "../../src/cli/entities.js";
import { statsCommand } from "../../src/cli/stats.js";
import { startServer } from "../../src/server/start.js";
import { openArchive } from "../../src/store/db.js";
import { summaryState } from "../../src/store/entity-summary.js";
import { markSummariesStale } from "../store/entity-summaries.js";
import { runCommand } from "../support/cli-output.js";
import { buildFixtureArchive } from "./fixture-server.js";

let dir: string;
let path: string;
let entity: string;

/** Marks a full build pending in the archive file the servers of these tests open. */
function markStale(): void {
  const db = openArchive(path);
  try {
    markSummariesStale(db);
  } finally {
    db.close();
  }
}

function state() {
  const db = openArchive(path, { readonly: true });
  try {
    return summaryState(db);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cablegram-stale-"));
  path = join(dir, "archive.db");
  await buildFixtureArchive(path);
  const db = openArchive(path, { readonly: true });
  try {
    // The entity named in most cables: the one a stale page differs most for.
    entity = db
      .prepare<[], string>(
        "SELECT entity_id FROM mentions WHERE entity_id IS NOT NULL GROUP BY entity_id ORDER BY count(*) DESC, entity_id LIMIT 1",
      )
      .pluck()
      .get()!;
  } finally {
    db.close();
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("pending entity summaries", () => {
  it("an ingest leaves them current", () => {
    expect(state().current).toBe(true);
  });

  it("a public server that cannot write says so: log, page and JSON; a writable one builds them first", async () => {
    const current = await startServer({ db: path, port: 0, host: "127.0.0.1", log: () => {} });
    const fresh = (await (await fetch(`${current.url}api/entities/${entity}`)).json()) as Record<
      string,
      unknown
    >;
    await current.close();
    expect(fresh.stale).toBeUndefined();

    markStale();
    expect(state()).toMatchObject({ current: false, full: true });
    for (const mode of [{ public: true }, { readonly: true }]) {
      const lines: string[] = [];
      const s = await startServer({
        db: path,
        port: 0,
        host: "127.0.0.1",
        ...mode,
        log: (l) => lines.push(l),
      });
      try {
        expect(lines.join("\n")).toMatch(/entity summaries are not current .*entities --rebuild/);
        const res = await fetch(`${s.url}api/entities/${entity}`);
        expect(res.status).toBe(200);
        const live = (await res.json()) as Record<string, unknown> & {
          stale?: { rebuild: string };
        };
        expect(live.stale?.rebuild).toMatch(/^cablegram entities --rebuild/);
        if (!mode.public) {
          // Live figures are the summary's figures: only the notice differs.
          const { stale: _, ...rest } = live;
          expect(rest).toEqual(fresh);
        }
        const page = await (await fetch(`${s.url}entities/${entity}`)).text();
        expect(page).toContain('class="entity-stale"');
        expect(page).toContain("cablegram entities --rebuild");
      } finally {
        await s.close();
      }
      expect(state().current).toBe(false);
    }

    const lines: string[] = [];
    const writable = await startServer({
      db: path,
      port: 0,
      host: "127.0.0.1",
      log: (l) => lines.push(l),
    });
    try {
      expect(lines.some((l) => /^entity summaries pending \(a full build\)/.test(l))).toBe(true);
      expect(lines.some((l) => /^entity summaries built in \d+\.\d s \(full:/.test(l))).toBe(true);
      expect(state().current).toBe(true);
      const built = (await (await fetch(`${writable.url}api/entities/${entity}`)).json()) as Record<
        string,
        unknown
      >;
      expect(built).toEqual(fresh);
      const page = await (await fetch(`${writable.url}entities/${entity}`)).text();
      expect(page).not.toContain("entity-stale");
    } finally {
      await writable.close();
    }
  });

  it("`stats` says whether they are current; `entities --rebuild` builds them", async () => {
    markStale();
    const pending = await runCommand(() => statsCommand.main(["--db", path]));
    expect(pending.code).toBe(0);
    expect(pending.out).toMatch(
      /entity pages {4}summaries pending \(a full build\).*cablegram entities --rebuild/,
    );
    const json = await runCommand(() => statsCommand.main(["--db", path, "--json"]));
    expect(JSON.parse(json.stdout).entitySummaries).toEqual({
      current: false,
      full: true,
      entities: 0,
      cables: 0,
    });

    const rebuilt = await runCommand(() => entitiesCommand.main(["--db", path, "--rebuild"]));
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.out).toMatch(/entity summaries: full, \d+ entities/);
    expect(state().current).toBe(true);
    const now = await runCommand(() => statsCommand.main(["--db", path]));
    expect(now.out).toMatch(/entity pages {4}summaries current/);

    const both = await runCommand(() => entitiesCommand.main(["--db", path, "--rebuild", "x"]));
    expect(both.code).toBe(2);
    const none = await runCommand(() => entitiesCommand.main(["--db", path]));
    expect(none.code).toBe(2);
  });
});
