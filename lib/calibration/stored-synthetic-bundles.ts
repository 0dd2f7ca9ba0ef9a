import { syntheticMarketBundles } from "@/lib/hypothesis-runs/synthetic-market-bundles";
import type { MarketBundle } from "@/lib/hypothesis-runs/market-bundle";
import type { SyntheticMarket } from "@/lib/market/synthetic-market";
import { TRADING_TIMEFRAMES } from "@/lib/market/timeframe";

/**
 * A synthetic market as the pipeline's backtests read it after storing it: 1m, every trading timeframe resampled with
 * the span's end as the clock (as the data phase stores them), and the funding prints.
 */
export function storedSyntheticBundles(market: SyntheticMarket): MarketBundle[] {
  return syntheticMarketBundles(market, TRADING_TIMEFRAMES, { nowMs: market.endMs });
}
