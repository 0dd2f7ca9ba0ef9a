import type { CandleSeries } from "@/lib/market/series";
import { SeededRandom } from "@/lib/market/seeded-random";
import { timeframeMs } from "@/lib/market/timeframe";

/** 2024-01-01 00:00 UTC. */
const START = Date.UTC(2024, 0, 1);

/**
 * A 5m market with nothing to learn, and signals that know nothing: independent normal returns of constant volatility
 * (0.15 % a bar: no drift regimes, no volatility clusters, unlike randomWalkSeries, whose persistent drifts a model
 * can learn), independent volumes, and signals at random bars (`signalRate` per bar).
 */
export function noiseMarket(bars: number, seed: number, signalRate: number): { series: CandleSeries; entrySignal: Uint8Array } {
  const rng = new SeededRandom(seed, "noise-market");
  const ms = timeframeMs("5m");
  const s = { symbol: "NOISEUSDT.P", timeframe: "5m" as const, length: bars, time: new Float64Array(bars), open: new Float64Array(bars), high: new Float64Array(bars), low: new Float64Array(bars), close: new Float64Array(bars), volume: new Float64Array(bars) };
  const entrySignal = new Uint8Array(bars);
  let price = 100;
  for (let i = 0; i < bars; i++) {
    const open = price;
    const close = open * (1 + 0.0015 * rng.normal());
    s.time[i] = START + i * ms;
    s.open[i] = open;
    s.close[i] = close;
    s.high[i] = Math.max(open, close) * (1 + 0.0008 * rng.next());
    s.low[i] = Math.min(open, close) * (1 - 0.0008 * rng.next());
    s.volume[i] = 100 * (0.5 + rng.next());
    entrySignal[i] = rng.next() < signalRate ? 1 : 0;
    price = close;
  }
  return { series: s, entrySignal };
}
