import type { Database } from "@/db/client";
import { loadCandles, type TimeRange } from "@/db/queries/candles";
import { loadFundingRates } from "@/db/queries/funding-rates";
import type { MarketBundle } from "@/lib/research/market-bundle";
import { toCandleSeries, toFundingSeries, type CandleSeries } from "@/lib/market/series";
import type { Timeframe } from "@/lib/market/timeframe";

/** Loads one instrument's stored candles for the given timeframes (absent ones stay absent) and its funding history. */
export async function loadMarketBundle(db: Database, symbol: string, timeframes: readonly Timeframe[], range: TimeRange = {}): Promise<MarketBundle> {
  const series: Partial<Record<Timeframe, CandleSeries>> = {};
  for (const tf of timeframes) {
    const candles = await loadCandles(db, symbol, tf, range);
    if (candles.length > 0) series[tf] = toCandleSeries(symbol, tf, candles);
  }
  return { symbol, series, funding: toFundingSeries(symbol, await loadFundingRates(db, symbol, range)) };
}
