import { describe, expect, it } from "vitest";
import { type Cable, emptyCable } from "../model/cable.js";
import { splitId } from "../model/reference-id.js";
import {
  dateEstimate,
  declWitness,
  estimateUndated,
  refreshDateEstimates,
} from "./date-estimates.js";
import { openArchive } from "./db.js";
import { writeCable } from "./write.js";

const day = (s: string) => Date.parse(`${s}T00:00:00Z`);

describe("declWitness", () => {
  it("takes ten years off a DECL date that lands in the id's year", () => {
    expect(declWitness("2015-06-06", 2005)).toBe(day("2005-06-06"));
  });
  it("ignores DECL dates with another offset and non-dates", () => {
    expect(declWitness("2030-06-06", 2005)).toBeNull(); // 25 years
    expect(declWitness(null, 2005)).toBeNull();
    expect(declWitness("1.6X1", 2005)).toBeNull();
  });
});

describe("estimateUndated", () => {
  const u = { station: "ALMATY", year: 2005, serial: 2121, declDate: "2015-06-06" };
  it("interpolates between dated serial neighbours, the interval being the neighbours' dates", () => {
    const e = estimateUndated(
      u,
      { serial: 2101, time: day("2005-06-01") },
      { serial: 2141, time: day("2005-06-11") },
    )!;
    expect(e).toMatchObject({ date: "2005-06-06", from: "2005-06-01", to: "2005-06-11" });
    expect(e.basis).toBe("serial");
    // The DECL witness is recorded beside the serials.
    expect(e.witnesses).toHaveLength(2);
    expect(e.witnesses[1]).toContain("2015-06-06");
  });
  it("extrapolates from one neighbour to the year's edge", () => {
    const e = estimateUndated(
      { ...u, declDate: null },
      { serial: 1000, time: day("2005-03-01") },
      null,
    )!;
    expect(e.basis).toBe("serial");
    expect(e.from).toBe("2005-03-01");
    expect(e.to).toBe("2005-12-31");
    expect(e.date >= "2005-03-01" && e.date <= "2005-12-31").toBe(true);
  });
  it("falls back on the DECL witness with a week either side", () => {
    expect(estimateUndated(u, null, null)).toEqual({
      date: "2005-06-06",
      from: "2005-05-30",
      to: "2005-06-13",
      basis: "decl",
      witnesses: ["DECL 2015-06-06 − 10 years = 2005-06-06"],
    });
  });
  it("estimates nothing without a witness: the id's year is the only fact", () => {
    expect(estimateUndated({ ...u, declDate: null }, null, null)).toBeNull();
  });
});

function cable(id: string, created: string | null, declDate: string | null = null): Cable {
  return {
    ...emptyCable(),
    ...splitId(id),
    referenceId: id,
    created,
    declassification: declDate ? { authority: "E.O. 12958", date: declDate, text: declDate } : null,
    body: `${id} body`,
  };
}

describe("refreshDateEstimates", () => {
  it("dates undated cables, puts them in their month and clears the estimate once a date arrives", () => {
    const db = openArchive(":memory:");
    writeCable(db, cable("05ALMATY2101", "2005-06-01T10:00:00Z"));
    writeCable(db, cable("05ALMATY2121", null, "2015-06-06"));
    writeCable(db, cable("05ALMATY2141", "2005-06-11T10:00:00Z"));
    writeCable(db, cable("05ALMATY2200", null));
    expect(refreshDateEstimates(db)).toEqual({ estimated: 2, undated: 2 });
    expect(dateEstimate(db, "05ALMATY2121")).toMatchObject({ basis: "serial", from: "2005-06-01" });
    const month = (id: string) =>
      db
        .prepare<[string], string | null>("SELECT month FROM cables WHERE reference_id = ?")
        .pluck()
        .get(id);
    expect(month("05ALMATY2121")).toBe("2005-06");
    // A new version that carries a date replaces the estimate.
    writeCable(db, { ...cable("05ALMATY2121", "2005-06-07T08:00:00Z"), body: "newer text" });
    refreshDateEstimates(db);
    expect(dateEstimate(db, "05ALMATY2121")).toBeNull();
    expect(month("05ALMATY2121")).toBe("2005-06");
    db.close();
  });
});
