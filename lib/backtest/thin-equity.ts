/**
 * At most `maxPoints` equity points for storage and charts: an even stride through the curve, always keeping the
 * last point and each stride's lowest point so drawdowns stay visible. Metrics are computed on the full curve.
 */
export function thinEquity(time: Float64Array, equity: Float64Array, maxPoints = 1500): { time: number[]; equity: number[] } {
  const n = Math.min(time.length, equity.length);
  if (n <= maxPoints) return { time: Array.from(time.subarray(0, n)), equity: Array.from(equity.subarray(0, n)) };
  const stride = Math.ceil(n / maxPoints);
  const outTime: number[] = [];
  const outEquity: number[] = [];
  for (let start = 0; start < n; start += stride) {
    const end = Math.min(n, start + stride);
    let low = start;
    for (let i = start + 1; i < end; i++) if ((equity[i] ?? Infinity) < (equity[low] ?? Infinity)) low = i;
    outTime.push(time[low] ?? 0);
    outEquity.push(equity[low] ?? 0);
  }
  if (outTime.at(-1) !== time[n - 1]) {
    outTime.push(time[n - 1] ?? 0);
    outEquity.push(equity[n - 1] ?? 0);
  }
  return { time: outTime, equity: outEquity };
}
