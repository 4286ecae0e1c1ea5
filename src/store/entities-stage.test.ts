import { afterEach, describe, expect, it } from "vitest";
import { entityCable as cable, person } from "../../test/store/entity-cables.js";
import { type Db, openArchive } from "./db.js";
import { resolveEntities } from "./entities-resolve.js";
import { buildIndex, MENTIONS_ENTITY_INDEX } from "./entities-stage.js";
import { writeCable } from "./write.js";

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** An archive of a few cables, none resolved yet. */
function archive(): Db {
  const db = openArchive(":memory:");
  open.push(db);
  writeCable(
    db,
    cable("05ALMATY2121", "2005-06-06T14:16:00Z", {
      persons: [person("Mark Asquino", { variants: ["ASQUINO"], roles: ["CDA"] })],
      organizations: [{ name: "UNHCR", variants: [], paragraphs: [1] }],
      places: [{ name: "Kazakhstan", kind: "country", variants: ["Kazakh"], paragraphs: [1] }],
    }),
  );
  writeCable(
    db,
    cable("05ALMATY2200", "2005-07-01T10:00:00Z", {
      persons: [person("ASQUINO", { paragraphs: [0] }), person("Scobey")],
    }),
  );
  writeCable(
    db,
    cable("07CAIRO100", "2007-03-01T10:00:00Z", {
      persons: [person("Margaret Scobey", { roles: ["Ambassador"] })],
      places: [{ name: "Egypt", kind: "country", variants: ["Egyptian"], paragraphs: [1] }],
    }),
  );
  return db;
}

const indexSql = (db: Db) =>
  db
    .prepare<[], string>("SELECT sql FROM sqlite_master WHERE name = 'mentions_entity'")
    .pluck()
    .get();

function snapshot(db: Db) {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    mentions: all("SELECT cable_id, seq, entity_id, link FROM mentions ORDER BY cable_id, seq"),
    entities: all("SELECT * FROM entities ORDER BY id"),
    forms: all("SELECT * FROM entity_forms ORDER BY entity_id, form"),
    words: all("SELECT * FROM entity_words ORDER BY word, entity_id"),
  };
}

describe("an index build", () => {
  // Sorted on a second thread where there is a core for it: the same entries, and the
  // connection's own setting back after.
  it("gives the index a sort on one thread gives, and leaves the threads setting as it was", () => {
    const db = archive();
    resolveEntities(db);
    const read = () =>
      db
        .prepare(
          "SELECT * FROM mentions INDEXED BY mentions_entity ORDER BY entity_id, cable_id, seq",
        )
        .raw()
        .all();
    const before = read();
    db.exec("DROP INDEX mentions_entity");
    db.pragma("threads = 0");
    buildIndex(db, MENTIONS_ENTITY_INDEX);
    expect(read()).toEqual(before);
    expect(db.pragma("threads", { simple: true })).toBe(0);
  });
});

describe("a full run's staged placements", () => {
  it("rebuild mentions_entity as the migrations define it", () => {
    const db = archive();
    const migrated = indexSql(db);
    expect(migrated).toBe(MENTIONS_ENTITY_INDEX.replace(" IF NOT EXISTS", ""));
    // A first run places every mention: the index is dropped for the writes and built again.
    expect(resolveEntities(db)).toMatchObject({ mode: "full", changed: 7 });
    expect(indexSql(db)).toBe(migrated);
    expect(db.pragma("temp_store", { simple: true })).toBe(2);
    // The rebuild of derived rows reads indexes only, never a table row.
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT m.type, m.cable_id, m.name, m.variants, m.protected, c.created
           FROM mentions m INDEXED BY mentions_entity
           JOIN cables c INDEXED BY cables_entity_facts ON c.id = m.cable_id
          WHERE m.entity_id = ? ORDER BY m.entity_id, m.cable_id, m.seq`,
      )
      .all("x")
      .map((r) => (r as { detail: string }).detail);
    expect(plan).toEqual([
      "SEARCH m USING COVERING INDEX mentions_entity (entity_id=?)",
      "SEARCH c USING COVERING INDEX cables_entity_facts (id=?)",
    ]);
  });

  it("leave the index built again by the next run when a run stops between drop and rebuild", () => {
    const reference = archive();
    resolveEntities(reference);

    const db = archive();
    // Stops while applying the stage, after the drop of the index was committed.
    db.exec(`CREATE TEMP TRIGGER stop BEFORE UPDATE OF entity_id ON main.mentions
               WHEN NEW.cable_id = 3 BEGIN SELECT RAISE(ABORT, 'stopped'); END`);
    expect(() => resolveEntities(db, { writesPerTransaction: 1 })).toThrow("stopped");
    expect(indexSql(db)).toBeUndefined();
    db.exec("DROP TRIGGER temp.stop");
    expect(resolveEntities(db).mode).toBe("full");
    expect(indexSql(db)).toBe(indexSql(reference));
    expect(snapshot(db)).toEqual(snapshot(reference));
  });
});
