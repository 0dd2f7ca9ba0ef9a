import type { Candle, FundingRate } from "@/lib/market/candle";
import type { Timeframe } from "@/lib/market/timeframe";

/**
 * Where fetched market data is committed, page by page. Writes must be idempotent upserts keyed by time, so a
 * fetch that is killed and re-run never duplicates rows; the `last*Time` reads are where a fetch resumes.
 */
export interface CandleSink {
  /** Open time (ms) of the newest stored candle, if any. */
  lastCandleTime(symbol: string, timeframe: Timeframe): Promise<number | undefined>;
  writeCandles(symbol: string, timeframe: Timeframe, candles: Candle[]): Promise<void>;
  lastFundingTime(symbol: string): Promise<number | undefined>;
  writeFundingRates(symbol: string, rates: FundingRate[]): Promise<void>;
}
