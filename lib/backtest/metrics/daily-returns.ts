import { upperBound } from "../search";

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
  let previous: number | null = null;
  for (let midnight = Math.ceil(periodStart / DAY_MS) * DAY_MS; midnight <= periodEnd; midnight += DAY_MS) {
    // Binary search for the sample rather than a walk over every bar: a day of 1m bars is 1,440 points.
    const k = upperBound(time, midnight, equity.length);
    const last = k > 0 ? (equity[k - 1] ?? startingEquity) : startingEquity;
    if (previous !== null) returns.push(previous === 0 ? 0 : last / previous - 1);
    previous = last;
  }
  return returns;
}
