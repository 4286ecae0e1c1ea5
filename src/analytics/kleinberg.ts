/**
 * Burst detection: Kleinberg's two-state automaton over batched counts ("Bursty and Hierarchical
 * Structure in Streams", KDD 2002, §4 enumerating bursts), the method Gao et al. (2017) ran over
 * per-TAG cable traffic. Each bin t holds r[t] matching cables out of d[t] cables in all. The base
 * state emits matches at the overall rate p0 = Σr / Σd, the burst state at p1 = s · p0; moving up
 * costs γ · ln n (n bins), moving down is free. The cheapest state sequence (Viterbi) is in the
 * burst state over each burst. A burst's strength is what the burst state saves over the base state
 * across its bins: Σ (cost₀ − cost₁), Kleinberg's burst weight.
 *
 * Dividing by d[t] makes a burst a rise in the *share* of traffic, so a month that is busy for every
 * TAG (the corpus is uneven over time) is not a burst of each.
 */

export interface BurstOptions {
  /** Ratio of the burst rate to the base rate (Kleinberg's s; default 2). */
  s?: number;
  /** Cost of entering the burst state, in units of ln n (Kleinberg's γ; default 1). */
  gamma?: number;
}

export interface Burst {
  /** First and last bin of the burst (indices into the series). */
  start: number;
  end: number;
  /** Kleinberg's burst weight: how much cheaper the burst state explains these bins. */
  strength: number;
  /** Matching cables in the burst's bins. */
  count: number;
}

/** What the automaton needs of a whole series: the two rates' logs and the cost of moving up. */
export interface BurstModel {
  lp0: number;
  lq0: number;
  lp1: number;
  lq1: number;
  up: number;
}

/**
 * The model of a series of `n` bins with `R` matches out of `D` cables in all, or null when it
 * can hold no burst.
 */
export function burstModel(
  R: number,
  D: number,
  n: number,
  opts: BurstOptions = {},
): BurstModel | null {
  const s = opts.s ?? 2;
  const gamma = opts.gamma ?? 1;
  if (n < 2 || R === 0 || D === 0) return null;
  const p0 = R / D;
  const p1 = Math.min(s * p0, 0.9999);
  if (p1 <= p0) return null;
  return {
    lp0: Math.log(p0),
    lq0: Math.log(1 - p0),
    lp1: Math.log(p1),
    lq1: Math.log(1 - p1),
    up: gamma * Math.log(n),
  };
}

/**
 * Bursts of `counts` against `totals` (same length; counts[t] ≤ totals[t]), in time order.
 * Throws on series of different lengths or counts above totals: a caller's mistake.
 */
export function detectBursts(
  counts: ArrayLike<number>,
  totals: ArrayLike<number>,
  opts: BurstOptions = {},
): Burst[] {
  const n = counts.length;
  if (totals.length !== n) throw new Error("counts and totals differ in length");
  let R = 0;
  let D = 0;
  let first = -1;
  let last = -1;
  for (let t = 0; t < n; t++) {
    const r = counts[t]!;
    const d = totals[t]!;
    if (!(r >= 0 && d >= r)) throw new Error(`bin ${t}: ${r} matches out of ${d}`);
    R += r;
    D += d;
    if (r > 0) {
      if (first < 0) first = t;
      last = t;
    }
  }
  const model = burstModel(R, D, n, opts);
  return model ? burstsWithin(counts, totals, first, last, model) : [];
}

/**
 * The Viterbi pass of detectBursts over the bins that can matter: from the first bin with a match
 * (moved back over the empty bins, d = 0, just before it) to the last one. Outside them every bin
 * has r = 0, where the burst state costs more than the base state or the same (d = 0), and moving
 * up costs the same wherever it happens; so the cheapest path is in the base state there, and the
 * decisions inside depend only on c1 − c0, which starts the same at any bin of the empty run —
 * the path, and so every burst, is the one the whole series gives (the tests hold them equal). A
 * TAG's series is often a few years of a span of decades: this is what keeps bursts of every TAG
 * of a broad set cheap.
 */
export function burstsWithin(
  counts: ArrayLike<number>,
  totals: ArrayLike<number>,
  first: number,
  last: number,
  m: BurstModel,
): Burst[] {
  if (first < 0 || last < first) return [];
  let from = first;
  // Zero up-cost makes ties everywhere: keep the whole prefix then, as the full pass would.
  if (m.up > 0) while (from > 0 && totals[from - 1] === 0) from--;
  else from = 0;
  const cost0 = (r: number, d: number) => (d === 0 ? 0 : -(r * m.lp0 + (d - r) * m.lq0));
  const cost1 = (r: number, d: number) => (d === 0 ? 0 : -(r * m.lp1 + (d - r) * m.lq1));
  const len = last - from + 1;
  // back[t] holds, per state, the state at t-1 on the cheapest path.
  const back = new Uint8Array(len * 2);
  let c0 = cost0(counts[from]!, totals[from]!);
  let c1 = m.up + cost1(counts[from]!, totals[from]!);
  for (let t = 1; t < len; t++) {
    const r = counts[from + t]!;
    const d = totals[from + t]!;
    const stay0 = c0;
    const down = c1;
    const n0 = Math.min(stay0, down) + cost0(r, d);
    back[t * 2] = down < stay0 ? 1 : 0;
    const stay1 = c1;
    const rise = c0 + m.up;
    const n1 = Math.min(stay1, rise) + cost1(r, d);
    back[t * 2 + 1] = rise < stay1 ? 0 : 1;
    c0 = n0;
    c1 = n1;
  }
  const states = new Uint8Array(len);
  let state = c1 < c0 ? 1 : 0;
  for (let t = len - 1; t >= 0; t--) {
    states[t] = state;
    if (t > 0) state = back[t * 2 + state]!;
  }

  const bursts: Burst[] = [];
  for (let t = 0; t < len; t++) {
    if (states[t] !== 1) continue;
    const start = t;
    let strength = 0;
    let count = 0;
    while (t < len && states[t] === 1) {
      const r = counts[from + t]!;
      const d = totals[from + t]!;
      strength += cost0(r, d) - cost1(r, d);
      count += r;
      t++;
    }
    if (strength > 0) bursts.push({ start: from + start, end: from + t - 1, strength, count });
  }
  return bursts;
}
