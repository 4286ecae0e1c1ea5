import { describe, expect, it } from "vitest";
import { type Cable, emptyCable, type Reference } from "../model/cable.js";
import { openArchive } from "./db.js";
import { archiveStats } from "./stats.js";
import { writeCable } from "./write.js";

function cable(id: string, year: number, classification: string, refs: string[]): Cable {
  const references: Reference[] = refs.map((r, i) => ({
    label: String.fromCharCode(65 + i),
    kind: r.startsWith("IIR") ? "report" : "cable",
    referenceId: r.startsWith("IIR") ? null : r,
    text: r,
  }));
  return {
    ...emptyCable(),
    referenceId: id,
    year,
    classification,
    references,
    body: `text of ${id}`,
  };
}

describe("archiveStats", () => {
  it("counts cables, versions, REF items and cited cables missing from the archive", () => {
    const db = openArchive(":memory:");
    // 03ANKARA4231 cites 03ANKARA4230 (present); 02ROME1725 cites two Rome cables not stored,
    // 04MADRID4887 cites a State cable not stored, and 02ROME1206 is cited twice.
    writeCable(db, cable("03ANKARA4230", 2003, "SECRET", []));
    writeCable(db, cable("03ANKARA4231", 2003, "SECRET", ["03ANKARA4230"]));
    writeCable(db, cable("02ROME1725", 2002, "CONFIDENTIAL", ["02ROME1206", "02ROME721"]));
    writeCable(
      db,
      cable("04MADRID4887", 2004, "SECRET", ["04STATE272165", "02ROME1206", "IIR 6 955 0183 05"]),
    );
    writeCable(db, {
      ...cable("02ROME1725", 2002, "CONFIDENTIAL", ["02ROME1206", "02ROME721"]),
      body: "edited",
    });

    const s = archiveStats(db);
    expect(s).toMatchObject({
      cables: 4,
      versions: 5,
      references: 6,
      citedCables: 4,
      missingCables: 3,
      partial: 0,
    });
    expect(s.byYear).toEqual([
      { year: 2002, count: 1 },
      { year: 2003, count: 2 },
      { year: 2004, count: 1 },
    ]);
    expect(s.byClassification).toEqual([
      { classification: "SECRET", count: 3 },
      { classification: "CONFIDENTIAL", count: 1 },
    ]);
    expect(s.bytes).toBeGreaterThan(0);
  });

  it("describes an empty archive without failing", () => {
    const s = archiveStats(openArchive(":memory:"));
    expect(s).toMatchObject({
      cables: 0,
      versions: 0,
      missingCables: 0,
      byYear: [],
      lastIngest: null,
    });
  });
});
