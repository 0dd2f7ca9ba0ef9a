import type { CandleSeries } from "../market/series";
import { timeframeMs } from "../market/timeframe";

const cache = new WeakMap<CandleSeries, Float64Array>();

/**
 * Close time of every bar (open + timeframe), computed once per series object and shared by every run on it, since a
 * sweep runs many hypotheses on the same series. Treat the returned array as read-only.
 */
export function barCloseTimes(series: CandleSeries): Float64Array {
  const cached = cache.get(series);
  if (cached && cached.length === series.length) return cached;
  const ms = timeframeMs(series.timeframe);
  const out = new Float64Array(series.length);
  for (let i = 0; i < series.length; i++) out[i] = (series.time[i] ?? NaN) + ms;
  cache.set(series, out);
  return out;
}
