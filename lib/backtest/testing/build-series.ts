import { toCandleSeries, type CandleSeries } from "../../market/series";
import { type Timeframe, timeframeMs } from "../../market/timeframe";

/** 2024-01-01 00:00 UTC: bars in tests start on a UTC midnight. */
export const T0 = Date.UTC(2024, 0, 1);
export const MINUTE = 60_000;

export type Ohlc = readonly [open: number, high: number, low: number, close: number];

/** A series from [open, high, low, close] rows, contiguous bars from `start`. */
export function buildSeries(timeframe: Timeframe, rows: readonly Ohlc[], start = T0, symbol = "TESTUSDT.P"): CandleSeries {
  const ms = timeframeMs(timeframe);
  return toCandleSeries(symbol, timeframe, rows.map(([open, high, low, close], i) => ({ time: start + i * ms, open, high, low, close, volume: 1 })));
}

/** 1m candles at explicit open times (to build partial minute data). */
export function buildMinutes(rows: readonly (readonly [time: number, ...ohlc: Ohlc])[]): CandleSeries {
  const series = buildSeries("1m", rows.map(([, o, h, l, c]) => [o, h, l, c] as const));
  rows.forEach(([t], i) => {
    series.time[i] = t;
  });
  return series;
}
