import { describe, expect, it } from "vitest";
import { coMentions, entityFacets } from "../../src/search/entity-facets.js";
import type { Db } from "../../src/store/db.js";
import { setPublicMode } from "../../src/store/entities-public.js";
import { type EntityDetail, entityDetail } from "../../src/store/entities-read.js";
import { resolveEntities } from "../../src/store/entities-resolve.js";
import { refreshEntitySummaries } from "../../src/store/entity-summary.js";
import { decodeCursor, summaryFresh } from "../../src/store/entity-summary-read.js";
import { writeCable } from "../../src/store/write.js";
import { entityCable as cable, person } from "../store/entity-cables.js";
import { markSummariesStale } from "../store/entity-summaries.js";
import { archivesPerTest } from "../support/archives-per-test.js";

const unhcr = { name: "UN High Commissioner for Refugees", variants: ["UNHCR"], paragraphs: [1] };
const kazakhstan = { name: "Kazakhstan", kind: "country" as const, variants: [], paragraphs: [1] };

/** First ingest: Ayman Nour protected in one cable of three, Asquino in many roles and posts. */
const step1 = [
  cable("05ALMATY2121", "2005-06-06T14:16:00Z", {
    persons: [person("Mark Asquino", { variants: ["ASQUINO"], roles: ["CDA"] })],
    organizations: [unhcr],
    places: [kazakhstan],
  }),
  cable("05ALMATY2200", "2005-07-01T10:00:00Z", {
    persons: [person("ASQUINO", { paragraphs: [0], roles: ["CDA"] }), person("Scobey")],
    organizations: [{ name: "UNHCR", variants: [], paragraphs: [1] }],
  }),
  cable("07CAIRO100", "2007-03-01T10:00:00Z", {
    persons: [
      person("Scobey", { paragraphs: [0] }),
      person("Ayman Nour", { protected: true, roles: ["opposition leader"] }),
    ],
    places: [{ name: "Egypt", kind: "country", variants: ["Egyptian"], paragraphs: [1] }],
  }),
  cable("07CAIRO101", "2007-03-02T10:00:00Z", {
    persons: [person("Ayman Nour", { roles: ["opposition leader"] }), person("Scobey")],
    places: [{ name: "Egypt", kind: "country", variants: [], paragraphs: [1] }],
  }),
  cable("08CAIRO102", "2008-01-02T10:00:00Z", {
    persons: [person("Ayman Nour"), person("Mark Asquino", { roles: ["Ambassador"] })],
    organizations: [unhcr],
  }),
];

/**
 * Second ingest: a new version that now protects Asquino and drops UNHCR, a full name that joins
 * the `Scobey` mentions stored before (resolution moves them), new cables, one undated.
 */
const step2 = [
  cable(
    "05ALMATY2200",
    "2005-07-01T10:00:00Z",
    {
      persons: [person("ASQUINO", { protected: true, roles: ["CDA"] }), person("Scobey")],
      places: [kazakhstan],
    },
    "05ALMATY2200 corrected",
  ),
  cable("08CAIRO200", "2008-05-01T10:00:00Z", {
    persons: [person("Margaret Scobey", { roles: ["Ambassador"] }), person("Ayman Nour")],
    organizations: [unhcr],
  }),
  Object.assign(
    cable("06ALMATY300", "2006-01-10T10:00:00Z", { persons: [person("Mark Asquino")] }),
    {
      created: null,
    },
  ),
];

const archive = archivesPerTest();

const ids = (db: Db) => db.prepare<[], string>("SELECT id FROM entities ORDER BY id").pluck().all();
const rowids = (db: Db) =>
  Int32Array.from(db.prepare<[], number>("SELECT id FROM cables ORDER BY id").pluck().all());
const fast = (db: Db) => ({
  coMentions: (e: string, c: Int32Array | null, n: number) => coMentions(db, e, c, n),
});

/**
 * Ties in counted entity lists in one order: the stored lists break them by code, which follows
 * names only among the entities known at the last full build.
 */
