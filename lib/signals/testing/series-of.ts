import { EPOCH_START } from "@/lib/market/testing/random-walk-series";
import type { CandleSeries } from "@/lib/market/series";
import { timeframeMs, type Timeframe } from "@/lib/market/timeframe";

/** A tiny hand-written series for exact-value tests; high/low default to close ± 1, volume to 1. */
export function seriesOf(
  closes: readonly number[],
  options: { timeframe?: Timeframe; high?: readonly number[]; low?: readonly number[]; volume?: readonly number[]; open?: readonly number[]; start?: number } = {},
): CandleSeries {
  const timeframe = options.timeframe ?? "5m";
  const ms = timeframeMs(timeframe);
  const start = options.start ?? EPOCH_START;
  return {
    symbol: "TESTUSDT.P",
    timeframe,
    length: closes.length,
    time: Float64Array.from(closes, (_, i) => start + i * ms),
    open: Float64Array.from(closes, (c, i) => options.open?.[i] ?? c),
    high: Float64Array.from(closes, (c, i) => options.high?.[i] ?? c + 1),
    low: Float64Array.from(closes, (c, i) => options.low?.[i] ?? c - 1),
    close: Float64Array.from(closes),
    volume: Float64Array.from(closes, (_, i) => options.volume?.[i] ?? 1),
  };
}
