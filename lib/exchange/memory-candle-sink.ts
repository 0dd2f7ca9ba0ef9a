import type { Candle, FundingRate } from "@/lib/market/candle";
import type { Timeframe } from "@/lib/market/timeframe";
import type { CandleSink } from "./candle-sink";

function newest(times: Iterable<number>): number | undefined {
  let max: number | undefined;
  for (const time of times) if (max === undefined || time > max) max = time;
  return max;
}

/** In-memory CandleSink with the same upsert-by-time semantics a database sink must have (tests, dry runs). */
export class MemoryCandleSink implements CandleSink {
  private readonly candleSeries = new Map<string, Map<number, Candle>>();
  private readonly fundingSeries = new Map<string, Map<number, FundingRate>>();
  /** Number of write calls, so tests can see page-by-page commits. */
  writes = 0;

  private series(symbol: string, timeframe: Timeframe): Map<number, Candle> {
    const key = `${symbol}|${timeframe}`;
    let rows = this.candleSeries.get(key);
    if (rows === undefined) {
      rows = new Map();
      this.candleSeries.set(key, rows);
    }
    return rows;
  }

  private funding(symbol: string): Map<number, FundingRate> {
    let rows = this.fundingSeries.get(symbol);
    if (rows === undefined) {
      rows = new Map();
      this.fundingSeries.set(symbol, rows);
    }
    return rows;
  }

  async lastCandleTime(symbol: string, timeframe: Timeframe): Promise<number | undefined> {
    return newest(this.series(symbol, timeframe).keys());
  }

  async writeCandles(symbol: string, timeframe: Timeframe, candles: Candle[]): Promise<void> {
    this.writes++;
    const rows = this.series(symbol, timeframe);
    for (const candle of candles) rows.set(candle.time, { ...candle });
  }

  async lastFundingTime(symbol: string): Promise<number | undefined> {
    return newest(this.funding(symbol).keys());
  }

  async writeFundingRates(symbol: string, rates: FundingRate[]): Promise<void> {
    this.writes++;
    const rows = this.funding(symbol);
    for (const rate of rates) rows.set(rate.time, { ...rate });
  }

  /** Stored candles in time order. */
  candles(symbol: string, timeframe: Timeframe): Candle[] {
    return [...this.series(symbol, timeframe).values()].sort((a, b) => a.time - b.time);
  }

  fundingRates(symbol: string): FundingRate[] {
    return [...this.funding(symbol).values()].sort((a, b) => a.time - b.time);
  }
}
