import type { CandleSeries } from "../series";
import { timeframeMs, type Timeframe } from "../timeframe";
import { uniformDraws } from "./uniform-draws";

/** Midnight UTC, 2024-01-01: aligned to every timeframe the tests resample to. */
export const EPOCH_START = Date.UTC(2024, 0, 1);

/**
 * A random-walk market with volatility regimes, trends and occasional volume spikes, so that the catalog's
 * rules (extremes, crosses, spikes) actually fire.
 */
export function randomWalkSeries(symbol: string, timeframe: Timeframe, length: number, seed: number, start = EPOCH_START): CandleSeries {
  const rand = uniformDraws(seed);
  const ms = timeframeMs(timeframe);
  const s = {
    symbol,
    timeframe,
    length,
    time: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
  };
  let price = 30_000;
  let vol = 0.0015;
  let drift = 0;
  for (let i = 0; i < length; i++) {
    if (rand() < 0.01) vol = 0.0005 + rand() * 0.003;
    if (rand() < 0.005) drift = (rand() - 0.5) * 0.001;
    const shock = rand() < 0.01 ? (rand() - 0.5) * 12 : 1;
    const open = price;
    const close = open * (1 + drift + (rand() - 0.5) * 2 * vol * Math.abs(shock));
    s.time[i] = start + i * ms;
    s.open[i] = open;
    s.close[i] = close;
    s.high[i] = Math.max(open, close) * (1 + rand() * vol);
    s.low[i] = Math.min(open, close) * (1 - rand() * vol);
    s.volume[i] = 100 * (0.5 + rand()) * (Math.abs(shock) > 1 || rand() < 0.03 ? 2 + rand() * 4 : 1);
    price = close;
  }
  return s;
}
