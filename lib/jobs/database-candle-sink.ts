import type { Database } from "@/db/client";
import { lastCandleTime } from "@/db/queries/candles";
import { lastFundingTime } from "@/db/queries/funding-rates";
import type { CandleSink } from "@/lib/exchange/candle-sink";
import type { DataSourceKind } from "@/db/queries/data-sources";
import { toCandleSeries } from "@/lib/market/series";
import { storeCandleSeries, storeFundingRates } from "./store-candle-series";

/** Commits each fetched page to the store through the common validated write path, one transaction per page. */
export function databaseCandleSink(db: Database, source: DataSourceKind): CandleSink {
  return {
    lastCandleTime: (symbol, timeframe) => lastCandleTime(db, symbol, timeframe),
    lastFundingTime: (symbol) => lastFundingTime(db, symbol),
    async writeCandles(symbol, timeframe, candles) {
      await storeCandleSeries(db, toCandleSeries(symbol, timeframe, candles), { kind: source });
    },
    async writeFundingRates(symbol, rates) {
      await storeFundingRates(db, symbol, rates, { kind: source });
    },
  };
}
