import { randomWalkSeries } from "@/lib/market/testing/random-walk-series";

/** The long series kernels are compared with technicalindicators on: 20,000 5m bars of a random walk near 30,000. */
export const LONG = randomWalkSeries("BTCUSDT.P", "5m", 20_000, 7);
export const LONG_HLC = { high: Array.from(LONG.high), low: Array.from(LONG.low), close: Array.from(LONG.close) };

export const f64 = (values: readonly number[]): Float64Array => Float64Array.from(values);

/** 12 bars with true ranges easy to check by hand. */
export const SHORT_BARS = {
  high: f64([10.5, 11.2, 11.0, 11.8, 12.4, 12.1, 11.6, 11.9, 12.8, 13.1, 12.7, 12.2]),
  low: f64([10.0, 10.4, 10.3, 10.9, 11.5, 11.3, 10.8, 11.1, 11.7, 12.3, 11.9, 11.4]),
  close: f64([10.2, 11.0, 10.6, 11.6, 12.0, 11.5, 11.0, 11.8, 12.6, 12.5, 12.0, 11.6]),
};

/** 12 closes in whole numbers, for averages worked out by hand. */
export const SHORT_CLOSES = f64([10, 11, 12, 11, 13, 14, 13, 15, 16, 15, 17, 18]);
