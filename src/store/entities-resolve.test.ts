import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { entityCable as cable, person } from "../../test/store/entity-cables.js";
import { type Db, openArchive } from "./db.js";
import { setPublicMode } from "./entities-public.js";
import { entityDetail, findEntities, getEntity } from "./entities-read.js";
import { resolveEntities } from "./entities-resolve.js";
import { writeCable } from "./write.js";

let db: Db;
beforeEach(() => {
  db = openArchive(":memory:");
});
afterEach(() => db.close());

describe("entities in the archive", () => {
  it("stores mentions through the writer and resolves them into entities", () => {
    writeCable(
      db,
      cable("05ALMATY2121", "2005-06-06T14:16:00Z", {
        persons: [person("Mark Asquino", { variants: ["ASQUINO", "Asquino"], roles: ["CDA"] })],
        organizations: [{ name: "OSCE", variants: [], paragraphs: [1] }],
        places: [{ name: "Kazakhstan", kind: "country", variants: ["Kazakh"], paragraphs: [1] }],
      }),
    );
    writeCable(
      db,
      cable("05ALMATY2200", "2005-07-01T10:00:00Z", {
        persons: [person("ASQUINO", { paragraphs: [0] })],
      }),
    );
    const report = resolveEntities(db);
    expect(report.mentions).toBe(4);
    const e = entityDetail(db, "person-mark-asquino")!;
    expect(e.cables).toBe(2);
    expect(e.forms.map((f) => f.form)).toEqual(expect.arrayContaining(["Mark Asquino", "ASQUINO"]));
    expect(e.roles[0]).toMatchObject({ role: "CDA", stations: ["ALMATY"] });
    expect(e.evidence.map((x) => x.link)).toEqual(
      expect.arrayContaining(["full name", "same post and period"]),
    );
    expect(e.coOrganizations.map((o) => o.id)).toEqual(["org-osce"]);
    expect(e.months).toEqual([
      { month: "2005-06", count: 1 },
      { month: "2005-07", count: 1 },
    ]);
    expect(findEntities(db, "asq").map((x) => x.id)).toEqual(["person-mark-asquino"]);
    expect(findEntities(db, "mark asquino", { type: "person" })).toHaveLength(1);
    expect(findEntities(db, "kazakh", { type: "place" }).map((x) => x.id)).toEqual([
      "place-kazakhstan",
    ]);
    // A second run changes nothing.
    expect(resolveEntities(db).changed).toBe(0);
  });

  it("rewrites a cable's mentions when a newer version becomes current", () => {
    const first = cable("08TRIPOLI564", "2008-07-14T10:00:00Z", {
      persons: [person("Shukri Ghanem")],
    });
    first.released = "2011-01-01T00:00:00Z";
    writeCable(db, first);
    resolveEntities(db);
    expect(getEntity(db, "person-shukri-ghanem")?.cables).toBe(1);
    const second = cable(
      "08TRIPOLI564",
      "2008-07-14T10:00:00Z",
      { persons: [person("Ibrahim el-Meyet")] },
      "another text",
    );
    second.released = "2011-09-01T00:00:00Z";
    expect(writeCable(db, second)).toBe("version");
    resolveEntities(db);
    expect(getEntity(db, "person-shukri-ghanem")).toBeNull();
    expect(getEntity(db, "person-ibrahim-meyet")?.cables).toBe(1);
    expect(db.prepare("SELECT count(*) FROM mentions").pluck().get()).toBe(1);
  });

  it("leaves protected mentions out in public mode", () => {
    writeCable(
      db,
      cable("08TRIPOLI564", "2008-07-14T10:00:00Z", {
        persons: [person("Ibrahim el-Meyet", { protected: true }), person("Shukri Ghanem")],
      }),
    );
    writeCable(
      db,
      cable("10TRIPOLI9002", "2010-04-12T10:00:00Z", {
        persons: [person("Ibrahim el-Meyet")],
      }),
    );
    writeCable(
      db,
      cable("10TRIPOLI9003", "2010-05-03T10:00:00Z", {
        persons: [person("Segolene Dupre", { protected: true }), person("Shukri Ghanem")],
      }),
    );
    resolveEntities(db);
    expect(entityDetail(db, "person-ibrahim-meyet")!.cableList.map((c) => c.referenceId)).toEqual([
      "10TRIPOLI9002",
      "08TRIPOLI564",
    ]);
    setPublicMode(db);
    const e = entityDetail(db, "person-ibrahim-meyet")!;
    expect(e.cables).toBe(1);
    expect(e.cableList.map((c) => c.referenceId)).toEqual(["10TRIPOLI9002"]);
    expect(entityDetail(db, "person-shukri-ghanem")!.coPersons).toEqual([]);
    expect(getEntity(db, "person-segolene-dupre")).toBeNull();
    expect(findEntities(db, "segolene")).toEqual([]);
  });
});
