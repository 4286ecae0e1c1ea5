import { afterEach, describe, expect, it } from "vitest";
import { entityCable as cable, person } from "../../test/store/entity-cables.js";
import type { Cable } from "../model/cable.js";
import { type Db, openArchive } from "./db.js";
import { resolveEntities } from "./entities-resolve.js";
import { finishMentionLoad, startMentionLoad } from "./entities-write.js";
import { ENTITY_COLUMNS } from "./postgres/entities-copy.js";
import { mentionRows } from "./postgres/entities-write.js";
import { writeCable } from "./write.js";

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function archive(): Db {
  const db = openArchive(":memory:");
  open.push(db);
  return db;
}

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
    places: [{ name: "Egypt", kind: "country", variants: ["Egyptian"], paragraphs: [1] }],
  }),
];

/** The indexes of `mentions`, as the schema now holds them. */
const indexes = (db: Db) =>
  db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'mentions' ORDER BY name",
    )
    .all();

function snapshot(db: Db) {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    mentions: all("SELECT * FROM mentions ORDER BY cable_id, seq"),
    entities: all("SELECT * FROM entities ORDER BY id"),
    forms: all("SELECT * FROM entity_forms ORDER BY entity_id, form"),
    words: all("SELECT * FROM entity_words ORDER BY word, entity_id"),
    owners: all("SELECT * FROM entity_owners ORDER BY type, vkey, key"),
  };
}

/** The cables written and resolved the way an ingest did before first loads left indexes out. */
function reference(): Db {
  const db = archive();
  for (const c of CABLES) writeCable(db, c);
  resolveEntities(db);
  return db;
}

describe("a first load of mentions", () => {
  it("leaves out the indexes only resolution reads, and ends with the same archive", () => {
    const db = archive();
    const migrated = indexes(db);
    startMentionLoad(db);
    expect(indexes(db).map((i) => (i as { name: string }).name)).toEqual(["mentions_protected"]);
    for (const c of CABLES) writeCable(db, c);
    finishMentionLoad(db);
    expect(resolveEntities(db).mode).toBe("full");
    expect(indexes(db)).toEqual(migrated);
    expect(snapshot(db)).toEqual(snapshot(reference()));
  });

  it("keeps every index of an archive that holds mentions already", () => {
    const db = archive();
    writeCable(db, CABLES[0]!);
    const before = indexes(db);
    startMentionLoad(db);
    expect(indexes(db)).toEqual(before);
  });

  it("stopped part-way, goes on without the indexes and the run that finishes builds them", () => {
    const db = archive();
    const migrated = indexes(db);
    startMentionLoad(db);
    writeCable(db, CABLES[0]!);
    // The resumed ingest: the archive holds mentions now, and their indexes are still missing.
    startMentionLoad(db);
    expect(indexes(db)).not.toEqual(migrated);
    for (const c of CABLES.slice(1)) writeCable(db, c);
    finishMentionLoad(db);
    resolveEntities(db);
    expect(indexes(db)).toEqual(migrated);
    expect(snapshot(db)).toEqual(snapshot(reference()));
  });

  it("resolves incrementally afterwards with both indexes in place", () => {
    const db = archive();
    startMentionLoad(db);
    writeCable(db, CABLES[0]!);
    finishMentionLoad(db);
    resolveEntities(db);
    for (const c of CABLES.slice(1)) writeCable(db, c);
    expect(resolveEntities(db).mode).toBe("incremental");
    expect(snapshot(db)).toEqual(snapshot(reference()));
  });
});

describe("what the writers mark withheld", () => {
  const stang = cable("05BRASILIA464", "2005-02-22T20:08:00Z", {
    persons: [
      person("Dorothy Stang", { variants: ["Stang"], protected: true }),
      person("David Stang"),
      person("Vitalmiro Bastos de Moura"),
    ],
    organizations: [{ name: "Stang Foundation", variants: [], paragraphs: [2] }],
    places: [{ name: "Anapu", kind: "city", variants: [], paragraphs: [1] }],
  });
  const flags = (rows: { name: unknown; protected: unknown }[]) =>
    rows.map((r) => [r.name, Number(r.protected)]);
  const want = [
    ["Dorothy Stang", 1],
    ["David Stang", 1],
    ["Vitalmiro Bastos de Moura", 0],
    ["Stang Foundation", 1],
    ["Anapu", 0],
  ];

  it("SQLite: the protected person and every name sharing a word with them", () => {
    const db = archive();
    writeCable(db, structuredClone(stang));
    const rows = db
      .prepare<[], { name: string; protected: number }>(
        "SELECT name, protected FROM mentions ORDER BY seq",
      )
      .all();
    expect(flags(rows)).toEqual(want);
    // The Cable JSON keeps the contract's flag: the protected person alone.
    const json = db.prepare<[], string>("SELECT cable_json FROM cables").pluck().get()!;
    const persons = (JSON.parse(json) as { persons: { protected: boolean }[] }).persons;
    expect(persons.map((p) => p.protected)).toEqual([true, false, false]);
  });

  it("PostgreSQL rows alike, and with the forms another version protects", () => {
    const column = ENTITY_COLUMNS.mentions!.split(", ").indexOf("protected");
    const pg = (c: Cable, forms: string[] = []) =>
      mentionRows(1, c, forms).map((r) => ({ name: r[3], protected: r[column] }));
    expect(flags(pg(stang))).toEqual(want);
    const plain = structuredClone(stang);
    plain.persons = plain.persons!.slice(1);
    expect(flags(pg(plain))).toEqual(want.slice(1).map(([n]) => [n, 0]));
    expect(flags(pg(plain, ["Dorothy Stang"]))).toEqual(want.slice(1));
  });
});
