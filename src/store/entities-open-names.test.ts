import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { entityCable as cable, person } from "../../test/store/entity-cables.js";
import { archivesPerTest } from "../../test/support/archives-per-test.js";
import { type Db, openArchive } from "./db.js";
import { entityDetail, getEntity } from "./entities-read.js";
import { resolveEntities } from "./entities-resolve.js";
import { type MentionFacts, resolve } from "./entities-rule.js";
import { refreshEntitySummaries, summaryState } from "./entity-summary.js";
import { writeCable } from "./write.js";

const at = (
  name: string,
  station: string,
  year: number,
  extra: Partial<MentionFacts> = {},
): MentionFacts => ({ type: "person", name, variants: [], roles: [], station, year, ...extra });

describe("entities named by their open mentions", () => {
  it("names a person joined to a protected full name by the open forms only", () => {
    const mentions = [
      at("Richard Weeks", "TRIPOLI", 2007, { variants: ["Weeks"], protected: true }),
      at("R. Weeks", "TRIPOLI", 2009, { variants: ["WEEKS"] }),
    ];
    // Were the full name written openly, it would name the entity.
    const open = resolve(mentions.map((m) => ({ ...m, protected: false })));
    expect(open.placements.map((p) => p.entityId)).toEqual([
      "person-richard-weeks",
      "person-richard-weeks",
    ]);
    const r = resolve(mentions);
    expect(r.placements.map((p) => p.entityId)).toEqual([
      "person-weeks-at-tripoli",
      "person-weeks-at-tripoli",
    ]);
    expect(r.names.get("person-weeks-at-tripoli")).toBe("R. Weeks");
    // The protected mention keeps why it is there; the open one gets the evidence it has alone,
    // which points at no full name.
    expect(r.placements[0]!.link).toBe("full name");
    expect(r.placements[1]!.link).toBe("surname at post (TRIPOLI)");
  });

  it("keeps the id an open mention gives, and words only protected mentions wrote out of it", () => {
    const r = resolve([
      // An open full name names the entity as before.
      at("Jennifer Windus", "TRIPOLI", 2007, { protected: true }),
      at("Jennifer Windus", "TRIPOLI", 2010),
      at("WINDUS", "TRIPOLI", 2010),
      // A nickname is read as the formal given name only the protecting cable writes.
      at("Christopher Hill", "BAGHDAD", 2009, { protected: true }),
      at("Chris Hill", "BAGHDAD", 2009),
      // Protected everywhere: the id as the rule gives it (public mode shows no such entity).
      at("Jim Thompson", "TRIPOLI", 2007, { protected: true }),
    ]);
    const ids = r.placements.map((p) => p.entityId);
    expect(ids).toEqual([
      "person-jennifer-windus",
      "person-jennifer-windus",
      "person-jennifer-windus",
      "person-chris-hill",
      "person-chris-hill",
      "person-jim-thompson",
    ]);
    expect(r.names.get("person-chris-hill")).toBe("Chris Hill");
    expect(r.names.get("person-jim-thompson")).toBe("Jim Thompson");
  });

  it("renames by the open forms themselves, not by whom they would point at alone", () => {
    const r = resolve([
      at("Richard Weeks", "TRIPOLI", 2007, { protected: true }),
      // Joined to Richard by the post; without him, the initial would point at Robert.
      at("R. Weeks", "TRIPOLI", 2009),
      at("Robert Weeks", "CAIRO", 2009),
    ]);
    expect(r.placements.map((p) => p.entityId)).toEqual([
      "person-weeks-at-tripoli",
      "person-weeks-at-tripoli",
      "person-robert-weeks",
    ]);
  });

  it("keeps an id the open form gives by itself, though alone it would be linked", () => {
    const r = resolve([
      // Two full names at the post: the surname alone stays apart, at the post.
      at("Mohammed Atta", "CAIRO", 2005, { protected: true }),
      at("Mahmoud Atta", "CAIRO", 2005),
      at("ATTA", "CAIRO", 2005),
    ]);
    expect(r.placements.map((p) => p.entityId)).toEqual([
      "person-mohammed-atta",
      "person-mahmoud-atta",
      "person-atta-at-cairo",
    ]);
  });

  it("joins the open namesake the new id already names, as without the protecting cable", () => {
    const r = resolve([
      at("Richard Weeks", "TRIPOLI", 2007, { protected: true }),
      at("R. Weeks", "TRIPOLI", 2009),
      // Too early to be linked to the 2007 full name: the surname at the post.
      at("WEEKS", "TRIPOLI", 2001),
    ]);
    expect(new Set(r.placements.map((p) => p.entityId))).toEqual(
      new Set(["person-weeks-at-tripoli"]),
    );
  });
});

const archive = archivesPerTest();

