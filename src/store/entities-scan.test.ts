import { afterEach, describe, expect, it } from "vitest";
import { entityCable as cable, person } from "../../test/store/entity-cables.js";
import { type Db, openArchive } from "./db.js";
import { resolveEntities } from "./entities-resolve.js";
import {
  type CableRow,
  groupOrder,
  type MentionRow,
  PROTECTED,
  REKEY,
  type Scan,
  ScanFeed,
  SIGNED,
  scanMentions,
  US_OFFICIAL,
} from "./entities-scan.js";
import { MENTION_ROW_SELECT } from "./entities-scan-state.js";
import { Batches, BulkInsert, ROWS_PER_INSERT } from "./entities-walk.js";
import { writeCable } from "./write.js";

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

const unhcr = { name: "UN High Commissioner for Refugees", variants: ["UNHCR"], paragraphs: [1] };

function archive(): Db {
  const db = openArchive(":memory:");
  open.push(db);
  const signed = cable("05ALMATY2200", "2005-07-01T10:00:00Z", {
    persons: [person("ASQUINO", { paragraphs: [0] }), person("Ivan Petrov", { protected: true })],
    organizations: [unhcr, { name: "UNHCR", variants: [], paragraphs: [1] }],
  });
  signed.signers = ["ASQUINO"];
  writeCable(db, signed);
  writeCable(
    db,
    cable("05ALMATY2121", "2005-06-06T14:16:00Z", {
      persons: [person("Mark Asquino", { variants: ["ASQUINO"], usOfficial: true })],
      organizations: [unhcr],
    }),
  );
  return db;
}

