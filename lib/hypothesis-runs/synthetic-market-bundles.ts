import { resampleSeries, type ResampleOptions } from "@/lib/market/resample-candles";
import { toFundingSeries, type CandleSeries } from "@/lib/market/series";
import type { SyntheticMarket } from "@/lib/market/synthetic-market";
import type { Timeframe } from "@/lib/market/timeframe";
import type { MarketBundle } from "./market-bundle";

/** A synthetic market as the engine reads a stored one: its 1m candles, `timeframes` resampled from them, its funding. */
export function syntheticMarketBundles(market: SyntheticMarket, timeframes: readonly Timeframe[], resample: ResampleOptions = {}): MarketBundle[] {
  return market.instruments.map((inst) => {
    const series: Partial<Record<Timeframe, CandleSeries>> = { "1m": inst.candles1m };
    for (const tf of timeframes) series[tf] = resampleSeries(inst.candles1m, tf, resample).series;
    return { symbol: inst.symbol, series, funding: toFundingSeries(inst.symbol, inst.funding) };
  });
}
