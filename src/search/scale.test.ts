/**
 * The paths search takes for large result sets (over 5,000 hits): the columnar copy for facets
 * and date keys, bitset evaluation, tiered ranking of broad text matches. An archive of 6,000
 * generated cables built from a real paragraph (09TRIPOLI212) exercises them; every large-path
 * answer is checked against the SQL path or a plain computation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Cable, emptyCable } from "../model/cable.js";
import { type Db, openArchive } from "../store/db.js";
import { writeCable } from "../store/write.js";
import { buildColumns, columnsIfBuilt } from "./columns.js";
import { compile } from "./compile.js";
import { facetsFromColumns, facetsFromSql } from "./facets.js";
import { matchIds, sortKeys } from "./hits.js";
import { search } from "./index.js";
import { parseQuery } from "./parser.js";

const N = 6000;
const STATIONS = ["TRIPOLI", "PARIS", "ALMATY"];
const ORIGINS = ["Embassy Tripoli", "Embassy Paris", "Embassy Almaty"];
const TEXT =
  "The General People's Congress ended its annual session in Sirte, approving a cabinet reshuffle " +
  "that placed intelligence chief Musa Kusa at the helm of the foreign ministry.";

function cable(i: number): Cable {
  const s = i % 3;
  const year = 2008 + (i % 2);
  const day = new Date(Date.UTC(year, 0, 1) + Math.floor(i / 2) * 5_000_000);
  const created = i % 97 === 0 ? null : day.toISOString().replace(/\.\d{3}Z$/, "Z");
  const subject = i % 100 === 0 ? `GOVERNMENT RESHUFFLE NUMBER ${i}` : `CABLE NUMBER ${i}`;
  const text = `${TEXT} The government said item${i % 50}.`;
  return {
    ...emptyCable(),
    referenceId: `${String(year).slice(2)}${STATIONS[s]}${i + 1}`,
    station: STATIONS[s]!,
    year,
    serial: i + 1,
    created,
    released: "2011-01-31T21:09:00Z",
    origin: ORIGINS[s]!,
    classification: ["CONFIDENTIAL", "SECRET", "UNCLASSIFIED", "SECRET//NOFORN"][i % 4]!,
    caveats: i % 7 === 0 ? ["NOFORN"] : [],
    tags: [
      ["LY", "FR", "KZ"][s]!,
      ...(i % 2 === 0 ? ["PGOV"] : []),
      ...(i % 5 === 0 ? ["PREL"] : []),
    ],
    subject,
    paragraphs: [{ number: 1, marking: "C", heading: null, text }],
    body: `SUBJECT: ${subject}\n\n1. (C) ${text}`,
  };
}

let db: Db;
beforeAll(() => {
  db = openArchive(":memory:");
  db.transaction(() => {
    for (let i = 0; i < N; i++) writeCable(db, cable(i), { ingestedAt: "2026-01-01T00:00:00Z" });
  })();
});
afterAll(() => db.close());

const catalog = { origins: () => ORIGINS };
const idsOf = (q: string) => matchIds(db, compile(parseQuery(q), catalog));

describe("large result sets", () => {
  it("counts facets from the columnar copy exactly as SQL does", () => {
    const cols = buildColumns(db);
    for (const q of ["government", "tag:PGOV", "NOT caveat:NOFORN", "tag:LY OR tag:KZ", "item7"]) {
      const ids = idsOf(q);
      expect(facetsFromColumns(cols, ids, 10), q).toEqual(facetsFromSql(db, ids, 10));
    }
  });

  it("evaluates AND, OR and NOT over bitsets like a direct count", () => {
    expect(idsOf("tag:PGOV").length).toBe(N / 2);
    expect(idsOf("tag:PGOV tag:PREL").length).toBe(N / 10);
    expect(idsOf("tag:PGOV OR tag:PREL").length).toBe(N / 2 + N / 10);
    expect(idsOf("NOT tag:PGOV").length).toBe(N / 2);
    // Neither PGOV (even) nor PREL (multiple of 5): odd and not a multiple of 5.
    expect(idsOf("government -tag:PGOV -tag:PREL").length).toBe(2400);
    expect(idsOf("").length).toBe(N);
  });

  it("gives the same date order with and without the columnar copy", () => {
    const plan = compile(parseQuery("tag:PGOV"), catalog);
    const ids = matchIds(db, plan);
    const withCols = sortKeys(db, plan, "-created", ids, buildColumns(db));
    const withSql = sortKeys(db, plan, "-created", ids, null);
    expect(Array.from(withCols)).toEqual(Array.from(withSql));
  });

  it("uses the columnar copy past 5,000 hits and pages through all of them in order", () => {
    const seen: string[] = [];
    const dates: (string | null)[] = [];
    let cursor: string | null = null;
    let total = 0;
    do {
      const r = search(db, "government", { sort: "created", limit: 700, cursor, snippets: false });
      total = r.total;
      seen.push(...r.hits.map((h) => h.referenceId));
      dates.push(...r.hits.map((h) => h.created));
      cursor = r.next;
    } while (cursor);
    expect(columnsIfBuilt(db)).not.toBeNull();
    expect(total).toBe(N);
    expect(new Set(seen).size).toBe(N);
    const known = dates.filter((d): d is string => d !== null);
    expect(known).toEqual([...known].sort());
    // Unknown dates come last.
    expect(dates.slice(known.length).every((d) => d === null)).toBe(true);
  });

  it("ranks subject matches first when a text match is too broad to score every body", () => {
    const r = search(db, "government", { rankAll: 100, limit: 80, facets: true });
    expect(r.total).toBe(N);
    const subjectHits = r.hits.slice(0, N / 100).map((h) => h.subject);
    expect(subjectHits.every((s) => s?.startsWith("GOVERNMENT RESHUFFLE"))).toBe(true);
    // Then the body-only matches, newest first.
    const rest = r.hits.slice(N / 100).map((h) => h.created ?? "");
    expect(rest).toEqual([...rest].sort().reverse());
    expect(r.facets?.tag[0]).toEqual({ value: "PGOV", count: N / 2 });
    expect(r.histogram?.reduce((a, h) => a + h.count, 0)).toBe(N - Math.ceil(N / 97));
  });

  it("pages through tiered relevance without loss or repetition", () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const r = search(db, "government", { rankAll: 100, limit: 1000, cursor, snippets: false });
      for (const h of r.hits) seen.add(h.referenceId);
      cursor = r.next;
    } while (cursor);
    expect(seen.size).toBe(N);
  });
});
