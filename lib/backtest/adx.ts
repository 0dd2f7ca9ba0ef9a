/**
 * Wilder's ADX, causal: value t uses bars ≤ t. The first value is at index 2·period − 1 (period bars to seed the
 * smoothed DM/TR, then period DX values to seed the ADX); earlier values are NaN.
 */
export function adx(high: Float64Array, low: Float64Array, close: Float64Array, period: number, length = close.length): Float64Array {
  const out = new Float64Array(length).fill(NaN);
  let trSum = 0;
  let plusSum = 0;
  let minusSum = 0;
  let dxSum = 0;
  let value = NaN;
  for (let t = 1; t < length; t++) {
    const h = high[t] ?? NaN;
    const l = low[t] ?? NaN;
    const prevClose = close[t - 1] ?? NaN;
    const up = h - (high[t - 1] ?? NaN);
    const down = (low[t - 1] ?? NaN) - l;
    const plusDm = up > down && up > 0 ? up : 0;
    const minusDm = down > up && down > 0 ? down : 0;
    const tr = Math.max(h - l, Math.abs(h - prevClose), Math.abs(l - prevClose));
    if (t <= period) {
      trSum += tr;
      plusSum += plusDm;
      minusSum += minusDm;
    } else {
      trSum = trSum - trSum / period + tr;
      plusSum = plusSum - plusSum / period + plusDm;
      minusSum = minusSum - minusSum / period + minusDm;
    }
    if (t < period) continue;
    const plusDi = trSum > 0 ? (100 * plusSum) / trSum : 0;
    const minusDi = trSum > 0 ? (100 * minusSum) / trSum : 0;
    const diSum = plusDi + minusDi;
    const dx = diSum > 0 ? (100 * Math.abs(plusDi - minusDi)) / diSum : 0;
    if (t < 2 * period - 1) {
      dxSum += dx;
      continue;
    }
    value = t === 2 * period - 1 ? (dxSum + dx) / period : (value * (period - 1) + dx) / period;
    out[t] = value;
  }
  return out;
}
