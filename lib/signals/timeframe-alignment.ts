import type { CandleSeries, FundingSeries } from "@/lib/market/series";
import { timeframeMs } from "@/lib/market/timeframe";

/**
 * For each bar t of `base`, the index of the last bar of `other` that had closed when bar t closed:
 * other.time[j] + tf(other) <= base.time[t] + tf(base); -1 when none. This is the only way a rule reads another
 * timeframe, so an unfinished higher-timeframe bar can never leak into a decision.
 */
export function closedBarIndex(base: CandleSeries, other: CandleSeries): Int32Array {
  const out = new Int32Array(base.length).fill(-1);
  const baseMs = timeframeMs(base.timeframe);
  const otherMs = timeframeMs(other.timeframe);
  let j = -1;
  for (let t = 0; t < base.length; t++) {
    const closeT = (base.time[t] ?? Number.NaN) + baseMs;
    while (j + 1 < other.length && (other.time[j + 1] ?? Number.POSITIVE_INFINITY) + otherMs <= closeT) j++;
    out[t] = j;
  }
  return out;
}

/** Funding rate known at each bar's close: the last rate with time <= bar close time; NaN before the first. */
export function fundingAtClose(base: CandleSeries, funding: FundingSeries): Float64Array {
  const out = new Float64Array(base.length).fill(Number.NaN);
  const baseMs = timeframeMs(base.timeframe);
  let j = -1;
  for (let t = 0; t < base.length; t++) {
    const closeT = (base.time[t] ?? Number.NaN) + baseMs;
    while (j + 1 < funding.length && (funding.time[j + 1] ?? Number.POSITIVE_INFINITY) <= closeT) j++;
    if (j >= 0) out[t] = funding.rate[j] ?? Number.NaN;
  }
  return out;
}
