import type { Database } from "@/db/client";
import type { TimeRange } from "@/db/queries/candles";
import { loadFundingRates } from "@/db/queries/funding-rates";
import type { MarketBundle } from "@/lib/hypothesis-runs/market-bundle";
import { toFundingSeries, type CandleSeries } from "@/lib/market/series";
import type { Timeframe } from "@/lib/market/timeframe";
import { loadCachedSeries } from "./series-cache";

/** Loads one instrument's stored candles for the given timeframes (absent ones stay absent) and its funding history. */
export async function loadMarketBundle(db: Database, symbol: string, timeframes: readonly Timeframe[], range: TimeRange = {}): Promise<MarketBundle> {
  const series: Partial<Record<Timeframe, CandleSeries>> = {};
  for (const tf of timeframes) {
    const loaded = await loadCachedSeries(db, symbol, tf, range);
    if (loaded.length > 0) series[tf] = loaded;
  }
  return { symbol, series, funding: toFundingSeries(symbol, await loadFundingRates(db, symbol, range)) };
}
