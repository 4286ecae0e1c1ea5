import { afterEach, describe, expect, it } from "vitest";
import { entityCable, person } from "../../test/store/entity-cables.js";
import type { Cable, Person } from "../model/cable.js";
import { type Db, openArchive } from "../store/db.js";
import { setPublicMode } from "../store/entities-public.js";
import { entityDetail } from "../store/entities-read.js";
import { resolveEntities } from "../store/entities-resolve.js";
import { writeCable } from "../store/write.js";
import { coMentions, entityFacets } from "./entity-facets.js";

/** A cable of 2009 naming `persons` and the countries `places`. */
const cable = (id: string, persons: Person[], places: string[] = []): Cable =>
  entityCable(id, "2009-01-01T10:00:00Z", {
    persons,
    places: places.map((name) => ({ name, kind: "country", variants: [], paragraphs: [1] })),
  });

let db: Db | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

const rowids = (archive: Db) =>
  Int32Array.from(archive.prepare<[], number>("SELECT id FROM cables ORDER BY id").pluck().all());

describe("entity facets", () => {
  it("count each entity once per hit, over more mentions than the first array holds", () => {
    db = openArchive(":memory:");
    // 300 cables naming Asquino, every third one Scobey too: more codes than the builder's
    // first array, so it must grow without losing any.
    for (let i = 0; i < 300; i++) {
      const persons = [person("Mark Asquino")];
      if (i % 3 === 0) persons.push(person("Margaret Scobey"));
      writeCable(db, cable(`09ALMATY${i + 1}`, persons, ["Kazakhstan", "Kazakhstan"]));
    }
    resolveEntities(db);
    const all = entityFacets(db, rowids(db), 10);
    expect(all.person).toEqual([
      { value: "person-mark-asquino", label: "Mark Asquino", count: 300 },
      { value: "person-margaret-scobey", label: "Margaret Scobey", count: 100 },
    ]);
    expect(all.place).toEqual([{ value: "place-kazakhstan", label: "Kazakhstan", count: 300 }]);
    expect(all.org).toEqual([]);
    // A subset of the hits, and ids that are no cable.
    const some = rowids(db).filter((_, i) => i < 6);
    // More places than the running top list holds before it is cut back: the top two are the
    // two most named, ties by name, as a full sort gives them.
    const many = openArchive(":memory:");
    for (let i = 0; i < 60; i++) {
      const towns = Array.from({ length: 30 }, (_, k) => `Town ${k}`).filter(
        (_, k) => i % (k + 1) === 0,
      );
      writeCable(many, cable(`09ALMATY${i + 1}`, [], towns));
    }
    resolveEntities(many);
    const full = entityFacets(many, rowids(many), 100).place;
    expect(full).toHaveLength(30);
    expect(entityFacets(many, rowids(many), 2).place).toEqual(full.slice(0, 2));
    expect(entityFacets(many, rowids(many), 7).place).toEqual(full.slice(0, 7));
    many.close();
    const subset = entityFacets(db, Int32Array.from([...some, -1, 99999]), 1);
    expect(subset.person).toEqual([
      { value: "person-mark-asquino", label: "Mark Asquino", count: 6 },
    ]);
  });

  it("leave a protected person out of the cable protecting them in public mode", () => {
    db = openArchive(":memory:");
    writeCable(db, cable("09CAIRO1", [person("Ayman Nour", { protected: true })]));
    writeCable(db, cable("09CAIRO2", [person("Ayman Nour")]));
    resolveEntities(db);
    expect(entityFacets(db, rowids(db), 10).person).toEqual([
      { value: "person-ayman-nour", label: "Ayman Nour", count: 2 },
    ]);
    setPublicMode(db);
    expect(entityFacets(db, rowids(db), 10).person).toEqual([
      { value: "person-ayman-nour", label: "Ayman Nour", count: 1 },
    ]);
  });

  it("give an entity page the co-mentions the SQL join gives, in both modes", () => {
    const archive = openArchive(":memory:");
    db = archive;
    const names = ["Mark Asquino", "Margaret Scobey", "Ayman Nour", "Louis Susman", "Ann Ryan"];
    for (let i = 0; i < 40; i++) {
      const persons = names
        .filter((_, k) => (i + k) % (k + 2) === 0 || k === 0)
        .map((n) => person(n, { protected: n === "Ayman Nour" && i % 4 === 0 }));
      const places = i % 2 === 0 ? ["Egypt"] : ["Egypt", "Kazakhstan"];
      writeCable(archive, cable(`09CAIRO${i + 1}`, persons, places));
    }
    resolveEntities(archive);
    const fast = {
      coMentions: (e: string, c: Int32Array | null, n: number) => coMentions(archive, e, c, n),
    };
    const ids = archive.prepare<[], string>("SELECT id FROM entities ORDER BY id").pluck().all();
    const check = () => {
      for (const id of ids) {
        const bySql = entityDetail(archive, id);
        const byColumns = entityDetail(archive, id, fast);
        expect(byColumns).toEqual(bySql);
      }
    };
    check();
    expect(entityDetail(archive, "person-mark-asquino")!.coPersons.length).toBe(4);
    setPublicMode(archive);
    check();
  });
});
