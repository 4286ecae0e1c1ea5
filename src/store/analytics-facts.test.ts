import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Cable, emptyCable } from "../model/cable.js";
import {
  DERIVE_VERSION,
  deriveFacts,
  type FactSet,
  LIST_KINDS,
  lineKind,
  lineRole,
  lineRoute,
  MARK_SLOTS,
  refreshAnalyticsFacts,
} from "./analytics-facts.js";
import { readFacts } from "./analytics-facts-read.js";
import { type Db, openArchive } from "./db.js";
import { writeCable } from "./write.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const POSTS = ["AMEMBASSY TIRANA", "SECSTATE WASHDC", "ARAB ISRAELI COLLECTIVE", "AMEMBASSY ROME"];

function cable(i: number, over: Partial<Cable> = {}): Cable {
  return {
    ...emptyCable(),
    referenceId: `08TIRANA${i + 1}`,
    station: "TIRANA",
    year: 2008,
    serial: i + 1,
    created: `2008-0${1 + (i % 9)}-1${i % 10}T10:00:00Z`,
    origin: i % 2 ? "Embassy Tirana" : "Embassy Rome",
    classification: ["SECRET", "CONFIDENTIAL", "UNCLASSIFIED", "SECRET//NOFORN"][i % 4]!,
    caveats: i % 4 === 3 ? ["NOFORN"] : [],
    precedence: i % 3 ? "ROUTINE" : "IMMEDIATE",
    to: [
      {
        route: i % 2 ? "RUEHC" : null,
        name: POSTS[i % 4]!,
        precedence: null,
        mcn: null,
        excluded: [],
      },
    ],
    info: POSTS.slice(0, i % 3).map((name) => ({
      route: null,
      name,
      precedence: null,
      mcn: null,
      excluded: [],
    })),
    declassification: {
      authority: null,
      date: i % 5 ? `201${i % 10}-02-01` : null,
      text: "",
    } as Cable["declassification"],
    tags: ["PREL", i % 2 ? "ETRD" : "PGOV"],
    classifiedBy:
      i % 3 === 0
        ? {
            names: ["John Smith", `Officer ${i % 2}`],
            title: "Ambassador",
            reasons: ["1.4(b)", "1.4(d)"],
            text: "",
          }
        : null,
    paragraphs: Array.from({ length: 1 + (i % 4) }, (_, k) => ({
      number: k + 1,
      marking: [null, "S/NF", "C", "U", "SBU", "X/Y"][(i + k) % 6]!,
      heading: null,
      text: `paragraph ${k} of cable ${i}`,
    })),
    body: `body ${i}`,
    ...over,
  };
}

/** A set's facts as text, per cable: what every view reads, independent of ids and layout. */
function asText(f: FactSet) {
  return Array.from(f.ids, (id, i) => ({
    id,
    month: f.month[i],
    day: f.text(f.day[i]!),
    year: f.year[i],
    level: f.text(f.level[i]!),
    origin: f.text(f.origin[i]!),
    sender: f.text(f.sender[i]!),
    precedence: f.text(f.precedence[i]!),
    horizon: f.horizon[i],
    marks: Array.from(f.marks.subarray(i * MARK_SLOTS.length, (i + 1) * MARK_SLOTS.length)),
    lists: Object.fromEntries(
      LIST_KINDS.map((k) => {
        const l = f.lists[k];
        return [k, Array.from(l.values.subarray(l.start[i]!, l.start[i + 1]!), (v) => f.text(v))];
      }),
    ),
    lines: Array.from({ length: f.lines.start[i + 1]! - f.lines.start[i]! }, (_, j) => {
      const k = f.lines.start[i]! + j;
      const flags = f.lines.flags[k]!;
      const route = lineRoute(flags);
      return {
        post: f.text(f.lines.values[k]!),
        kind: lineKind(flags),
        role: lineRole(flags),
        route: route === 0 ? null : f.text(route),
      };
    }),
  }));
}

/** The same, derived from the cables' rows now. */
function derivedNow(db: Db, ids: number[]) {
  return deriveFacts(db, ids).map((d) => ({
    ...d,
    lines: d.lines.map((l) => ({ ...l, route: l.route?.toUpperCase() ?? null })),
  }));
}

