import type { Candle, FundingRate } from "./candle";
import type { Timeframe } from "./timeframe";

/**
 * A candle series as columns of typed arrays, the shape indicators and the engine read.
 * Index i is the i-th bar in time order; `time` holds open times in epoch ms.
 */
export interface CandleSeries {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly length: number;
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** Funding history as columns: `time[i]` is when `rate[i]` was charged (epoch ms), ascending. */
export interface FundingSeries {
  readonly symbol: string;
  readonly length: number;
  readonly time: Float64Array;
  readonly rate: Float64Array;
}

export function toCandleSeries(symbol: string, timeframe: Timeframe, candles: readonly Candle[]): CandleSeries {
  const n = candles.length;
  const s = {
    symbol,
    timeframe,
    length: n,
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  candles.forEach((c, i) => {
    s.time[i] = c.time;
    s.open[i] = c.open;
    s.high[i] = c.high;
    s.low[i] = c.low;
    s.close[i] = c.close;
    s.volume[i] = c.volume;
  });
  return s;
}

export function toFundingSeries(symbol: string, rates: readonly FundingRate[]): FundingSeries {
  const n = rates.length;
  const time = new Float64Array(n);
  const rate = new Float64Array(n);
  rates.forEach((r, i) => {
    time[i] = r.time;
    rate[i] = r.rate;
  });
  return { symbol, length: n, time, rate };
}

/** The first `length` bars of a series (views, no copy). Used to prove that nothing reads past a bar. */
export function truncateSeries(series: CandleSeries, length: number): CandleSeries {
  const n = Math.max(0, Math.min(length, series.length));
  return {
    symbol: series.symbol,
    timeframe: series.timeframe,
    length: n,
    time: series.time.subarray(0, n),
    open: series.open.subarray(0, n),
    high: series.high.subarray(0, n),
    low: series.low.subarray(0, n),
    close: series.close.subarray(0, n),
    volume: series.volume.subarray(0, n),
  };
}
