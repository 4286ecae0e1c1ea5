import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../test/support/mulberry32.js";
import { type Burst, detectBursts } from "./kleinberg.js";

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

/** The automaton over every bin of the series, as first written: what detectBursts must equal. */
function everyBin(counts: number[], totals: number[], gamma = 1): Burst[] {
  const n = counts.length;
  const R = counts.reduce((a, b) => a + b, 0);
  const D = totals.reduce((a, b) => a + b, 0);
  if (n < 2 || R === 0 || D === 0) return [];
  const p0 = R / D;
  const p1 = Math.min(2 * p0, 0.9999);
  if (p1 <= p0) return [];
  const cost = (r: number, d: number, p: number) =>
    d === 0 ? 0 : -(r * Math.log(p) + (d - r) * Math.log(1 - p));
  const up = gamma * Math.log(n);
  const back = new Uint8Array(n * 2);
  let c0 = cost(counts[0]!, totals[0]!, p0);
  let c1 = up + cost(counts[0]!, totals[0]!, p1);
  for (let t = 1; t < n; t++) {
    const [r, d] = [counts[t]!, totals[t]!];
    const n0 = Math.min(c0, c1) + cost(r, d, p0);
    back[t * 2] = c1 < c0 ? 1 : 0;
    const n1 = Math.min(c1, c0 + up) + cost(r, d, p1);
    back[t * 2 + 1] = c0 + up < c1 ? 0 : 1;
    c0 = n0;
    c1 = n1;
  }
  const states = new Uint8Array(n);
  let state = c1 < c0 ? 1 : 0;
  for (let t = n - 1; t >= 0; t--) {
    states[t] = state;
    if (t > 0) state = back[t * 2 + state]!;
  }
  const out: Burst[] = [];
  for (let t = 0; t < n; t++) {
    if (states[t] !== 1) continue;
    const start = t;
    let strength = 0;
    let count = 0;
    for (; t < n && states[t] === 1; t++) {
      strength += cost(counts[t]!, totals[t]!, p0) - cost(counts[t]!, totals[t]!, p1);
      count += counts[t]!;
    }
    out.push({ start, end: t - 1, strength, count });
  }
  return out.filter((b) => b.strength > 0);
}

describe("detectBursts (Kleinberg two-state)", () => {
  it("equals the pass over every bin on sparse series with empty months", () => {
    // Series like a TAG's: silent for years, active for a few, inside a span with empty bins.
    let bursts = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const rand = mulberry32(seed * 104_729);
      const n = 2 + Math.floor(rand() * 150);
      const totals = Array.from({ length: n }, () => (rand() < 0.15 ? 0 : Math.floor(rand() * 50)));
      const lo = Math.floor(rand() * n);
      const hi = lo + Math.floor(rand() * (n - lo));
      const counts = totals.map((d, t) =>
        t < lo || t > hi ? 0 : Math.min(d, Math.floor(rand() * rand() * d * 0.6)),
      );
      for (const gamma of [1, 0.5, 0]) {
        const want = everyBin(counts, totals, gamma);
        bursts += want.length;
        expect(detectBursts(counts, totals, { gamma }), `seed ${seed} gamma ${gamma}`).toEqual(
          want,
        );
      }
    }
    expect(bursts).toBeGreaterThan(100);
  });

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
