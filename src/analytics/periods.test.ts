import { describe, expect, it } from "vitest";
import {
  dayNumber,
  dayText,
  nextPeriod,
  periodAt,
  periodIndex,
  periodOf,
  periodRange,
  periodsBetween,
  rollUp,
} from "./periods.js";

describe("periods", () => {
  it("names the period of a date", () => {
    expect(periodOf("2008-05-13T10:00:00Z", "day")).toBe("2008-05-13");
    expect(periodOf("2008-05-13T10:00:00Z", "month")).toBe("2008-05");
    expect(periodOf("2008-05-13T10:00:00Z", "year")).toBe("2008");
    expect(periodOf("2008-05-13", "week")).toBe("2008-W20");
    // ISO weeks belong to the year of their Thursday.
    expect(periodOf("2008-12-29", "week")).toBe("2009-W01");
    expect(periodOf("2010-01-03", "week")).toBe("2009-W53");
    expect(periodOf("2010-01-04", "week")).toBe("2010-W01");
    expect(periodOf(null, "day")).toBeNull();
    expect(periodOf("unknown", "month")).toBeNull();
  });

  it("gives each period its first and last day, and they tile the calendar", () => {
    expect(periodRange("2008-02", "month")).toEqual({ from: "2008-02-01", to: "2008-02-29" });
    expect(periodRange("2009-W53", "week")).toEqual({ from: "2009-12-28", to: "2010-01-03" });
    expect(periodRange("2008", "year")).toEqual({ from: "2008-01-01", to: "2008-12-31" });
    for (const by of ["day", "week", "month", "year"] as const) {
      let k = periodOf("2003-12-20", by)!;
      for (let i = 0; i < 60; i++) {
        const next = nextPeriod(k, by);
        const end = new Date(`${periodRange(k, by).to}T00:00:00Z`).getTime();
        const start = new Date(`${periodRange(next, by).from}T00:00:00Z`).getTime();
        expect(start - end, `${by} ${k}`).toBe(86_400_000);
        expect(periodOf(periodRange(k, by).from, by)).toBe(k);
        expect(periodOf(periodRange(k, by).to, by)).toBe(k);
        k = next;
      }
    }
  });

  it("lists every period between two, and rolls days up", () => {
    expect(periodsBetween("2008-11", "2009-02", "month")).toEqual([
      "2008-11",
      "2008-12",
      "2009-01",
      "2009-02",
    ]);
    const days = [
      { day: "2009-01-31", count: 2 },
      { day: "2008-12-30", count: 1 },
      { day: "2009-01-01", count: 3 },
    ];
    expect([...rollUp(days, "month")]).toEqual([
      ["2008-12", 1],
      ["2009-01", 5],
    ]);
    expect([...rollUp(days, "week")]).toEqual([
      ["2009-W01", 4],
      ["2009-W05", 2],
    ]);
  });
});

describe("periods as integers", () => {
  it("agree with the keys and ranges of every period, and consecutive periods are consecutive", () => {
    const start = dayNumber("1899-12-25");
    expect(dayText(start)).toBe("1899-12-25");
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(Number.isNaN(dayNumber("unknown"))).toBe(true);
    let checked = 0;
    for (let day = start; day < start + 50_000; day += 13) {
      const text = dayText(day);
      expect(new Date(day * 86_400_000).toISOString().slice(0, 10)).toBe(text);
      expect(dayNumber(text)).toBe(day);
      for (const by of ["day", "week", "month", "year"] as const) {
        const index = periodIndex(day, by);
        const at = periodAt(index, by);
        expect(at.period, `${by} ${text}`).toBe(periodOf(text, by));
        expect({ from: at.from, to: at.to }).toEqual(periodRange(at.period, by));
        expect(periodAt(index + 1, by).period).toBe(nextPeriod(at.period, by));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });
});
