import { afterEach, describe, expect, it } from "vitest";
import { entityCable as cable, person } from "../../test/store/entity-cables.js";
import { type Db, openArchive } from "./db.js";
import { resolveEntities } from "./entities-resolve.js";
import { writeCable } from "./write.js";

const unhcr = { name: "UN High Commissioner for Refugees", variants: ["UNHCR"], paragraphs: [1] };

/** First ingest. */
const step1 = [
  cable("05ALMATY2121", "2005-06-06T14:16:00Z", {
    persons: [person("Mark Asquino", { variants: ["ASQUINO"], roles: ["CDA"] })],
    organizations: [unhcr],
    places: [{ name: "Kazakhstan", kind: "country", variants: ["Kazakh"], paragraphs: [1] }],
  }),
  cable("05ALMATY2200", "2005-07-01T10:00:00Z", {
    persons: [person("ASQUINO", { paragraphs: [0] }), person("Scobey")],
    organizations: [{ name: "UNHCR", variants: [], paragraphs: [1] }],
  }),
  cable("07CAIRO100", "2007-03-01T10:00:00Z", {
    persons: [person("Scobey", { paragraphs: [0] }), person("Ahmed Aboul Gheit")],
    places: [{ name: "Egypt", kind: "country", variants: ["Egyptian"], paragraphs: [1] }],
  }),
];

/** Second ingest: a new version of the first cable (its full name gone), and new cables. */
const step2 = [
  cable(
    "05ALMATY2121",
    "2005-06-06T14:16:00Z",
    {
      persons: [person("ASQUINO", { roles: ["CDA"] }), person("Robert Smith")],
      organizations: [{ name: "UNHCR", variants: [], paragraphs: [1] }],
      places: [{ name: "Kazakhstan", kind: "country", variants: ["Kazakhstani"], paragraphs: [1] }],
    },
    "05ALMATY2121 corrected",
  ),
  cable("08CAIRO200", "2008-05-01T10:00:00Z", {
    persons: [person("Margaret Scobey", { roles: ["Ambassador"] }), person("Aboul Gheit")],
    organizations: [unhcr],
  }),
  cable("06ALMATY300", "2006-01-10T10:00:00Z", {
    persons: [person("Mark Asquino", { variants: ["ASQUINO"] })],
  }),
];

/** Everything resolution decides, keyed so that two archives of the same cables compare equal. */
function snapshot(db: Db) {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    mentions: all(
      `SELECT c.reference_id, m.seq, m.entity_id, m.link, m.key, m.vkeys
         FROM mentions m JOIN cables c ON c.id = m.cable_id ORDER BY c.reference_id, m.seq`,
    ),
    entities: all("SELECT * FROM entities ORDER BY id"),
    forms: all("SELECT * FROM entity_forms ORDER BY entity_id, form"),
    words: all("SELECT * FROM entity_words ORDER BY word, entity_id"),
    owners: all("SELECT * FROM entity_owners ORDER BY type, vkey, key"),
  };
}

let dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs) db.close();
  dbs = [];
});
function archive(): Db {
  const db = openArchive(":memory:");
  dbs.push(db);
  return db;
}

describe("incremental resolution", () => {
  it("gives what a full run gives after a two-step ingest with a new version of a cable", () => {
    const db = archive();
    for (const c of step1) writeCable(db, c);
    expect(resolveEntities(db).mode).toBe("full");
    const first = snapshot(db);
    for (const c of step2) writeCable(db, c);
    const report = resolveEntities(db);
    expect(report.mode).toBe("incremental");
    const incremental = snapshot(db);

    // The incremental run did move things: the new version dropped the full name, Scobey at
    // Cairo found Margaret Scobey, UNHCR gained an owner.
    expect(incremental).not.toEqual(first);
    expect(report.changed).toBeGreaterThan(0);
    const entityOf = (ref: string, seq: number) =>
      (incremental.mentions as { reference_id: string; seq: number; entity_id: string }[]).find(
        (m) => m.reference_id === ref && m.seq === seq,
      )?.entity_id;
    expect(entityOf("07CAIRO100", 0)).toBe("person-margaret-scobey");
    expect(entityOf("05ALMATY2200", 0)).toBe("person-mark-asquino");

    // A full run over the same archive changes nothing.
    const full = resolveEntities(db, { full: true });
    expect(full.mode).toBe("full");
    expect(full.changed).toBe(0);
    expect(snapshot(db)).toEqual(incremental);

    // Nor does it differ from an archive that got the final cables in one ingest.
    const once = archive();
    const final = [...step2, ...step1.filter((c) => c.referenceId !== "05ALMATY2121")];
    for (const c of final) writeCable(once, c);
    resolveEntities(once);
    expect(snapshot(once)).toEqual(incremental);
  });

  it("leaves untouched groups alone and does nothing when nothing is new", () => {
    const db = archive();
    for (const c of step1) writeCable(db, c);
    resolveEntities(db);
    expect(resolveEntities(db)).toMatchObject({ mode: "incremental", mentions: 0, changed: 0 });
    writeCable(
      db,
      cable("09LONDON1", "2009-01-01T10:00:00Z", { persons: [person("Louis Susman")] }),
    );
    const report = resolveEntities(db);
    // Only the new surname's group was read: one mention, one entity.
    expect(report).toMatchObject({ mode: "incremental", mentions: 1, entities: 1, changed: 1 });
  });

  it("gives the same result committed in small transactions", () => {
    const small = archive();
    const whole = archive();
    for (const c of step1) {
      writeCable(small, c);
      writeCable(whole, c);
    }
    resolveEntities(small, { writesPerTransaction: 3 });
    resolveEntities(whole);
    expect(snapshot(small)).toEqual(snapshot(whole));
    for (const c of step2) {
      writeCable(small, c);
      writeCable(whole, c);
    }
    expect(resolveEntities(small, { writesPerTransaction: 3 }).mode).toBe("incremental");
    resolveEntities(whole);
    expect(snapshot(small)).toEqual(snapshot(whole));
  });

  it("redoes in full a run stopped part-way, its first transactions committed", () => {
    const reference = archive();
    for (const c of [...step1, ...step2]) writeCable(reference, c);
    resolveEntities(reference);

    const db = archive();
    for (const c of step1) writeCable(db, c);
    resolveEntities(db);
    for (const c of step2) writeCable(db, c);
    // The run fails while rebuilding an entity, after several committed transactions.
    db.exec(`CREATE TEMP TRIGGER stop BEFORE INSERT ON main.entities
               WHEN NEW.id = 'person-margaret-scobey' BEGIN SELECT RAISE(ABORT, 'stopped'); END`);
    expect(() => resolveEntities(db, { writesPerTransaction: 2 })).toThrow("stopped");
    expect(db.inTransaction).toBe(false);
    expect(db.prepare("SELECT key FROM entity_dirty WHERE type = '*'").pluck().all()).toEqual([
      "resolving",
    ]);
    db.exec("DROP TRIGGER temp.stop");
    expect(resolveEntities(db).mode).toBe("full");
    expect(snapshot(db)).toEqual(snapshot(reference));
    expect(resolveEntities(db)).toMatchObject({ mode: "incremental", mentions: 0 });
  });
});
