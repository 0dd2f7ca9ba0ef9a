/**
 * Kaufman efficiency ratio |c_t − c_{t−n}| / Σ_{k=t−n+1..t} |c_k − c_{k−1}|: 1 for a straight path, near 0 for noise.
 * NaN for t < n (warm-up); 0 for a perfectly flat window (no directional movement at all).
 */
export interface EfficiencyRatioState {
  readonly period: number;
  /** The rolling path length after the bars seen so far. */
  path: number;
}

export function efficiencyRatioState(period: number): EfficiencyRatioState {
  return { period, path: 0 };
}

/** The ratio at bars [from, to), in a column indexed from `from`; the state must have seen bars [0, from). */
export function advanceEfficiencyRatio(state: EfficiencyRatioState, close: Float64Array, from: number, to: number): Float64Array {
  const period = state.period;
  const out = new Float64Array(to - from).fill(NaN);
  let path = state.path;
  for (let t = Math.max(from, 1); t < to; t++) {
    path += Math.abs((close[t] ?? NaN) - (close[t - 1] ?? NaN));
    if (t > period) path -= Math.abs((close[t - period] ?? NaN) - (close[t - period - 1] ?? NaN));
    if (t < period) continue;
    const net = Math.abs((close[t] ?? NaN) - (close[t - period] ?? NaN));
    // The rolling sum can drift a hair below the net move; clamp so a straight path reads exactly 1.
    out[t - from] = path > 0 ? Math.min(1, net / path) : 0;
  }
  state.path = path;
  return out;
}

export function efficiencyRatio(close: Float64Array, period: number, length = close.length): Float64Array {
  return advanceEfficiencyRatio(efficiencyRatioState(period), close, 0, length);
}
