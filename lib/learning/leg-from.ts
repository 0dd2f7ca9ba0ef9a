import type { LegInput } from "@/lib/backtest/types";
import { timeframeMs } from "@/lib/market/timeframe";

/**
 * The leg from its first bar closing at or after `time` on (views, no copy): a learned variant trades only from its
 * first model's bar, so its run, metrics and equity cover that period alone. Funding and 1m candles are read by time,
 * so they stay whole.
 */
export function legFrom(leg: LegInput, time: number): LegInput {
  const step = timeframeMs(leg.series.timeframe);
  let start = 0;
  while (start < leg.series.length && (leg.series.time[start] ?? Number.POSITIVE_INFINITY) + step < time) start++;
  const s = leg.series;
  return {
    ...leg,
    series: {
      symbol: s.symbol,
      timeframe: s.timeframe,
      length: s.length - start,
      time: s.time.subarray(start),
      open: s.open.subarray(start),
      high: s.high.subarray(start),
      low: s.low.subarray(start),
      close: s.close.subarray(start),
      volume: s.volume.subarray(start),
    },
    entrySignal: leg.entrySignal.subarray(start),
    atr: leg.atr.subarray(start),
    ...(leg.regimes ? { regimes: leg.regimes.subarray(start) } : {}),
  };
}
