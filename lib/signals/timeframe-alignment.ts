import { normaliseTo8h } from "@/lib/market/funding-interval";
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

/**
 * Funding rate known at each bar's close — the last rate with time <= bar close time — as an 8-hour-equivalent rate,
 * so `Funding > 0.0003` means the same on 8-hourly venues and on Kraken's hourly funding. The interval is the smallest
 * spacing between the events known so far (causal, and a missing event can only widen a gap, never narrow it). NaN
 * until two events are known.
 */
export function fundingAtClose(base: CandleSeries, funding: FundingSeries): Float64Array {
  const out = new Float64Array(base.length).fill(Number.NaN);
  const baseMs = timeframeMs(base.timeframe);
  let j = -1;
  let interval = Number.POSITIVE_INFINITY;
  for (let t = 0; t < base.length; t++) {
    const closeT = (base.time[t] ?? Number.NaN) + baseMs;
    while (j + 1 < funding.length && (funding.time[j + 1] ?? Number.POSITIVE_INFINITY) <= closeT) {
      j++;
      const gap = (funding.time[j] ?? Number.NaN) - (funding.time[j - 1] ?? Number.NaN);
      if (gap > 0 && gap < interval) interval = gap;
    }
    if (j >= 0 && Number.isFinite(interval)) out[t] = normaliseTo8h(funding.rate[j] ?? Number.NaN, interval);
  }
  return out;
}
