export interface ReturnMoments {
  readonly observations: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1), as the backtest's Sharpe uses. */
  readonly std: number;
  /** Population skewness m₃ / m₂^1.5 (0 for a normal). */
  readonly skewness: number;
  /** Population kurtosis m₄ / m₂², NOT excess (3 for a normal), the form the PSR/DSR formulas take. */
  readonly kurtosis: number;
}

/** Moments of a return series; null with fewer than 2 observations or zero variance (shape undefined). */
export function returnMoments(returns: readonly number[]): ReturnMoments | null {
  const n = returns.length;
  if (n < 2) return null;
  const first = returns[0];
  // Constant series: exact check, since rounding would leave a spurious tiny variance.
  if (returns.every((r) => r === first)) return null;
  let sum = 0;
  for (const r of returns) sum += r;
  const mean = sum / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const r of returns) {
    const d = r - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  const std = Math.sqrt(m2 / (n - 1));
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return { observations: n, mean, std, skewness: m3 / m2 ** 1.5, kurtosis: m4 / (m2 * m2) };
}
