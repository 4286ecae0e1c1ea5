import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../test/support/mulberry32.js";
import { detectBursts } from "./kleinberg.js";

function binomial(d: number, p: number, rand: () => number): number {
  let r = 0;
  for (let i = 0; i < d; i++) if (rand() < p) r++;
  return r;
}

/** A series with a base rate and planted windows at a higher rate; totals vary bin to bin. */
function planted(
  seed: number,
  n: number,
  base: number,
  windows: { start: number; end: number; rate: number }[],
) {
  const rand = mulberry32(seed);
  const totals = Array.from({ length: n }, () => 200 + Math.floor(rand() * 600));
  const counts = totals.map((d, t) => {
    const w = windows.find((x) => t >= x.start && t <= x.end);
    return binomial(d, w ? w.rate : base, rand);
  });
  return { counts, totals };
}

describe("detectBursts (Kleinberg two-state)", () => {
  it("recovers planted bursts within one bin, over many seeds", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rand = mulberry32(seed * 7919);
      const n = 60 + Math.floor(rand() * 60);
      const len1 = 3 + Math.floor(rand() * 6);
      const s1 = 5 + Math.floor(rand() * (n / 2 - 12));
      const len2 = 2 + Math.floor(rand() * 5);
      const s2 = Math.floor(n / 2) + 3 + Math.floor(rand() * (n / 2 - 12));
      const windows = [
        { start: s1, end: s1 + len1 - 1, rate: 0.08 },
        { start: s2, end: s2 + len2 - 1, rate: 0.1 },
      ];
      const { counts, totals } = planted(seed, n, 0.02, windows);
      const found = detectBursts(counts, totals);
      expect(found.length, `seed ${seed}`).toBe(2);
      for (const [i, w] of windows.entries()) {
        expect(Math.abs(found[i]!.start - w.start), `seed ${seed} start`).toBeLessThanOrEqual(1);
        expect(Math.abs(found[i]!.end - w.end), `seed ${seed} end`).toBeLessThanOrEqual(1);
        expect(found[i]!.strength).toBeGreaterThan(0);
      }
    }
  });

  it("finds nothing in a steady series, however busy the months", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { counts, totals } = planted(seed, 96, 0.05, []);
      expect(detectBursts(counts, totals), `seed ${seed}`).toEqual([]);
    }
  });

  it("does not call a busy month a burst when the share stays the same", () => {
    const totals = Array.from({ length: 40 }, (_, t) => (t >= 20 && t < 25 ? 5000 : 500));
    const counts = totals.map((d) => d / 10);
    expect(detectBursts(counts, totals)).toEqual([]);
  });

  it("a stronger burst weighs more and counts its cables", () => {
    const totals = Array(50).fill(100);
    const counts = Array(50).fill(2);
    for (let t = 10; t < 13; t++) counts[t] = 10;
    for (let t = 30; t < 33; t++) counts[t] = 30;
    const [weak, strong] = detectBursts(counts, totals);
    expect(weak).toMatchObject({ start: 10, end: 12, count: 30 });
    expect(strong).toMatchObject({ start: 30, end: 32, count: 90 });
    expect(strong!.strength).toBeGreaterThan(weak!.strength);
  });

  it("handles empty, silent and degenerate series", () => {
    expect(detectBursts([], [])).toEqual([]);
    expect(detectBursts([0, 0, 0], [5, 5, 5])).toEqual([]);
    expect(detectBursts([0, 0], [0, 0])).toEqual([]);
    expect(detectBursts([5, 5, 5], [5, 5, 5])).toEqual([]);
    expect(() => detectBursts([1], [1, 2])).toThrow(/length/);
    expect(() => detectBursts([3], [2])).toThrow(/3 matches out of 2/);
  });
});