function placed(db: Db): Record<string, string> {
  const rows = db
    .prepare<[], { ref: string; name: string; entity_id: string }>(
      `SELECT c.reference_id AS ref, m.name, m.entity_id FROM mentions m
         JOIN cables c ON c.id = m.cable_id ORDER BY c.reference_id, m.seq`,
    )
    .all();
  return Object.fromEntries(rows.map((r) => [`${r.ref} ${r.name}`, r.entity_id]));
}

function snapshot(db: Db) {
  return {
    placed: placed(db),
    entities: db.prepare("SELECT * FROM entities ORDER BY id").all(),
    words: db.prepare("SELECT * FROM entity_words ORDER BY word, entity_id").all(),
  };
}

const steps = [
  [
    cable("09TRIPOLI9004", "2009-03-02T09:15:00Z", {
      persons: [person("R. Weeks", { variants: ["WEEKS"] })],
    }),
  ],
  [
    cable("07TRIPOLI1053", "2007-12-18T08:08:00Z", {
      persons: [person("Richard Weeks", { variants: ["Weeks"], protected: true })],
    }),
  ],
  [cable("10TRIPOLI9010", "2010-01-05T10:00:00Z", { persons: [person("Richard Weeks")] })],
];

describe("open names in an archive", () => {
  it("renames an entity as open and protected mentions come, incrementally as in full", () => {
    const db = archive();
    const expected = [
      "person-weeks-at-tripoli",
      "person-weeks-at-tripoli",
      // Once a cable writes the full name openly, it names the entity.
      "person-richard-weeks",
    ];
    steps.forEach((step, k) => {
      for (const c of step) writeCable(db, c);
      expect(resolveEntities(db).mode).toBe(k === 0 ? "full" : "incremental");
      const now = snapshot(db);
      expect(new Set(Object.values(now.placed))).toEqual(new Set([expected[k]]));
      expect(resolveEntities(db, { full: true }).changed).toBe(0);
      expect(snapshot(db)).toEqual(now);
      const once = archive();
      for (const c of steps.slice(0, k + 1).flat()) writeCable(once, c);
      resolveEntities(once);
      expect(snapshot(once)).toEqual(now);
    });
    const entity = db.prepare<[], { name: string }>("SELECT name FROM entities").get();
    expect(entity?.name).toBe("Richard Weeks");
  });

  it("leaves a protected-only word out of the public lookup words", () => {
    const db = archive();
    for (const c of steps.slice(0, 2).flat()) writeCable(db, c);
    resolveEntities(db);
    const words = db
      .prepare<[], { word: string; public: number }>(
        "SELECT word, public FROM entity_words ORDER BY word",
      )
      .all();
    expect(words).toEqual([
      { word: "r", public: 1 },
      { word: "richard", public: 0 },
      { word: "weeks", public: 1 },
    ]);
    expect(db.prepare("SELECT id, name FROM entities").all()).toEqual([
      { id: "person-weeks-at-tripoli", name: "R. Weeks" },
    ]);
  });
});

describe("an archive resolved before open names", () => {
  it("is marked for a full resolution, which renames the entity and its summary", () => {
    const dir = mkdtempSync(join(tmpdir(), "cablegram-open-names-"));
    try {
      const path = join(dir, "old.db");
      let db = openArchive(path);
      for (const c of steps.slice(0, 2).flat()) writeCable(db, c);
      resolveEntities(db);
      // As the rule before named it: by the protected full name, summaries built.
      db.exec(`UPDATE mentions SET entity_id = 'person-richard-weeks';
               UPDATE entities SET id = 'person-richard-weeks', name = 'Richard Weeks';
               DELETE FROM schema_migrations WHERE name = '017-entity-open-names.sql';`);
      refreshEntitySummaries(db);
      expect(getEntity(db, "person-richard-weeks")?.name).toBe("Richard Weeks");
      db.close();

      db = openArchive(path);
      const report = resolveEntities(db);
      expect(report).toMatchObject({ mode: "full", changed: 2 });
      refreshEntitySummaries(db);
      expect(summaryState(db).current).toBe(true);
      expect(getEntity(db, "person-richard-weeks")).toBeNull();
      const detail = entityDetail(db, "person-weeks-at-tripoli");
      expect(detail).toMatchObject({ name: "R. Weeks", cables: 2 });
      expect(detail?.stale).toBeUndefined();
      // Marked once: the run after is incremental and finds nothing to do.
      expect(resolveEntities(db)).toMatchObject({ mode: "incremental", mentions: 0 });
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is not marked when no cable protects anyone", () => {
    const dir = mkdtempSync(join(tmpdir(), "cablegram-open-names-"));
    try {
      const path = join(dir, "plain.db");
      let db = openArchive(path);
      writeCable(db, steps[0]![0]!);
      resolveEntities(db);
      db.exec("DELETE FROM schema_migrations WHERE name = '017-entity-open-names.sql'");
      db.close();
      db = openArchive(path);
      expect(resolveEntities(db)).toMatchObject({ mode: "incremental", mentions: 0 });
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
