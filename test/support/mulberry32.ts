/**
 * mulberry32: a small seeded generator for tests, fuzzers, benchmarks and synthetic archives, so a
 * run can be drawn again from its seed (a failure names its seed and reruns the same). Not for
 * anything that must be unpredictable.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
