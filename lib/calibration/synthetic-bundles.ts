import { TRADING_TIMEFRAMES, type Timeframe } from "@/lib/market/timeframe";
import { resampleSeries } from "@/lib/market/resample-candles";
import { toFundingSeries, type CandleSeries } from "@/lib/market/series";
import type { SyntheticMarket } from "@/lib/market/synthetic-market";
import type { MarketBundle } from "../hypothesis-runs/market-bundle";

/**
 * A synthetic market as the pipeline's backtests read it after storing it: 1m, every trading timeframe resampled with
 * the span's end as the clock (as the data phase stores them), and the funding prints.
 */
export function syntheticBundles(market: SyntheticMarket): MarketBundle[] {
  return market.instruments.map((inst) => {
    const series: Partial<Record<Timeframe, CandleSeries>> = { "1m": inst.candles1m };
    for (const tf of TRADING_TIMEFRAMES) series[tf] = resampleSeries(inst.candles1m, tf, { nowMs: market.endMs }).series;
    return { symbol: inst.symbol, series, funding: toFundingSeries(inst.symbol, inst.funding) };
  });
}