describe("the full run's scan of the mentions", () => {
  it("reads every mention in table order with its cable's facts, flags and groups", () => {
    const db = archive();
    const s = scanMentions(db);
    expect(s.n).toBe(6);
    const at = (i: number) => ({
      cable: s.cableId[s.cable[i]!],
      seq: s.seq[i],
      name: s.names.strings[s.comboName[s.combo[i]!]!],
      variants: s.list(s.comboVariants[s.combo[i]!]!),
      key: s.groupKeys[s.comboGroup[s.combo[i]!]!],
      station: s.station[s.cable[i]!],
      year: s.year[s.cable[i]!],
      flags: s.flags[i]! & ~REKEY,
    });
    expect([0, 1, 2, 3, 4, 5].map(at)).toEqual([
      {
        cable: 1,
        seq: 0,
        name: "ASQUINO",
        variants: [],
        key: "asquino",
        station: "ALMATY",
        year: 2005,
        flags: SIGNED,
      },
      expect.objectContaining({ name: "Ivan Petrov", key: "petrov", flags: PROTECTED }),
      expect.objectContaining({ name: unhcr.name, key: "un high commissioner for refugees" }),
      expect.objectContaining({ name: "UNHCR", key: "unhcr", flags: 0 }),
      expect.objectContaining({ cable: 2, seq: 0, variants: ["ASQUINO"], flags: US_OFFICIAL }),
      expect.objectContaining({ cable: 2, seq: 1, name: unhcr.name }),
    ]);
    // Both mentions of the long name own its variant; the same name is one group.
    expect(s.owners.get("org\u0000unhcr")).toEqual(
      new Map([["un high commissioner for refugees", 2]]),
    );
    expect(s.comboGroup[s.combo[2]!]).toBe(s.comboGroup[s.combo[5]!]);
    // The writer stored the rule's keys: nothing to rewrite; nothing placed yet.
    expect([...s.flags].some((f) => f & REKEY)).toBe(false);
    expect([...s.entity]).toEqual([-1, -1, -1, -1, -1, -1]);
  });

  it("marks stale group keys, and a full run writes the rule's keys back", () => {
    const db = archive();
    resolveEntities(db);
    const before = db.prepare("SELECT * FROM mentions ORDER BY cable_id, seq").all();
    db.exec("UPDATE mentions SET key = 'stale', vkeys = '' WHERE cable_id = 1 AND seq = 2");
    const s = scanMentions(db);
    expect([...s.flags].map((f) => (f & REKEY) !== 0)).toEqual([
      false,
      false,
      true,
      false,
      false,
      false,
    ]);
    expect(resolveEntities(db, { full: true })).toMatchObject({ mode: "full", changed: 0 });
    expect(db.prepare("SELECT * FROM mentions ORDER BY cable_id, seq").all()).toEqual(before);
  });

  // The scan has SQLite turn the type into its index, '[]' into null and the two flags into one.
  it("reads both flags of one mention, roles as stored, and refuses an unknown type", () => {
    const db = archive();
    db.exec(`UPDATE mentions SET us_official = 1, protected = 1, roles = '["ambassador"]'
              WHERE cable_id = 1 AND seq = 1`);
    const s = scanMentions(db);
    expect(s.flags[1]! & ~REKEY).toBe(US_OFFICIAL | PROTECTED);
    expect(s.list(s.roles[1]!)).toEqual(["ambassador"]);
    expect([0, 2, 3, 4, 5].map((i) => s.roles[i])).toEqual([0, 0, 0, 0, 0]);
    db.exec("UPDATE mentions SET type = 'ship' WHERE cable_id = 2 AND seq = 1");
    expect(() => scanMentions(db)).toThrow("a mention of unknown type (cable 2, seq 1)");
  });

  // PostgreSQL's full run feeds its rows (src/store/postgres/entities-full.ts): the same rows
  // fed one by one must give the same columns, placements and stale keys included.
  it("gives the same scan fed row by row (ScanFeed) as read from the archive", () => {
    const db = archive();
    resolveEntities(db);
    db.exec(`UPDATE mentions SET key = 'stale', protected = 1, roles = '["ambassador"]'
              WHERE cable_id = 1 AND seq = 2`);
    const read = scanMentions(db);
    const feed = new ScanFeed(read.n);
    for (const c of db
      .prepare<[], CableRow>("SELECT id, station, year, created, signers FROM cables ORDER BY id")
      .all())
      feed.cable(c);
    const rows = db.prepare(`${MENTION_ROW_SELECT} ORDER BY cable_id, seq`).raw().all();
    for (const r of rows) feed.mention(r as MentionRow);
    const fed = feed.finish();
    const plain = (s: Scan) => ({
      ...s,
      list: [0, 1, 2, 3, 4, 5].map((i) => s.list(s.roles[i]!)),
      names: s.names.strings,
      lists: s.lists.strings,
      entities: s.entities.strings,
      links: s.links.strings,
    });
    expect(plain(fed)).toEqual(plain(read));
    expect(read.entities.strings.length).toBeGreaterThan(0);
    expect(() =>
      feed.cable({ id: 9, station: null, year: null, created: null, signers: null }),
    ).toThrow("a cable fed after the mentions");
    const short = new ScanFeed(read.n + 1);
    for (const c of db
      .prepare<[], CableRow>("SELECT id, station, year, created, signers FROM cables")
      .all())
      short.cable(c);
    for (const r of rows) short.mention(r as MentionRow);
    expect(() => short.finish()).toThrow("mentions changed while resolution read them");
  });

  it("groups integers by a key, each group in the order given", () => {
    const keys = [2, 0, 2, 1, 0, 2];
    const { order, start } = groupOrder(keys.length, 3, (i) => keys[i]!);
    expect([...start]).toEqual([0, 2, 3, 6]);
    expect([...order]).toEqual([1, 4, 3, 0, 2, 5]);
  });
});

describe("multi-row inserts", () => {
  it("write every row, the last partial statement too, counted in the batches", () => {
    const db = openArchive(":memory:");
    open.push(db);
    db.exec("CREATE TEMP TABLE t (a INTEGER PRIMARY KEY, b TEXT)");
    const rows = ROWS_PER_INSERT * 2 + 3;
    const batches = new Batches(db, ROWS_PER_INSERT);
    const insert = new BulkInsert(db, "temp.t (a, b)", 2, batches);
    for (let i = 0; i < rows; i++) insert.add([i, `row ${i}`]);
    // Two full statements, committed as they filled a batch each; three rows wait.
    expect(db.prepare("SELECT count(*) FROM temp.t").pluck().get()).toBe(ROWS_PER_INSERT * 2);
    insert.flush();
    batches.commit();
    expect(db.prepare("SELECT count(*), sum(a) FROM temp.t").raw().get()).toEqual([
      rows,
      (rows * (rows - 1)) / 2,
    ]);
    expect(
      db
        .prepare("SELECT b FROM temp.t WHERE a = ?")
        .pluck()
        .get(rows - 1),
    ).toBe(`row ${rows - 1}`);
  });
});
