import { describe, expect, it } from "vitest";
import { entityCable as cable, person } from "../../test/store/entity-cables.js";
import { archivesPerTest } from "../../test/support/archives-per-test.js";
import type { Db } from "./db.js";
import { resolveEntities } from "./entities-resolve.js";
import { finishMentionLoad, startMentionLoad } from "./entities-write.js";
import { refreshEntitySummaries } from "./entity-summary.js";
import {
  pauseSummaryJournal,
  resumeSummaryJournal,
  SUMMARY_JOURNAL_TRIGGERS,
} from "./entity-summary-journal.js";
import { writeCable } from "./write.js";

const archive = archivesPerTest();

const CABLES = [
  cable("05ALMATY2121", "2005-06-06T14:16:00Z", {
    persons: [person("Mark Asquino", { variants: ["ASQUINO"], roles: ["CDA"] })],
    organizations: [{ name: "UNHCR", variants: [], paragraphs: [1] }],
    places: [{ name: "Kazakhstan", kind: "country", variants: ["Kazakh"], paragraphs: [1] }],
  }),
  cable("05ALMATY2200", "2005-07-01T10:00:00Z", {
    persons: [person("ASQUINO", { paragraphs: [0] }), person("Scobey", { protected: true })],
  }),
  cable("07CAIRO100", "2007-03-01T10:00:00Z", {
    persons: [person("Margaret Scobey", { roles: ["Ambassador"] })],
    organizations: [
      { name: "UN High Commissioner for Refugees", variants: ["UNHCR"], paragraphs: [2] },
    ],
    places: [{ name: "Kazakhstan", kind: "country", variants: [], paragraphs: [1] }],
  }),
];

/** The journal's triggers the archive holds, by name, with their SQL. */
const triggers = (db: Db) =>
  Object.fromEntries(
    db
      .prepare<[], [string, string]>(
        `SELECT name, sql FROM sqlite_master WHERE type = 'trigger'
          AND name LIKE '%summary_journal%' ORDER BY name`,
      )
      .raw()
      .all(),
  );
const sorted = (o: Readonly<Record<string, string>>) =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
const pending = (db: Db) =>
  db.prepare("SELECT 1 FROM entity_summary_dirty WHERE entity_id = '*'").get() !== undefined;

/** What entity pages read (the packed lists hold codes, which a delta assigns in its own order). */
function summaries(db: Db) {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    stats: all("SELECT * FROM entity_stats ORDER BY entity_id, kind, key"),
    cables: all("SELECT * FROM entity_cables ORDER BY entity_id, created, cable_id, seq"),
  };
}

describe("the summary journal's triggers", () => {
  it("are the ones migration 014 creates", () => {
    expect(triggers(archive())).toEqual(sorted(SUMMARY_JOURNAL_TRIGGERS));
  });

  it("go while a first load waits for a full build, and come back with the build", () => {
    const db = archive();
    expect(pending(db)).toBe(true);
    startMentionLoad(db);
    expect(triggers(db)).toEqual({});
    for (const c of CABLES.slice(0, 2)) writeCable(db, c);
    finishMentionLoad(db);
    resolveEntities(db);
    expect(triggers(db)).toEqual({});
    expect(refreshEntitySummaries(db).mode).toBe("full");
    expect(pending(db)).toBe(false);
    expect(triggers(db)).toEqual(sorted(SUMMARY_JOURNAL_TRIGGERS));

    // Back in place, they journal the next ingest, whose summaries are then built by deltas.
    startMentionLoad(db);
    expect(triggers(db)).toEqual(sorted(SUMMARY_JOURNAL_TRIGGERS));
    writeCable(db, CABLES[2]!);
    resolveEntities(db);
    const journaled = db
      .prepare("SELECT count(DISTINCT cable_id) FROM entity_summary_journal")
      .pluck()
      .get();
    expect(journaled).toBeGreaterThan(0);
    expect(refreshEntitySummaries(db).mode).toBe("incremental");

    const whole = archive();
    for (const c of CABLES) writeCable(whole, c);
    resolveEntities(whole);
    refreshEntitySummaries(whole);
    expect(summaries(db)).toEqual(summaries(whole));
  });

  it("stay while no full build is pending", () => {
    const db = archive();
    writeCable(db, CABLES[0]!);
    resolveEntities(db);
    refreshEntitySummaries(db);
    pauseSummaryJournal(db);
    expect(triggers(db)).toEqual(sorted(SUMMARY_JOURNAL_TRIGGERS));
  });

  it("come back when the mark is cleared without a build", () => {
    const db = archive();
    pauseSummaryJournal(db);
    db.exec("DELETE FROM entity_summary_dirty");
    refreshEntitySummaries(db);
    expect(triggers(db)).toEqual(sorted(SUMMARY_JOURNAL_TRIGGERS));
    resumeSummaryJournal(db);
    expect(triggers(db)).toEqual(sorted(SUMMARY_JOURNAL_TRIGGERS));
  });
});
