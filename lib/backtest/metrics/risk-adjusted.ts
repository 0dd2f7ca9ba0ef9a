const ANNUALISE = Math.sqrt(365);

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Annualised Sharpe of daily returns: mean / sample standard deviation × √365 (crypto trades every day). */
export function sharpeRatio(daily: readonly number[]): number | null {
  if (daily.length < 2) return null;
  const m = mean(daily);
  let ss = 0;
  for (const v of daily) ss += (v - m) ** 2;
  const std = Math.sqrt(ss / (daily.length - 1));
  return std > 0 ? (m / std) * ANNUALISE : null;
}

/**
 * Annualised Sortino: mean / downside deviation × √365, downside deviation = √(Σ min(r, 0)² / n) over all n days
 * (target 0). Null when no day lost money (no downside to divide by).
 */
export function sortinoRatio(daily: readonly number[]): number | null {
  if (daily.length < 2) return null;
  let ss = 0;
  for (const v of daily) if (v < 0) ss += v * v;
  const downside = Math.sqrt(ss / daily.length);
  return downside > 0 ? (mean(daily) / downside) * ANNUALISE : null;
}