function tiesById<T extends { id?: string; value?: string; cables?: number; count?: number }>(
  list: T[],
): T[] {
  const n = (t: T) => t.cables ?? t.count ?? 0;
  const k = (t: T) => t.id ?? t.value ?? "";
  return [...list].sort((a, b) => n(b) - n(a) || (k(a) < k(b) ? -1 : 1));
}

/** A page's figures, without the notice saying which path counted them (checked apart). */
const page = (d: EntityDetail | null) =>
  d && {
    ...d,
    stale: undefined,
    coPersons: tiesById(d.coPersons),
    coOrganizations: tiesById(d.coOrganizations),
    coPlaces: tiesById(d.coPlaces),
  };

/** Every entity page and the facets, from the summaries and, marked stale, from the mentions. */
function bothWays(db: Db) {
  const read = () => {
    const f = entityFacets(db, rowids(db), 10);
    return {
      pages: ids(db).map((id) => page(entityDetail(db, id, fast(db)))),
      bySql: ids(db).map((id) => page(entityDetail(db, id))),
      facets: { person: tiesById(f.person), org: tiesById(f.org), place: tiesById(f.place) },
    };
  };
  expect(ids(db).every((id) => summaryFresh(db, id))).toBe(true);
  const summarised = read();
  expect(ids(db).map((id) => entityDetail(db, id, fast(db))?.stale)).toEqual(
    ids(db).map(() => undefined),
  );
  markSummariesStale(db);
  expect(summaryFresh(db, ids(db)[0]!)).toBe(false);
  const live = read();
  // A page counted from the mentions says so, and names the command that makes it current.
  for (const id of ids(db)) {
    expect(entityDetail(db, id, fast(db))?.stale?.source).toBe("live");
  }
  db.prepare("DELETE FROM entity_summary_dirty WHERE entity_id = '*'").run();
  return { summarised, live };
}

/** All the cables of an entity, page by page through the `next` cursors. */
function walk(db: Db, id: string, size: number): string[] {
  const out: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page: EntityDetail = entityDetail(db, id, {
      cableLimit: size,
      after: after ? decodeCursor(after) : null,
    })!;
    out.push(...page.cableList.map((c) => c.referenceId));
    after = page.next;
    if (!after) return out;
  }
  throw new Error("paging does not end");
}

