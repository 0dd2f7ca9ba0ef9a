import { syntheticMarketBundles } from "../../hypothesis-runs/synthetic-market-bundles";
import type { MarketBundle } from "../../hypothesis-runs/market-bundle";
import { generateSyntheticMarket } from "../../market/synthetic-market";
import type { Timeframe } from "../../market/timeframe";

export const DAY_MS = 86_400_000;

/** A fresh synthetic 1m market for `symbols` over `days` from 2024-03-01, resampled to `timeframes`, with its funding. */
export function generatedBundles(symbols: readonly string[], days: number, timeframes: readonly Timeframe[], seed: number | string = 11): MarketBundle[] {
  const startMs = Date.UTC(2024, 2, 1);
  return syntheticMarketBundles(generateSyntheticMarket({ seed, symbols, startMs, endMs: startMs + days * DAY_MS }), timeframes);
}
