import type { CandleSeries } from "@/lib/market/series";
import { SeededRandom } from "@/lib/market/seeded-random";
import { timeframeMs } from "@/lib/market/timeframe";

export interface PlantedOutcomeMarket {
  readonly series: CandleSeries;
  readonly entrySignal: Uint8Array;
  /** Signal bars, and whether each was planted to win. */
  readonly signals: readonly { readonly bar: number; readonly win: boolean }[];
}

/** 2024-01-01 00:00 UTC. */
const START = Date.UTC(2024, 0, 1);

/**
 * A quiet 5m market (±0.05 % a bar) with long signals whose outcome is planted: the bar after the entry bar runs 3 %
 * up (through a 1 % stop / 2R target's target) with probability `winProbability(signal bar's close time)`, otherwise
 * 2 % down through the stop. Between signals (8 to 48 bars apart) nothing reaches either exit.
 */
export function plantedOutcomeMarket(bars: number, seed: number, winProbability: (closeTime: number) => number): PlantedOutcomeMarket {
  const rng = new SeededRandom(seed, "planted-outcome");
  const ms = timeframeMs("5m");
  const s = { symbol: "PLANTUSDT.P", timeframe: "5m" as const, length: bars, time: new Float64Array(bars), open: new Float64Array(bars), high: new Float64Array(bars), low: new Float64Array(bars), close: new Float64Array(bars), volume: new Float64Array(bars) };
  const entrySignal = new Uint8Array(bars);
  const signals: { bar: number; win: boolean }[] = [];
  let price = 100;
  let nextSignal = 30;
  let outcome: { bar: number; entry: number; win: boolean } | undefined;
  for (let i = 0; i < bars; i++) {
    const open = price;
    let close = open * (1 + 0.0005 * rng.normal());
    let high = Math.max(open, close) * (1 + 0.0003 * rng.next());
    let low = Math.min(open, close) * (1 - 0.0003 * rng.next());
    if (outcome && outcome.bar === i) {
      const { entry, win } = outcome;
      close = entry * (win ? 1.025 : 0.985);
      high = win ? entry * 1.03 : Math.max(open, close) * 1.0005;
      low = win ? Math.min(open, close) * 0.9995 : entry * 0.98;
      outcome = undefined;
    }
    const time = START + i * ms;
    s.time[i] = time;
    s.open[i] = open;
    s.close[i] = close;
    s.high[i] = high;
    s.low[i] = low;
    s.volume[i] = 100 * (0.5 + rng.next());
    price = close;
    if (i === nextSignal && i + 2 < bars) {
      const win = rng.next() < winProbability(time + ms);
      entrySignal[i] = 1;
      signals.push({ bar: i, win });
      // The entry fills at the next bar's open (this close); the bar after decides.
      outcome = { bar: i + 2, entry: close, win };
      nextSignal = i + 8 + Math.floor(rng.next() * 40);
    }
  }
  return { series: s, entrySignal, signals };
}