function allIds(db: Db): Int32Array {
  return Int32Array.from(db.prepare<[], number>("SELECT id FROM cables ORDER BY id").pluck().all());
}

function archive(n: number): Db {
  const db = openArchive(":memory:");
  db.transaction(() => {
    for (let i = 0; i < n; i++) writeCable(db, cable(i));
  })();
  return db;
}

describe("analytics facts", () => {
  it("stored facts read by seek and from memory equal the facts derived from the rows", () => {
    const db = archive(24);
    expect(refreshAnalyticsFacts(db)).toBe(24);
    const ids = allIds(db);
    const expected = derivedNow(db, Array.from(ids));
    expect(asText(readFacts(db, ids, { memory: false }))).toEqual(expected);
    expect(asText(readFacts(db, ids, { memory: true }))).toEqual(expected);
    // A subset, in the set's order.
    const some = ids.filter((_, i) => i % 3 === 1);
    expect(asText(readFacts(db, some, { memory: true }))).toEqual(derivedNow(db, Array.from(some)));
    const row = expected.find((e) => e.lists.classifiers.length > 0)!;
    expect(row.lists.classifiers).toEqual(["John Smith", "Officer 0"]);
    expect(expected.some((e) => e.lines.some((l) => l.kind === "collective"))).toBe(true);
  });

  it("a new version, a new cable and a changed derivation are derived again; nothing else", () => {
    const db = archive(12);
    refreshAnalyticsFacts(db);
    const before = readFacts(db, allIds(db), { memory: true });
    expect(before.n).toBe(12);
    // A new version of cable 3 (other level, addressees and markings) and a new cable.
    writeCable(
      db,
      cable(3, {
        classification: "TOP SECRET",
        to: [{ route: null, name: "AMEMBASSY PARIS", precedence: null, mcn: null, excluded: [] }],
        info: [],
        paragraphs: [{ number: 1, marking: "TS", heading: null, text: "changed" }],
      }),
    );
    writeCable(db, cable(40));
    expect(refreshAnalyticsFacts(db)).toBe(2);
    expect(refreshAnalyticsFacts(db)).toBe(0);
    const ids = allIds(db);
    const after = asText(readFacts(db, ids, { memory: true }));
    expect(after).toEqual(derivedNow(db, Array.from(ids)));
    const changed = after.find((c) => c.lines.some((l) => l.post === "PARIS"))!;
    expect(changed.level).toBe("TOP SECRET");
    expect(changed.marks[MARK_SLOTS.indexOf("TS")]).toBe(1);

    db.prepare("UPDATE analytics_facts_state SET derive = ?").run(DERIVE_VERSION - 1);
    expect(refreshAnalyticsFacts(db)).toBe(13);
  });

  it("a view on a writable archive brings stale facts up to date first; a deleted cable loses its row", () => {
    const db = archive(6);
    // Never refreshed: the first read builds every row.
    expect(asText(readFacts(db, allIds(db)))).toEqual(derivedNow(db, Array.from(allIds(db))));
    expect(db.prepare("SELECT count(*) FROM analytics_facts").pluck().get()).toBe(6);
    const id = allIds(db)[2]!;
    db.prepare("DELETE FROM cables WHERE id = ?").run(id);
    expect(
      db.prepare("SELECT count(*) FROM analytics_facts WHERE cable_id = ?").pluck().get(id),
    ).toBe(0);
  });

  it("a read-only connection reads stale cables from their rows", () => {
    const dir = mkdtempSync(join(tmpdir(), "cablegram-facts-"));
    dirs.push(dir);
    const path = join(dir, "a.db");
    const db = openArchive(path);
    for (let i = 0; i < 5; i++) writeCable(db, cable(i));
    refreshAnalyticsFacts(db);
    writeCable(db, cable(2, { classification: "TOP SECRET", origin: "Embassy Paris" }));
    writeCable(db, cable(7));
    const ro = openArchive(path, { readonly: true });
    const ids = allIds(ro);
    for (const memory of [false, true]) {
      const read = asText(readFacts(ro, ids, { memory }));
      expect(read).toEqual(derivedNow(ro, Array.from(ids)));
      expect(read.find((c) => c.origin === "Embassy Paris")?.level).toBe("TOP SECRET");
    }
    ro.close();
    db.close();
  });
});
