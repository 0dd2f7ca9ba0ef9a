import { SeededRandom } from "../market/seeded-random";
import { toCandleSeries, type CandleSeries } from "../market/series";
import { type Timeframe, timeframeMs } from "../market/timeframe";
import type { BacktestInput } from "./types";

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

export function signals(n: number, ...at: number[]): Uint8Array {
  const out = new Uint8Array(n);
  for (const i of at) out[i] = 1;
  return out;
}

/** Flat-priced defaults: long, 1 % stop, 2R target, no slippage, 10 000 equity, risk 2 % with leverage 10. */
export function makeInput(series: CandleSeries, overrides: Partial<BacktestInput> = {}): BacktestInput {
  return {
    series,
    entrySignal: signals(series.length, 0),
    direction: "long",
    atr: new Float64Array(series.length).fill(1),
    exits: { stop: { kind: "bps", bps: 100 }, target: { kind: "r", multiple: 2 } },
    maxHoldMinutes: 10_000,
    slippagePips: 0,
    fees: { taker: 0.0005, maker: 0.0002 },
    sizing: { mode: "risk", riskFraction: 0.02, leverage: 10 },
    startingEquity: 10_000,
    ...overrides,
  };
}

/** Deterministic uniform draws in [0, 1) for property tests (the market generator's PRNG). */
export function seededRandom(seed: number): () => number {
  const rng = new SeededRandom(seed);
  return () => rng.next();
}
