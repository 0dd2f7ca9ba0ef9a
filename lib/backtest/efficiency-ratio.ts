/**
 * Kaufman efficiency ratio |c_t − c_{t−n}| / Σ_{k=t−n+1..t} |c_k − c_{k−1}|: 1 for a straight path, near 0 for noise.
 * NaN for t < n (warm-up); 0 for a perfectly flat window (no directional movement at all).
 */
export function efficiencyRatio(close: Float64Array, period: number, length = close.length): Float64Array {
  const out = new Float64Array(length).fill(NaN);
  let path = 0;
  for (let t = 1; t < length; t++) {
    path += Math.abs((close[t] ?? NaN) - (close[t - 1] ?? NaN));
    if (t > period) path -= Math.abs((close[t - period] ?? NaN) - (close[t - period - 1] ?? NaN));
    if (t < period) continue;
    const net = Math.abs((close[t] ?? NaN) - (close[t - period] ?? NaN));
    // The rolling sum can drift a hair below the net move; clamp so a straight path reads exactly 1.
    out[t] = path > 0 ? Math.min(1, net / path) : 0;
  }
  return out;
}