describe("entity summaries", () => {
  it("keep a cable in the facets when a new version names the same entities", () => {
    const db = archive();
    for (const c of step1) writeCable(db, c);
    resolveEntities(db);
    refreshEntitySummaries(db);
    const egypt = () =>
      entityFacets(db, rowids(db), 10).place.find((f) => f.value === "place-egypt")?.count;
    expect(egypt()).toBe(2);
    // Same entities, other text: the mentions are replaced by equal ones, nothing moves.
    writeCable(
      db,
      cable(
        "07CAIRO101",
        "2007-03-02T10:00:00Z",
        {
          persons: [person("Ayman Nour", { roles: ["opposition leader"] }), person("Scobey")],
          places: [{ name: "Egypt", kind: "country", variants: [], paragraphs: [1] }],
        },
        "07CAIRO101 corrected",
      ),
    );
    expect(db.prepare("SELECT count(*) FROM versions").pluck().get()).toBe(step1.length + 1);
    resolveEntities(db);
    refreshEntitySummaries(db);
    expect(egypt()).toBe(2);
    const { summarised, live } = bothWays(db);
    expect(summarised).toEqual(live);
  });

  it("give every page and facet the mentions give, in both modes, across a second ingest", () => {
    const db = archive();
    for (const c of step1) writeCable(db, c);
    resolveEntities(db);
    expect(refreshEntitySummaries(db).mode).toBe("full");
    let { summarised, live } = bothWays(db);
    expect(summarised).toEqual(live);
    // Co-mentions by the SQL join (no facet columns at hand) too.
    expect(summarised.pages).toEqual(summarised.bySql);

    for (const c of step2) writeCable(db, c);
    // Before resolution: the replaced cable's old mentions are gone from the stored lists and
    // the entities they named read live, so Asquino, now protected there, is in no public count.
    expect(summaryFresh(db, "person-mark-asquino")).toBe(false);
    resolveEntities(db);
    const report = refreshEntitySummaries(db);
    expect(report.mode).toBe("incremental");
    expect(report.entities).toBeLessThan(ids(db).length + 5);
    ({ summarised, live } = bothWays(db));
    expect(summarised).toEqual(live);
    expect(refreshEntitySummaries(db).mode).toBe("none");

    // A cable deleted (a repair): its entities and packed list go with it.
    db.prepare("DELETE FROM cables WHERE reference_id = '08CAIRO102'").run();
    resolveEntities(db);
    refreshEntitySummaries(db);
    ({ summarised, live } = bothWays(db));
    expect(summarised).toEqual(live);
    const asquino = summarised.pages.find((p) => p?.id === "person-mark-asquino")!;
    expect(asquino.cableList.map((c) => c.referenceId)).toEqual([
      "05ALMATY2200",
      "05ALMATY2121",
      "06ALMATY300",
    ]);

    setPublicMode(db);
    ({ summarised, live } = bothWays(db));
    expect(summarised).toEqual(live);
    const pub = summarised.pages.find((p) => p?.id === "person-mark-asquino")!;
    // Protected in 05ALMATY2200 now: not listed, not counted, its role span and post months gone.
    expect(pub.cables).toBe(2);
    expect(pub.cableList.map((c) => c.referenceId)).toEqual(["05ALMATY2121", "06ALMATY300"]);
    expect(pub.months).toEqual([{ month: "2005-06", count: 1 }]);
    expect(pub.roles).toEqual([
      {
        role: "CDA",
        from: "2005-06-06T14:16:00Z",
        to: "2005-06-06T14:16:00Z",
        stations: ["ALMATY"],
        cables: 1,
      },
    ]);
    expect(summarised.facets.person.find((f) => f.value === "person-mark-asquino")?.count).toBe(2);
    const nour = summarised.pages.find((p) => p?.id === "person-ayman-nour")!;
    expect(nour.cableList.map((c) => c.referenceId)).toEqual(["08CAIRO200", "07CAIRO101"]);
    expect(nour.roles.map((r) => r.cables)).toEqual([1]);
    // Scobey's co-mentions leave out Nour where he is protected.
    const scobey = summarised.pages.find((p) => p?.id === "person-margaret-scobey")!;
    expect(scobey.coPersons.find((p) => p.id === "person-ayman-nour")?.cables).toBe(2);
  });

  it("page an entity's cables newest first through cursors, the same way both ways", () => {
    const db = archive();
    for (let i = 0; i < 23; i++) {
      const day = String((i % 28) + 1).padStart(2, "0");
      writeCable(
        db,
        cable(`09ALMATY${100 + i}`, `2009-0${(i % 9) + 1}-${day}T10:00:00Z`, {
          persons: [person("Mark Asquino", { protected: i % 5 === 0 })],
        }),
      );
    }
    resolveEntities(db);
    refreshEntitySummaries(db);
    const id = "person-mark-asquino";
    const whole = entityDetail(db, id)!.cableList.map((c) => c.referenceId);
    expect(whole).toHaveLength(23);
    expect(walk(db, id, 5)).toEqual(whole);
    expect(walk(db, id, 23)).toEqual(whole);
    markSummariesStale(db);
    expect(walk(db, id, 4)).toEqual(whole);
    db.prepare("DELETE FROM entity_summary_dirty").run();
    setPublicMode(db);
    const pub = walk(db, id, 4);
    expect(pub).toHaveLength(18);
    expect(pub).toEqual(whole.filter((r) => (Number(r.slice(8)) - 100) % 5 !== 0));
    expect(decodeCursor("not a cursor")).toBeNull();
  });
});
