export const DAY_MS = 86_400_000;

/**
 * Simple returns between consecutive 00:00 UTC samples of the equity curve. The sample at midnight M is the equity at
 * the last point with time ≤ M (starting equity before the first point). Only whole days inside
 * [periodStart, periodEnd] count, so a partial first or last day does not skew the series.
 */
export function dailyReturns(
  equity: Float64Array,
  time: Float64Array,
  startingEquity: number,
  periodStart: number,
  periodEnd: number,
): number[] {
  const returns: number[] = [];
  let k = 0;
  let last = startingEquity;
  let previous: number | null = null;
  for (let midnight = Math.ceil(periodStart / DAY_MS) * DAY_MS; midnight <= periodEnd; midnight += DAY_MS) {
    while (k < equity.length && (time[k] ?? Infinity) <= midnight) {
      last = equity[k] ?? last;
      k++;
    }
    if (previous !== null) returns.push(previous === 0 ? 0 : last / previous - 1);
    previous = last;
  }
  return returns;
}
