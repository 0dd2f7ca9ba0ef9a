import { resampleSeries } from "../../market/resample-candles";
import { toFundingSeries } from "../../market/series";
import { generateSyntheticMarket } from "../../market/synthetic-market";
import type { Timeframe } from "../../market/timeframe";
import type { MarketBundle } from "../../hypothesis-runs/market-bundle";

export const DAY_MS = 86_400_000;

/** Synthetic 1m market for `symbols` over `days`, resampled to `timeframes`, with the generator's funding. */
export function syntheticBundles(symbols: readonly string[], days: number, timeframes: readonly Timeframe[], seed: number | string = 11): MarketBundle[] {
  const startMs = Date.UTC(2024, 2, 1);
  const market = generateSyntheticMarket({ seed, symbols, startMs, endMs: startMs + days * DAY_MS });
  return market.instruments.map((inst) => {
    const series: MarketBundle["series"] = { "1m": inst.candles1m };
    for (const tf of timeframes) series[tf] = resampleSeries(inst.candles1m, tf).series;
    return { symbol: inst.symbol, series, funding: toFundingSeries(inst.symbol, inst.funding) };
  });
}
