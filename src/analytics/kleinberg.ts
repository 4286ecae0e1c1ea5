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

/** −log-likelihood of r matches out of d under rate p, without the binomial term both states share. */
function cost(r: number, d: number, p: number): number {
  if (d === 0) return 0;
  return -(r * Math.log(p) + (d - r) * Math.log(1 - p));
}

/**
 * Bursts of `counts` against `totals` (same length; counts[t] ≤ totals[t]), in time order.
 * Throws on series of different lengths or counts above totals: a caller's mistake.
 */
export function detectBursts(
  counts: readonly number[],
  totals: readonly number[],
  opts: BurstOptions = {},
): Burst[] {
  const n = counts.length;
  if (totals.length !== n) throw new Error("counts and totals differ in length");
  const s = opts.s ?? 2;
  const gamma = opts.gamma ?? 1;
  let R = 0;
  let D = 0;
  for (let t = 0; t < n; t++) {
    const r = counts[t]!;
    const d = totals[t]!;
    if (!(r >= 0 && d >= r)) throw new Error(`bin ${t}: ${r} matches out of ${d}`);
    R += r;
    D += d;
  }
  if (n < 2 || R === 0 || D === 0) return [];
  const p0 = R / D;
  const p1 = Math.min(s * p0, 0.9999);
  if (p1 <= p0) return [];
  const up = gamma * Math.log(n);

  // Viterbi over two states; back[t] holds, per state, the state at t-1 on the cheapest path.
  const back = new Uint8Array(n * 2);
  let c0 = cost(counts[0]!, totals[0]!, p0);
  let c1 = up + cost(counts[0]!, totals[0]!, p1);
  for (let t = 1; t < n; t++) {
    const r = counts[t]!;
    const d = totals[t]!;
    const stay0 = c0;
    const down = c1;
    const n0 = Math.min(stay0, down) + cost(r, d, p0);
    back[t * 2] = down < stay0 ? 1 : 0;
    const stay1 = c1;
    const rise = c0 + up;
    const n1 = Math.min(stay1, rise) + cost(r, d, p1);
    back[t * 2 + 1] = rise < stay1 ? 0 : 1;
    c0 = n0;
    c1 = n1;
  }
  const states = new Uint8Array(n);
  let state = c1 < c0 ? 1 : 0;
  for (let t = n - 1; t >= 0; t--) {
    states[t] = state;
    if (t > 0) state = back[t * 2 + state]!;
  }

  const bursts: Burst[] = [];
  for (let t = 0; t < n; t++) {
    if (states[t] !== 1) continue;
    const start = t;
    let strength = 0;
    let count = 0;
    while (t < n && states[t] === 1) {
      strength += cost(counts[t]!, totals[t]!, p0) - cost(counts[t]!, totals[t]!, p1);
      count += counts[t]!;
      t++;
    }
    bursts.push({ start, end: t - 1, strength, count });
  }
  return bursts.filter((b) => b.strength > 0);
}
