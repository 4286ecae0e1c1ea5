import { describe, expect, it } from "vitest";
import { type Cable, emptyCable } from "../model/cable.js";
import { type Db, openArchive } from "../store/db.js";
import { writeCable } from "../store/write.js";
import { coverage, coverageFromCounts } from "./coverage.js";
import { loadCoverageIndex } from "./coverage-index.js";
import { sqliteAnalytics } from "./sqlite-source.js";

function cable(station: string, serial: number, cites: string[]): Cable {
  return {
    ...emptyCable(),
    referenceId: `08${station}${serial}`,
    station,
    year: 2008,
    serial,
    created: `2008-03-0${1 + (serial % 9)}T10:00:00Z`,
    references: cites.map((id, k) => ({
      label: String.fromCharCode(65 + k),
      kind: "cable",
      referenceId: id,
      text: id,
    })),
    body: `body ${station} ${serial}`,
  } as Cable;
}

const ids = (db: Db, where = "1") =>
  Int32Array.from(
    db.prepare<[], number>(`SELECT id FROM cables WHERE ${where} ORDER BY id`).pluck().all(),
  );

describe("coverage from the per-connection index", () => {
  it("equals coverage in SQL, and follows new cables that were cited but missing", async () => {
    const db = openArchive(":memory:");
    const src = sqliteAnalytics(db);
    const write = (c: Cable) => db.transaction(() => writeCable(db, c))();
    write(cable("TIRANA", 5, ["08TIRANA9", "08ROME40", "07ROME3", "not an id"]));
    write(cable("TIRANA", 12, ["08TIRANA9", "08TIRANA5"]));
    write(cable("ROME", 7, ["08TIRANA9", "08ROME40"]));
    write(cable("ROME", 2, []));
    loadCoverageIndex(db);
    for (const set of [null, ids(db), ids(db, "station = 'ROME'"), ids(db, "serial = 12")]) {
      expect(await coverage(src, set)).toEqual(await coverageFromCounts(src, set));
    }
    const tirana = async () =>
      (await coverage(src, null)).rows.find((r) => r.station === "TIRANA")!;
    expect(await tirana()).toMatchObject({ held: 2, missing: 1, highestSerial: 12 });
    expect(
      (await coverage(src, null)).rows.find((r) => r.station === "ROME" && r.year === 2007),
    ).toEqual({
      station: "ROME",
      year: 2007,
      held: 0,
      highestSerial: 3,
      share: 0,
      missing: 1,
    });

    // The cited cable arrives: it is held now, no longer missing, in the index as in SQL.
    write(cable("TIRANA", 9, []));
    expect(await tirana()).toMatchObject({ held: 3, missing: 0, highestSerial: 12 });
    expect(await coverage(src, null)).toEqual(await coverageFromCounts(src, null));
    expect(await coverage(src, ids(db))).toEqual(await coverageFromCounts(src, ids(db)));
    db.close();
  });
});
